using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Sessions;

/// <summary>One session with the full intake (GET /api/v1/me/sessions/{bookingId}): its therapist and organizers only.</summary>
public sealed record GetSession(StaffReader Reader, Guid BookingId, IntakeSurface Surface) : IQuery<Result<SessionDetail>>;

public sealed record SessionDetail(
    Guid BookingId,
    Guid SymposiumId,
    Guid TherapistId,
    string TherapistName,
    string Date,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Location,
    string ClientName,
    BookingStatus Status,
    IntakeFlags Flags,
    Intake? Intake,
    bool CanRecordOutcome);

internal sealed class GetSessionHandler(BookingDb db, IClock clock) : IQueryHandler<GetSession, Result<SessionDetail>>
{
    public async ValueTask<Result<SessionDetail>> Handle(GetSession query, CancellationToken cancellationToken)
    {
        var found = await db.FindSessionAsync(query.BookingId, query.Reader, cancellationToken);
        if (found is null)
        {
            return SessionErrors.NotFound;
        }

        var now = clock.GetCurrentInstant();
        var intakes = await db.ReadIntakesAsync([found.Booking.Id], query.Reader, query.Surface, now, cancellationToken);
        var intake = intakes.GetValueOrDefault(found.Booking.Id);
        var zone = found.Symposium.Zone;
        var date = found.Slot.StartsAt.InZone(zone).Date;
        return new SessionDetail(
            found.Booking.Id,
            found.Symposium.Id,
            found.Therapist.Id,
            found.Therapist.Name,
            ApiFormat.Date(date),
            ApiFormat.Local(found.Slot.StartsAt, zone),
            ApiFormat.Local(found.Slot.EndsAt, zone),
            found.Slot.Location,
            found.Booking.AttendeeName,
            found.Booking.Status,
            intake is null ? IntakeFlags.None : IntakeFlags.For(intake, date),
            intake,
            found.Booking.CanRecordOutcome(found.Slot.StartsAt, now));
    }
}
