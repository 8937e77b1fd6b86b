using NodaTime;
using SymposiumBooking.Domain.Scheduling;

namespace SymposiumBooking.Web.Features.Shifts;

/// <summary>A bookable slot as clients see it (docs/attendees.md: slots).</summary>
public sealed record SlotView(
    Guid Id, Guid TherapistId, string TherapistName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Location, bool Available)
{
    public static SlotView From(Slot s, string therapistName, DateTimeZone zone, bool available) => new(
        s.Id, s.TherapistId, therapistName, ApiFormat.Local(s.StartsAt, zone), ApiFormat.Local(s.EndsAt, zone), s.Location, available);
}

public sealed record BreakView(string Start, string End);

public sealed record ShiftView(
    Guid ShiftId,
    Guid TherapistId,
    string Date,
    string Start,
    string End,
    int SessionMinutes,
    int BufferMinutes,
    IReadOnlyList<BreakView> Breaks,
    string Location,
    IReadOnlyList<SlotView> Slots)
{
    public static ShiftView From(Shift s, IEnumerable<SlotView> slots) => new(
        s.Id,
        s.TherapistId,
        ApiFormat.Date(s.Date),
        ApiFormat.TimeOfDay(s.Start),
        ApiFormat.TimeOfDay(s.End),
        s.SessionMinutes,
        s.BufferMinutes,
        [.. s.Breaks.Select(b => new BreakView(ApiFormat.TimeOfDay(b.Start), ApiFormat.TimeOfDay(b.End)))],
        s.Location,
        [.. slots.OrderBy(x => x.StartsAt)]);
}

public sealed record PlannedSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record ShiftPreview(IReadOnlyList<PlannedSlot> Slots);
