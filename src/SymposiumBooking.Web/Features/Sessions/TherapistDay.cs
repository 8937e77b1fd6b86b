using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Sessions;

/// <summary>
/// One therapist's day at one symposium (GET /api/v1/me/schedule): the booked sessions in time order with the intake
/// flags, and the whole day as a timeline of sessions, free slots, breaks and gaps between shifts.
/// </summary>
public sealed record TherapistDay(
    Guid SymposiumId,
    string SymposiumName,
    string TimeZone,
    Guid TherapistId,
    string TherapistName,
    string Date,
    IReadOnlyList<string> Days,
    IReadOnlyList<DaySession> Sessions,
    IReadOnlyList<DayEntry> Timeline);

/// <summary>
/// A booked session: who, when, where, its status and what to watch out for. No intake text. <see cref="ArrivedAt"/> is
/// when the organizers checked the person in at the table; <see cref="IntakeOnPaper"/> says a walk-in's intake was
/// taken on paper (there are no flags to show).
/// </summary>
public sealed record DaySession(
    Guid BookingId,
    Guid SlotId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Location,
    string ClientName,
    BookingStatus Status,
    IntakeFlags Flags,
    bool CanRecordOutcome,
    DateTimeOffset? ArrivedAt = null,
    bool IntakeOnPaper = false);

/// <summary>One stretch of the day; <see cref="Kind"/> is <c>session</c>, <c>free</c>, <c>break</c> or <c>gap</c>.</summary>
public sealed record DayEntry(string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? BookingId, string? Location);

/// <summary>Builds a <see cref="TherapistDay"/> from what the database holds for that therapist and date.</summary>
internal static class TherapistDays
{
    public static readonly Error InvalidDate = Error.Invalid("request.invalid", "date", "Use the form YYYY-MM-DD.");

    /// <summary>The day of <paramref name="therapist"/> on <paramref name="date"/>, read from the database.</summary>
    public static async Task<TherapistDay> TherapistDayAsync(
        this BookingDb db, Symposium symposium, Therapist therapist, LocalDate date, StaffReader reader, IntakeSurface surface, Instant now, CancellationToken ct)
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
        return Build(symposium, therapist, date, shifts, slots, bookings, intakes, now);
    }

    /// <summary>Today in the symposium's zone while it is on, else its first day.</summary>
    public static LocalDate DefaultDay(Symposium symposium, Instant now)
    {
        var today = now.InZone(symposium.Zone).Date;
        return today >= symposium.StartDate && today <= symposium.EndDate ? today : symposium.StartDate;
    }

    public static bool Covers(Symposium symposium, LocalDate date) => date >= symposium.StartDate && date <= symposium.EndDate;

    /// <summary>The day asked for (an already checked YYYY-MM-DD), or <see cref="DefaultDay"/>; refused when the symposium does not have it.</summary>
    public static Result<LocalDate> DayOf(Symposium symposium, string? date, Instant now)
    {
        var day = date is null ? DefaultDay(symposium, now) : ApiFormat.ParseDate(date);
        return Covers(symposium, day) ? day : SessionErrors.DayOutsideSymposium;
    }

    public static TherapistDay Build(
        Symposium symposium,
        Therapist therapist,
        LocalDate date,
        IReadOnlyList<Shift> shifts,
        IReadOnlyList<Slot> slots,
        IReadOnlyDictionary<Guid, Booking> bookingBySlot,
        IReadOnlyDictionary<Guid, Intake> intakes,
        Instant now)
    {
        var zone = symposium.Zone;
        var sessions = new List<DaySession>();
        var timeline = new List<DayEntry>();
        foreach (var slot in slots.OrderBy(s => s.StartsAt))
        {
            var starts = ApiFormat.Local(slot.StartsAt, zone);
            var ends = ApiFormat.Local(slot.EndsAt, zone);
            if (bookingBySlot.TryGetValue(slot.Id, out var booking))
            {
                var hasIntake = intakes.TryGetValue(booking.Id, out var intake);
                var flags = hasIntake ? IntakeFlags.For(intake!, date) : IntakeFlags.None;
                sessions.Add(new DaySession(booking.Id, slot.Id, starts, ends, slot.Location, booking.AttendeeName, booking.Status, flags,
                    booking.CanRecordOutcome(slot.StartsAt, now), booking.CheckedInAt is { } arrived ? ApiFormat.Local(arrived, zone) : null,
                    IntakeOnPaper: !hasIntake && booking.BookedBy is not null)); // a walk-in's intake on paper is stored as none (docs/adr/0131)
                timeline.Add(new DayEntry("session", starts, ends, booking.Id, slot.Location));
            }
            else
            {
                timeline.Add(new DayEntry("free", starts, ends, null, slot.Location));
            }
        }

        var ordered = shifts.OrderBy(s => s.Start).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            foreach (var pause in ordered[i].Breaks)
            {
                timeline.Add(new DayEntry("break", At(date, pause.Start, zone), At(date, pause.End, zone), null, ordered[i].Location));
            }

            if (i > 0 && ordered[i].Start > ordered[i - 1].End)
            {
                timeline.Add(new DayEntry("gap", At(date, ordered[i - 1].End, zone), At(date, ordered[i].Start, zone), null, null));
            }
        }

        return new TherapistDay(
            symposium.Id,
            $"{symposium.Year} · {symposium.City}",
            symposium.TimeZoneId,
            therapist.Id,
            therapist.Name,
            ApiFormat.Date(date),
            ApiFormat.Dates(symposium.StartDate, symposium.EndDate),
            sessions,
            [.. timeline.OrderBy(e => e.StartsAt).ThenBy(e => e.Kind == "gap" ? 0 : 1)]);
    }

    private static DateTimeOffset At(LocalDate date, LocalTime time, DateTimeZone zone) =>
        date.At(time).InZoneLeniently(zone).ToDateTimeOffset();
}
