using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>A booking's refund as organizers see it.</summary>
public sealed record RefundView(Guid BookingId, BookingStatus Status, string Reason, long AmountCents, string Currency, string? StripeRefundId);

/// <summary>
/// An organizer refunds a booking's online payment in full, at any time. An active booking ends Refunded (its slot
/// goes to the waitlist, a calendar cancel goes to the attendee, both by its events); asking again answers with the refund already made.
/// </summary>
public sealed record RefundBooking(Guid SymposiumId, Guid BookingId) : ICommand<Result<RefundView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, BookingId];
}

internal sealed class RefundBookingHandler(BookingDb db, IClock clock, StripeGateway stripe, BookingWriter writer)
    : ICommandHandler<RefundBooking, Result<RefundView>>
{
    public async ValueTask<Result<RefundView>> Handle(RefundBooking command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.Bookings
            .FromSql($"SELECT * FROM bookings WHERE id = {command.BookingId} AND symposium_id = {command.SymposiumId} FOR UPDATE")
            .AsNoTracking()
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

        // An active booking ends: its events tell the attendee and offer the slot to the waitlist.
        if (outcome == RefundOutcome.Issued && booking.Refund(now))
        {
            await writer.SaveAsync(booking, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.BookingId == booking.Id, cancellationToken);
        return new RefundView(booking.Id, booking.Status, ApiFormat.Enum(refund.Reason), refund.AmountCents, refund.Currency, refund.StripeRefundId);
    }
}
