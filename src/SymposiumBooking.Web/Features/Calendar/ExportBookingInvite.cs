using System.Globalization;
using Mediator;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Calendar;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>
/// The booking as a calendar file to download (METHOD:PUBLISH): the same UID and SEQUENCE as its mailed invites, so
/// importing it again updates the event; a booking that no longer holds its slot comes out STATUS:CANCELLED.
/// </summary>
public sealed record ExportBookingInvite(Guid Id, string? Token) : IQuery<Result<CalendarFile>>;

internal sealed class ExportBookingInviteHandler(BookingDb db, CalendarSessions sessions)
    : IQueryHandler<ExportBookingInvite, Result<CalendarFile>>
{
    public async ValueTask<Result<CalendarFile>> Handle(ExportBookingInvite query, CancellationToken cancellationToken)
    {
        var found = await db.FindWithTokenAsync(query.Id, query.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var booked = found.Value;
        var row = new SessionRow(
            booked.Booking.Id, booked.Booking.Sequence, booked.Booking.Status, booked.Booking.HoldExpiresAt,
            booked.Slot.StartsAt, booked.Slot.EndsAt, booked.Slot.Location, booked.TherapistName, booked.Booking.AttendeeName,
            booked.Symposium.TimeZoneId, booked.Symposium.VenueName, booked.Symposium.VenueAddress);
        var now = sessions.Now;
        var status = row.IsOnAt(now) ? InviteStatus.Confirmed : InviteStatus.Cancelled;
        var session = sessions.Event(row, CalendarInvites.MassageWith(row.TherapistName), status, withManageLink: true);
        var day = row.StartsAt.InZone(booked.Symposium.Zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new CalendarFile($"massage-{day}.ics", CalendarInvites.ForBooking(session, InviteMethod.Publish, now));
    }
}
