using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Payments;

public static class PaymentErrors
{
    public static readonly Error ProviderUnavailable =
        new("payment.provider_unavailable", ErrorKind.Unavailable,
            "The payment service is not answering right now. Nothing was booked or changed; please try again in a minute.");

    public static readonly Error InvalidSignature =
        new("payment.invalid_signature", ErrorKind.Validation, "The event's Stripe-Signature is missing, wrong or too old.");

    public static readonly Error WebhookNotConfigured =
        new("payment.webhook_unconfigured", ErrorKind.Unavailable, "Stripe:WebhookSecret is not configured, so no event can be verified.");

    public static readonly Error NotPaid =
        new("payment.not_paid", ErrorKind.Rule, "This booking has no online payment to refund.");
}
