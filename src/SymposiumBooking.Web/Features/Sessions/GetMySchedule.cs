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
/// The signed-in therapist's day (GET /api/v1/me/schedule). Without <paramref name="Date"/> it is today in the
/// symposium's zone when one of their symposia is on, else the first day of the next (or latest) one; with a date,
/// the symposium of theirs that has that day.
/// </summary>
public sealed record GetMySchedule(StaffReader Reader, string? Date, IntakeSurface Surface) : IQuery<Result<TherapistDay>>;

internal sealed class GetMyScheduleHandler(BookingDb db, IClock clock) : IQueryHandler<GetMySchedule, Result<TherapistDay>>
{
    public async ValueTask<Result<TherapistDay>> Handle(GetMySchedule query, CancellationToken cancellationToken)
    {
        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return TherapistDays.InvalidDate;
        }

        var mine = await (
                from t in db.Therapists.AsNoTracking()
                join e in db.Symposia.AsNoTracking() on t.SymposiumId equals e.Id
                where t.UserId == query.Reader.UserId
                orderby e.StartDate
                select new { t, e })
            .ToListAsync(cancellationToken);
        if (mine.Count == 0)
        {
            return SessionErrors.NotATherapist;
        }

        var now = clock.GetCurrentInstant();
        var chosen = query.Date is { } text
            ? mine.FirstOrDefault(m => TherapistDays.Covers(m.e, ApiFormat.ParseDate(text)))
            : mine.FirstOrDefault(m => TherapistDays.Covers(m.e, now.InZone(m.e.Zone).Date))
              ?? mine.FirstOrDefault(m => m.e.StartDate >= now.InZone(m.e.Zone).Date)
              ?? mine[^1];
        if (chosen is null)
        {
            return SessionErrors.DayOutsideSymposium;
        }

        var date = query.Date is null ? TherapistDays.DefaultDay(chosen.e, now) : ApiFormat.ParseDate(query.Date);
        return await db.TherapistDayAsync(chosen.e, chosen.t, date, query.Reader, query.Surface, now, cancellationToken);
    }
}
