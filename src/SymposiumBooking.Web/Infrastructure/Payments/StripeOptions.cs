namespace SymposiumBooking.Web.Infrastructure.Payments;

/// <summary>Stripe settings from configuration (<c>Stripe__SecretKey</c>, ...). Without a key online payment is off.</summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    public string? ApiBase { get; set; }

    public bool OnlinePaymentEnabled => !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>Says at start-up what the Stripe settings mean (docs/adr/0021).</summary>
public static partial class StripeStartup
{
    public static void WarnWhenHalfConfigured(WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StripeOptions>>().Value;
        if (options.OnlinePaymentEnabled && string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            LogNoWebhookSecret(app.Logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stripe:SecretKey is set but Stripe:WebhookSecret is not: attendees can pay, but no payment is confirmed until the webhook secret is configured (the webhook answers 503)")]
    private static partial void LogNoWebhookSecret(ILogger logger);
}
