using Microsoft.AspNetCore.DataProtection;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>
/// Makes the Stripe Checkout Session of a new online booking, inside the booking's transaction
/// (docs/adr/0020-checkout-session-before-commit.md): when Stripe does not answer, the booking is rolled back and the
/// attendee hears 503 <c>payment.provider_unavailable</c>, never a hold they cannot pay.
/// </summary>
public sealed partial class CheckoutSessions(
    BookingDb db, StripeGateway stripe, IDataProtectionProvider protection, PublicUrls urls, ILogger<CheckoutSessions> logger)
{
    /// <summary>Stripe refuses a session that expires less than 30 minutes after it is made; a minute more covers the call itself.</summary>
    public static readonly Duration ShortestSession = Duration.FromMinutes(BookingPolicy.MinimumOnlineHoldMinutes + 1);

    private readonly IDataProtector _protector = protection.CreateProtector(BookingMails.ManageLinkPurpose);

    /// <summary>
    /// How long an online booking holds its slot: the policy's hold, and never under Stripe's 30 minutes (a policy set
    /// while online payment was off may be shorter).
    /// </summary>
    public static Duration HoldFor(BookingPolicy policy) =>
        Duration.FromMinutes(Math.Max(policy.HoldMinutes, BookingPolicy.MinimumOnlineHoldMinutes));

    /// <summary>
    /// When the session expires: the hold's end, unless that is too close for Stripe; then the session outlives the
    /// hold by under a minute, and a payment in that minute is a late payment (confirmed if the slot is free).
    /// </summary>
    public static Instant ExpiresAt(Instant holdExpiresAt, Instant now) => Instant.Max(holdExpiresAt, now + ShortestSession);

    /// <summary>Creates the session (idempotency key <c>checkout-{bookingId}</c>) and adds its row; the caller saves.</summary>
    public async Task<Result<string>> StartAsync(Booking booking, Symposium symposium, string token, Instant now, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string> { ["booking_id"] = booking.Id.ToString(), ["symposium_id"] = symposium.Id.ToString() };
        var request = new CheckoutRequest(
            StripeGateway.CheckoutKey(booking.Id),
            metadata,
            booking.Id.ToString(),
            [new CheckoutLine($"Massage at the {symposium.Year} ST/Dystonia symposium, {symposium.City}", booking.PriceCents, 1)],
            booking.Currency,
            booking.AttendeeEmail,
            ExpiresAt(booking.HoldExpiresAt!.Value, now),
            urls.CheckoutReturn(booking.Id, paid: true),
            urls.CheckoutReturn(booking.Id, paid: false));
        Stripe.Checkout.Session session;
        try
        {
            session = await stripe.CreateCheckoutAsync(request, ct);
        }
        catch (PaymentProviderException e)
        {
            LogCheckoutFailed(logger, booking.Id, e);
            return PaymentErrors.ProviderUnavailable;
        }

        db.OnlinePayments.Add(OnlinePayment.Create(booking.Id, session.Id, session.Url, _protector.Protect(token), now));
        return session.Url;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Checkout Session for booking {BookingId}: the booking is rolled back")]
    private static partial void LogCheckoutFailed(ILogger logger, Guid bookingId, Exception exception);
}
