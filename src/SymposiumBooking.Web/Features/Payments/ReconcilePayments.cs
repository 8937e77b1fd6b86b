using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>One disagreement between Stripe and our bookings.</summary>
/// <param name="Kind">
/// <c>paid_not_confirmed</c>, <c>confirmed_unpaid</c>, <c>refunded_but_active</c>, or <c>paid_session_mismatch</c> (a paid
/// session that names the booking but is not its own checkout, or not its amount or currency: never confirmed by us).
/// </param>
public sealed record PaymentMismatch(string Kind, Guid? BookingId, string? AttendeeName, string? Status, string? StripeId, string Detail);

public sealed record ReconciliationReport(
    Guid SymposiumId, DateTimeOffset CheckedAt, int SessionsChecked, int RefundsChecked, IReadOnlyList<PaymentMismatch> Mismatches);

/// <summary>
/// Compares Stripe's Checkout Sessions and refunds for a symposium (those created since the symposium was) with the
/// symposium's online bookings, and lists every mismatch. It reads only; fixing is a person's decision.
/// </summary>
public sealed record ReconcilePayments(Guid SymposiumId) : IQuery<Result<ReconciliationReport>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId];
}

internal sealed class ReconcilePaymentsHandler(BookingDb db, IClock clock, StripeGateway stripe)
    : IQueryHandler<ReconcilePayments, Result<ReconciliationReport>>
{
    public const string PaidNotConfirmed = "paid_not_confirmed";
    public const string ConfirmedUnpaid = "confirmed_unpaid";
    public const string RefundedButActive = "refunded_but_active";
    public const string PaidSessionMismatch = "paid_session_mismatch";

    private static readonly BookingStatus[] Kept = [BookingStatus.Confirmed, BookingStatus.Completed, BookingStatus.NoShow];

    public async ValueTask<Result<ReconciliationReport>> Handle(ReconcilePayments query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        List<Stripe.Checkout.Session> sessions;
        List<Stripe.Refund> stripeRefunds;
        try
        {
            sessions = await stripe.SessionsCreatedSinceAsync(symposium.CreatedAt, cancellationToken);
            stripeRefunds = await stripe.RefundsCreatedSinceAsync(symposium.CreatedAt, cancellationToken);
        }
        catch (PaymentProviderException)
        {
            return PaymentErrors.ProviderUnavailable;
        }

        var symposiumId = symposium.Id.ToString();
        sessions = [.. sessions.Where(s => s.Metadata is not null && s.Metadata.TryGetValue("symposium_id", out var e) && e == symposiumId)];
        var bookings = await (
                from b in db.Bookings.AsNoTracking()
                where b.SymposiumId == symposium.Id && b.Payment == PaymentMethod.Online
                join p in db.OnlinePayments on b.Id equals p.BookingId into payments
                from p in payments.DefaultIfEmpty()
                select new { b.Id, b.Status, b.AttendeeName, b.PriceCents, b.Currency, SessionId = p == null ? null : p.CheckoutSessionId, PaymentIntentId = p == null ? null : p.PaymentIntentId })
            .ToListAsync(cancellationToken);
        var refunded = (await db.Refunds.AsNoTracking().Where(r => bookings.Select(b => b.Id).Contains(r.BookingId)).Select(r => r.BookingId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var byId = bookings.ToDictionary(b => b.Id);
        var paidSessions = sessions.Where(s => s.PaymentStatus == "paid").ToList();
        var mismatches = new List<PaymentMismatch>();
        var paidBookings = new HashSet<Guid>();

        foreach (var s in paidSessions)
        {
            // The booking the session names, read as the webhook reads it (metadata first).
            var named = s.Metadata is not null && s.Metadata.TryGetValue("booking_id", out var raw) ? raw : s.ClientReferenceId;
            var id = Guid.TryParse(named, out var parsed) ? parsed : (Guid?)null;
            var booking = id is { } known && byId.TryGetValue(known, out var b) ? b : null;
            if (booking is null)
            {
                mismatches.Add(new(PaidNotConfirmed, id, null, null, s.Id, "Stripe has a paid session for a booking we do not have."));
            }
            else if (s.Id != booking.SessionId || s.AmountTotal != booking.PriceCents
                     || !string.Equals(s.Currency, booking.Currency.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                mismatches.Add(new(PaidSessionMismatch, booking.Id, booking.AttendeeName, ApiFormat.Enum(booking.Status), s.Id,
                    "Paid at Stripe, but not through the booking's own checkout, amount and currency, so it was not confirmed: decide by hand."));
            }
            else
            {
                paidBookings.Add(booking.Id); // its own session, paid
                if (!Kept.Contains(booking.Status) && !refunded.Contains(booking.Id))
                {
                    mismatches.Add(new(PaidNotConfirmed, booking.Id, booking.AttendeeName, ApiFormat.Enum(booking.Status), s.Id,
                        "Paid at Stripe, but the booking is not confirmed and was not refunded."));
                }
            }
        }

        foreach (var b in bookings.Where(b => Kept.Contains(b.Status) && !paidBookings.Contains(b.Id)))
        {
            mismatches.Add(new(ConfirmedUnpaid, b.Id, b.AttendeeName, ApiFormat.Enum(b.Status), b.SessionId,
                "Confirmed as paid online, but Stripe has no paid session for it."));
        }

        var byPaymentIntent = bookings.Where(b => b.PaymentIntentId is not null).ToDictionary(b => b.PaymentIntentId!);
        foreach (var r in stripeRefunds.Where(r => r.Status is "succeeded" or "pending"))
        {
            if (r.PaymentIntentId is { } pi && byPaymentIntent.TryGetValue(pi, out var b) && (Kept.Contains(b.Status) || b.Status == BookingStatus.AwaitingPayment))
            {
                mismatches.Add(new(RefundedButActive, b.Id, b.AttendeeName, ApiFormat.Enum(b.Status), r.Id,
                    "Refunded at Stripe, but the booking still holds its slot."));
            }
        }

        return new ReconciliationReport(symposium.Id, ApiFormat.Local(clock.GetCurrentInstant(), symposium.Zone), sessions.Count, stripeRefunds.Count,
            [.. mismatches.OrderBy(m => m.Kind, StringComparer.Ordinal).ThenBy(m => m.AttendeeName, StringComparer.Ordinal)]);
    }
}
