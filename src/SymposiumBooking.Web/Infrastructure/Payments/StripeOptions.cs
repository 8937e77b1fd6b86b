using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Infrastructure.Payments;

/// <summary>Stripe settings from configuration (<c>Stripe__SecretKey</c>, ...). Without a key online payment is off.</summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    public string? ApiBase { get; set; }

    public bool OnlinePaymentEnabled => !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>
    /// The rules checked at start (docs/adr/0095). Half-configured Stripe (a key without the webhook secret, or the other
    /// way round) stops Production; elsewhere a key without the secret only warns (<see cref="StripeStartup"/>).
    /// </summary>
    public static IEnumerable<string?> Problems(StripeOptions o, SettingsContext context)
    {
        yield return string.IsNullOrWhiteSpace(o.ApiBase) || Uri.TryCreate(o.ApiBase, UriKind.Absolute, out _)
            ? null
            : Setting.Problem("Stripe:ApiBase", $"must be an absolute URL, not '{o.ApiBase}'");
        if (context.Production)
        {
            var key = !string.IsNullOrWhiteSpace(o.SecretKey);
            var secret = !string.IsNullOrWhiteSpace(o.WebhookSecret);
            yield return key && !secret
                ? Setting.Problem("Stripe:WebhookSecret", "is not set while Stripe:SecretKey is: set both (online payment) or neither (payment at the table)")
                : null;
            yield return secret && !key
                ? Setting.Problem("Stripe:SecretKey", "is not set while Stripe:WebhookSecret is: set both (online payment) or neither (payment at the table)")
                : null;
        }
    }
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
