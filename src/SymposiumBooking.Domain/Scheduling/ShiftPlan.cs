using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Scheduling;

/// <summary>
/// A therapist's working block on one day, entered in the venue's wall-clock time, and the sessions it yields.
/// </summary>
public sealed record ShiftPlan(
    LocalDate Date,
    LocalTime Start,
    LocalTime End,
    int SessionMinutes,
    int BufferMinutes,
    IReadOnlyList<ShiftBreak> Breaks)
{
    /// <summary>
    /// Lays sessions from <see cref="Start"/> on, each followed by the buffer, skipping breaks, in local time;
    /// then turns each local start into an instant in <paramref name="zone"/>. A session keeps its real length
    /// even when a DST change falls inside it. A local start that does not exist (spring-forward gap) moves to
    /// the wall clock the gap skips to (02:30 becomes 03:30), and
    /// a session that would then overlap the one before it is dropped; an ambiguous one (fall-back) takes the earlier instant.
    /// </summary>
    /// <summary>Checks the plan against the symposium's days; the slots it yields are then well-formed.</summary>
    public Result Validate(LocalDate firstDay, LocalDate lastDay)
    {
        if (Date < firstDay || Date > lastDay)
        {
            return ShiftErrors.OutsideSymposium;
        }

        if (End <= Start)
        {
            return ShiftErrors.CrossesMidnight;
        }

        var ordered = Breaks.OrderBy(b => b.Start).ToList();
        var inside = ordered.All(b => b.Start < b.End && b.Start >= Start && b.End <= End);
        var apart = ordered.Zip(ordered.Skip(1)).All(p => p.First.End <= p.Second.Start);
        return inside && apart ? Result.Success : ShiftErrors.BadBreak;
    }

    /// <summary>Whether two shifts of one therapist on the same day share any time.</summary>
    public bool Overlaps(ShiftPlan other) => Date == other.Date && Start < other.End && other.Start < End;

    public IReadOnlyList<SlotTime> Slots(DateTimeZone zone)
    {
        var ordered = Breaks.OrderBy(b => b.Start).ToList();
        var slots = new List<SlotTime>();
        var start = Start;
        while (true)
        {
            var end = start.PlusMinutes(SessionMinutes);
            if (end <= start || end > End)
            {
                break; // past the shift's end, or wrapped past midnight
            }

            var clash = ordered.FirstOrDefault(b => start < b.End && b.Start < end);
            if (clash is not null)
            {
                start = clash.End;
                continue;
            }

            var startsAt = Date.At(start).InZoneLeniently(zone).ToInstant();
            if (slots.Count == 0 || startsAt >= slots[^1].EndsAt)
            {
                // Wall-clock starts shifted out of a spring-forward gap can land on a later session: keep one.
                slots.Add(new SlotTime(startsAt, startsAt.Plus(Duration.FromMinutes(SessionMinutes))));
            }

            var next = start.PlusMinutes(SessionMinutes + BufferMinutes);
            if (next <= start)
            {
                break;
            }

            start = next;
        }

        return slots;
    }
}
