using NodaTime;

namespace SymposiumBooking.Domain.Payments;

/// <summary>
/// The Stripe Checkout Session of an online booking: one per booking, made when the booking is, and what webhooks
/// and reconciliation match Stripe's objects against. The attendee's manage token is kept here encrypted (Data
/// Protection) only so the payment-received mail can carry a working manage link; the token itself is never stored.
/// </summary>
public sealed class OnlinePayment
{
    private OnlinePayment()
    {
    }

    public Guid BookingId { get; private set; }

    public string CheckoutSessionId { get; private set; } = "";

    public string CheckoutUrl { get; private set; } = "";

    /// <summary>Stripe's payment once the session is paid; refunds are made against it.</summary>
    public string? PaymentIntentId { get; private set; }

    public string? ProtectedManageToken { get; private set; }

    public Instant? PaidAt { get; private set; }

    public Instant CreatedAt { get; private set; }

    public static OnlinePayment Create(Guid bookingId, string sessionId, string url, string? protectedManageToken, Instant now) => new()
    {
        BookingId = bookingId,
        CheckoutSessionId = sessionId,
        CheckoutUrl = url,
        ProtectedManageToken = protectedManageToken,
        CreatedAt = now,
    };
}
