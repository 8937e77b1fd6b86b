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

/// <summary>
/// One therapist's day by id: for organizers, and for the therapist themselves (anyone else: 404, so ids of
/// colleagues reveal nothing). <paramref name="SymposiumId"/>, when given, must be the therapist's symposium.
/// </summary>
public sealed record GetTherapistSchedule(StaffReader Reader, Guid TherapistId, Guid? SymposiumId, string? Date, IntakeSurface Surface)
    : IQuery<Result<TherapistDay>>;

/// <summary>Every working therapist's day of one symposium, for the organizers' printed day sheets.</summary>
public sealed record GetSymposiumDaySheets(StaffReader Reader, Guid SymposiumId, string? Date) : IQuery<Result<SymposiumDaySheets>>;

public sealed record SymposiumDaySheets(string Date, IReadOnlyList<TherapistDay> Sheets);

internal sealed class GetTherapistDayHandler(BookingDb db, IClock clock) :
    IQueryHandler<GetMySchedule, Result<TherapistDay>>,
    IQueryHandler<GetTherapistSchedule, Result<TherapistDay>>,
    IQueryHandler<GetSymposiumDaySheets, Result<SymposiumDaySheets>>
{
    private static readonly Error InvalidDate = Error.Invalid("request.invalid", "date", "Use the form YYYY-MM-DD.");

    public async ValueTask<Result<TherapistDay>> Handle(GetMySchedule query, CancellationToken cancellationToken)
    {
        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return InvalidDate;
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
        return await DayAsync(chosen.e, chosen.t, date, query.Reader, query.Surface, now, cancellationToken);
    }

    public async ValueTask<Result<TherapistDay>> Handle(GetTherapistSchedule query, CancellationToken cancellationToken)
    {
        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return InvalidDate;
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
        var date = query.Date is null ? TherapistDays.DefaultDay(found.e, now) : ApiFormat.ParseDate(query.Date);
        return TherapistDays.Covers(found.e, date)
            ? await DayAsync(found.e, found.t, date, query.Reader, query.Surface, now, cancellationToken)
            : SessionErrors.DayOutsideSymposium;
    }

    public async ValueTask<Result<SymposiumDaySheets>> Handle(GetSymposiumDaySheets query, CancellationToken cancellationToken)
    {
        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return InvalidDate;
        }

        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var now = clock.GetCurrentInstant();
        var date = query.Date is null ? TherapistDays.DefaultDay(symposium, now) : ApiFormat.ParseDate(query.Date);
        if (!TherapistDays.Covers(symposium, date))
        {
            return SessionErrors.DayOutsideSymposium;
        }

        var working = await (
                from t in db.Therapists.AsNoTracking()
                where t.SymposiumId == symposium.Id && db.Shifts.Any(s => s.TherapistId == t.Id && s.Date == date)
                orderby t.Name
                select t)
            .ToListAsync(cancellationToken);
        var days = new List<TherapistDay>(working.Count);
        foreach (var therapist in working)
        {
            days.Add(await DayAsync(symposium, therapist, date, query.Reader, IntakeSurface.DaySheet, now, cancellationToken));
        }

        return new SymposiumDaySheets(ApiFormat.Date(date), days);
    }

    private async Task<TherapistDay> DayAsync(
        Symposium symposium, Therapist therapist, LocalDate date, StaffReader reader, IntakeSurface surface, Instant now, CancellationToken ct)
    {
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.TherapistId == therapist.Id && s.Date == date).ToListAsync(ct);
        var shiftIds = shifts.Select(s => s.Id).ToList();
        var slots = await db.Slots.AsNoTracking().Where(s => shiftIds.Contains(s.ShiftId)).ToListAsync(ct);
        var slotIds = slots.Select(s => s.Id).ToList();
        var bookings = (await db.Bookings.AsNoTracking()
                .Where(b => slotIds.Contains(b.SlotId) && BookingStatuses.HoldingSlot.Contains(b.Status))
                .ToListAsync(ct))
            .Where(b => b.HoldsSlotAt(now))
            .ToDictionary(b => b.SlotId);
        var intakes = await db.ReadIntakesAsync([.. bookings.Values.Select(b => b.Id)], reader, surface, now, ct);
        return TherapistDays.Build(symposium, therapist, date, shifts, slots, bookings, intakes, now);
    }
}
