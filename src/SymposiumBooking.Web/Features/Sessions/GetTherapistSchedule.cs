using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Sessions;

/// <summary>
/// One therapist's day by id: for organizers, and for the therapist themselves (anyone else: 404, so ids of
/// colleagues reveal nothing). <paramref name="SymposiumId"/>, when given, must be the therapist's symposium.
/// </summary>
public sealed record GetTherapistSchedule(StaffReader Reader, Guid TherapistId, Guid? SymposiumId, string? Date, IntakeSurface Surface)
    : IQuery<Result<TherapistDay>>;

internal sealed class GetTherapistScheduleHandler(BookingDb db, IClock clock) : IQueryHandler<GetTherapistSchedule, Result<TherapistDay>>
{
    public async ValueTask<Result<TherapistDay>> Handle(GetTherapistSchedule query, CancellationToken cancellationToken)
    {
        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return TherapistDays.InvalidDate;
        }

        var found = await (
                from t in db.Therapists.AsNoTracking()
                join e in db.Symposia.AsNoTracking() on t.SymposiumId equals e.Id
                where t.Id == query.TherapistId
                      && (query.SymposiumId == null || t.SymposiumId == query.SymposiumId)
                      && (query.Reader.IsOrganizer || t.UserId == query.Reader.UserId)
                select new { t, e })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TherapistErrors.NotFound;
        }

        var now = clock.GetCurrentInstant();
        var date = TherapistDays.DayOf(found.e, query.Date, now);
        return date.IsSuccess
            ? await db.TherapistDayAsync(found.e, found.t, date.Value, query.Reader, query.Surface, now, cancellationToken)
            : date.Error;
    }
}
