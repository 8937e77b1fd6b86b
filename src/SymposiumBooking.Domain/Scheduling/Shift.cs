using NodaTime;

namespace SymposiumBooking.Domain.Scheduling;

/// <summary>A stored <see cref="ShiftPlan"/> of one therapist at one symposium, with where it takes place.</summary>
public sealed class Shift
{
    private Shift()
    {
    }

    public Guid Id { get; private set; }

    public Guid SymposiumId { get; private set; }

    public Guid TherapistId { get; private set; }

    public LocalDate Date { get; private set; }

    public LocalTime Start { get; private set; }

    public LocalTime End { get; private set; }

    public int SessionMinutes { get; private set; }

    public int BufferMinutes { get; private set; }

    public List<ShiftBreak> Breaks { get; private set; } = [];

    /// <summary>Room or table, shown to attendees and printed on the day sheet.</summary>
    public string Location { get; private set; } = "";

    public ShiftPlan Plan => new(Date, Start, End, SessionMinutes, BufferMinutes, Breaks);

    public static Shift Create(Guid symposiumId, Guid therapistId, ShiftPlan plan, string location) => new()
    {
        Id = Guid.CreateVersion7(),
        SymposiumId = symposiumId,
        TherapistId = therapistId,
        Date = plan.Date,
        Start = plan.Start,
        End = plan.End,
        SessionMinutes = plan.SessionMinutes,
        BufferMinutes = plan.BufferMinutes,
        Breaks = [.. plan.Breaks],
        Location = location.Trim(),
    };

    /// <summary>New times, pattern or place; the caller replaces the slots.</summary>
    public void Change(ShiftPlan plan, string location)
    {
        Date = plan.Date;
        Start = plan.Start;
        End = plan.End;
        SessionMinutes = plan.SessionMinutes;
        BufferMinutes = plan.BufferMinutes;
        Breaks = [.. plan.Breaks];
        Location = location.Trim();
    }

    /// <summary>The same pattern for another therapist row on another date (copying a symposium).</summary>
    public Shift CopyTo(Guid symposiumId, Guid therapistId, LocalDate date) =>
        Create(symposiumId, therapistId, Plan with { Date = date }, Location);

    /// <summary>The slots this shift yields in the symposium's zone.</summary>
    public IEnumerable<Slot> CreateSlots(DateTimeZone zone) =>
        Plan.Slots(zone).Select(t => Slot.Create(this, t));
}
