using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// An organizer cancels a booking for its attendee (docs/adr/0135): any active booking, even after the policy's cutoff.
/// The attendee gets the same cancellation mail (METHOD:CANCEL) and the slot goes to the waitlist, as when they cancel
/// themselves. A booking paid online is refunded in full before the cutoff, and after it only with <c>?refund=true</c>.
/// </summary>
public sealed record CancelBookingOnBehalf(Guid SymposiumId, Guid BookingId, bool Refund = false) : ICommand<Result<BookingView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, BookingId];
}

/// <param name="Refund">After the cutoff, whether to refund an online payment anyway; before it, a paid booking is always refunded.</param>

internal sealed class CancelBookingOnBehalfHandler(BookingDb db, IClock clock, BookingChanges changes)
    : ICommandHandler<CancelBookingOnBehalf, Result<BookingView>>
{
    public async ValueTask<Result<BookingView>> Handle(CancelBookingOnBehalf command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // No row lock, unlike the attendee's cancel: two organizers acting on one booking at once must not both succeed
        // one after the other; the write is conditional on the state read, so the second one answers booking.changed.
        var found = await db.FindInSymposiumAsync(command.SymposiumId, command.BookingId, cancellationToken);
        return found.IsFailure
            ? found.Error
            : await changes.CancelAsync(tx, found.Value, BookingChanger.Organizer(command.Refund), now, cancellationToken);
    }
}
