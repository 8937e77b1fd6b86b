using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// An organizer marks that the person arrived at the table (<c>POST …/bookings/{bookingId}/check-in</c>), or with
/// <see cref="Undo"/> takes a mistaken check-in back (<c>…/check-in/undo</c>). Written by the <see cref="BookingWriter"/>
/// like every change of a booking; the invite does not change. Doing it again answers the same.
/// </summary>
public sealed record CheckInBooking(Guid SymposiumId, Guid BookingId, bool Undo = false) : ICommand<Result<OrganizerBookingView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, BookingId];

    string IStaffAction.StaffActionName => Undo ? $"{nameof(CheckInBooking)}.Undo" : nameof(CheckInBooking);
}

internal sealed class CheckInBookingHandler(BookingDb db, IClock clock, BookingWriter writer) : ICommandHandler<CheckInBooking, Result<OrganizerBookingView>>
{
    public async ValueTask<Result<OrganizerBookingView>> Handle(CheckInBooking command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindChangeableAsync(command.SymposiumId, now, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var booking = await db.Bookings.AsNoTracking()
            .FirstOrDefaultAsync(b => b.Id == command.BookingId && b.SymposiumId == command.SymposiumId, cancellationToken);
        if (booking is null)
        {
            return BookingErrors.NotFound;
        }

        if (command.Undo)
        {
            booking.UndoCheckIn(now);
        }
        else if (booking.CheckIn(now) is { IsFailure: true } refused)
        {
            return refused.Error;
        }

        if (await writer.SaveAsync(booking, cancellationToken) == BookingWrite.ChangedMeanwhile)
        {
            return BookingErrors.ChangedMeanwhile;
        }

        return await OrganizerBookings.ReadAsync(db, found.Value, booking.Id, cancellationToken);
    }
}
