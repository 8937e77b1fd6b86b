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

/// <summary>Every working therapist's day of one symposium, for the organizers' printed day sheets.</summary>
public sealed record GetSymposiumDaySheets(StaffReader Reader, Guid SymposiumId, string? Date) : IQuery<Result<SymposiumDaySheets>>;

public sealed record SymposiumDaySheets(string Date, IReadOnlyList<TherapistDay> Sheets);

internal sealed class GetSymposiumDaySheetsHandler(BookingDb db, IClock clock) : IQueryHandler<GetSymposiumDaySheets, Result<SymposiumDaySheets>>
{
    public async ValueTask<Result<SymposiumDaySheets>> Handle(GetSymposiumDaySheets query, CancellationToken cancellationToken)
    {
        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return TherapistDays.InvalidDate;
        }

        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var now = clock.GetCurrentInstant();
        var day = TherapistDays.DayOf(symposium, query.Date, now);
        if (day.IsFailure)
        {
            return day.Error;
        }

        var date = day.Value;

        var working = await (
                from t in db.Therapists.AsNoTracking()
                where t.SymposiumId == symposium.Id && db.Shifts.Any(s => s.TherapistId == t.Id && s.Date == date)
                orderby t.Name
                select t)
            .ToListAsync(cancellationToken);
        var days = new List<TherapistDay>(working.Count);
        foreach (var therapist in working)
        {
            days.Add(await db.TherapistDayAsync(symposium, therapist, date, query.Reader, IntakeSurface.DaySheet, now, cancellationToken));
        }

        return new SymposiumDaySheets(ApiFormat.Date(date), days);
    }
}
