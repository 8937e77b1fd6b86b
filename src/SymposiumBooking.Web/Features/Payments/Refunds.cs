using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>What an attempt to refund a booking did.</summary>
public enum RefundOutcome
{
    /// <summary>This call wrote the refund row and Stripe refunded.</summary>
    Issued,

    /// <summary>The booking was refunded before; nothing was asked of Stripe.</summary>
    AlreadyRefunded,

    /// <summary>The booking has no paid online payment.</summary>
    NotPaid,
}

/// <summary>
/// Refunds a booking's payment in full, exactly once (docs/adr/0022-one-refund-per-booking.md): the refund row is
/// inserted first under the one-per-booking unique index, and only the transaction that inserted it asks Stripe
/// (idempotency key <c>refund-{bookingId}</c>). Runs inside the caller's transaction, so when Stripe fails the row
/// and the caller's change roll back together (a <see cref="PaymentProviderException"/> propagates).
/// </summary>
public static class Refunds
{
    public static async Task<RefundOutcome> IssueAsync(
        BookingDb db, StripeGateway stripe, Guid bookingId, RefundReason reason, Instant now, CancellationToken ct)
    {
        var paymentIntent = await db.OnlinePayments.Where(p => p.BookingId == bookingId).Select(p => p.PaymentIntentId).FirstOrDefaultAsync(ct);
        return paymentIntent is null ? RefundOutcome.NotPaid : await IssueAsync(db, stripe, bookingId, paymentIntent, reason, now, ct);
    }

    /// <inheritdoc cref="IssueAsync(BookingDb, StripeGateway, Guid, RefundReason, Instant, CancellationToken)"/>
    public static async Task<RefundOutcome> IssueAsync(
        BookingDb db, StripeGateway stripe, Guid bookingId, string paymentIntentId, RefundReason reason, Instant now, CancellationToken ct)
    {
        var reasonName = reason.ToString();
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO refunds (id, booking_id, reason, amount_cents, currency, created_at)
            SELECT {Guid.CreateVersion7()}, b.id, {reasonName}, b.price_cents, b.currency, {now} FROM bookings b WHERE b.id = {bookingId}
            ON CONFLICT (booking_id) DO NOTHING
            """, ct);
        if (claimed == 0)
        {
            return RefundOutcome.AlreadyRefunded;
        }

        var refund = await stripe.RefundAsync(bookingId, paymentIntentId, reasonName, ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE refunds SET stripe_refund_id = {refund.Id} WHERE booking_id = {bookingId}", ct);
        return RefundOutcome.Issued;
    }
}
