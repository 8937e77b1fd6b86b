using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>A booking's refund as organizers see it.</summary>
public sealed record RefundView(Guid BookingId, BookingStatus Status, string Reason, long AmountCents, string Currency, string? StripeRefundId);

/// <summary>
/// An organizer refunds a booking's online payment in full, at any time. An active booking ends Refunded (its slot
/// goes to the waitlist, a calendar cancel goes to the attendee); asking again answers with the refund already made.
/// </summary>
public sealed record RefundBooking(Guid SymposiumId, Guid BookingId) : ICommand<Result<RefundView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, BookingId];
}

internal sealed class RefundBookingHandler(BookingDb db, IClock clock, StripeGateway stripe, BookingMails mails, IOptions<WaitlistOptions> waitlist)
    : ICommandHandler<RefundBooking, Result<RefundView>>
{
    public async ValueTask<Result<RefundView>> Handle(RefundBooking command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.Bookings
            .FromSql($"SELECT * FROM bookings WHERE id = {command.BookingId} AND symposium_id = {command.SymposiumId} FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);
        if (booking is null)
        {
            return BookingErrors.NotFound;
        }

        RefundOutcome outcome;
        try
        {
            outcome = await Refunds.IssueAsync(db, stripe, booking.Id, RefundReason.Organizer, now, cancellationToken);
        }
        catch (PaymentProviderException)
        {
            return PaymentErrors.ProviderUnavailable; // the transaction rolls back with the refund row
        }

        if (outcome == RefundOutcome.NotPaid)
        {
            return PaymentErrors.NotPaid;
        }

        if (outcome == RefundOutcome.Issued && booking.IsActive)
        {
            var wasHolding = booking.HoldsSlotAt(now);
            booking.MarkRefunded(now);
            await mails.CancelledAsync(booking, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (wasHolding)
            {
                await WaitlistOffers.OfferFreedSlotsAsync(db, [booking.SlotId], now, waitlist.Value.OfferDuration, cancellationToken);
            }
        }

        await tx.CommitAsync(cancellationToken);
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.BookingId == booking.Id, cancellationToken);
        return new RefundView(booking.Id, booking.Status, ApiFormat.Enum(refund.Reason), refund.AmountCents, refund.Currency, refund.StripeRefundId);
    }
}
