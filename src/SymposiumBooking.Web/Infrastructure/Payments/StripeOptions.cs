namespace SymposiumBooking.Web.Infrastructure.Payments;

/// <summary>Stripe settings from configuration (<c>Stripe__SecretKey</c>, ...). Without a key online payment is off.</summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    public string? ApiBase { get; set; }

    public bool OnlinePaymentEnabled => !string.IsNullOrWhiteSpace(SecretKey);
}
