using NodaTime;

namespace SymposiumBooking.Domain.Scheduling;

/// <summary>One bookable session of a therapist. Whether it is taken is decided by the bookings table.</summary>
public sealed class Slot
{
    private Slot()
    {
    }

    public Guid Id { get; private set; }

    public Guid SymposiumId { get; private set; }

    public Guid ShiftId { get; private set; }

    public Guid TherapistId { get; private set; }

    public Instant StartsAt { get; private set; }

    public Instant EndsAt { get; private set; }

    public string Location { get; private set; } = "";

    /// <summary>
    /// Keeps, per therapist, only slots that start after the one before has ended. Shifts that were apart in one zone
    /// can overlap in real time in another, on a night its clocks spring forward (copying a symposium).
    /// </summary>
    public static IEnumerable<Slot> WithoutOverlaps(IEnumerable<Slot> slots) =>
        slots.GroupBy(s => s.TherapistId).SelectMany(mine =>
        {
            var kept = new List<Slot>();
            foreach (var slot in mine.OrderBy(s => s.StartsAt))
            {
                if (kept.Count == 0 || slot.StartsAt >= kept[^1].EndsAt)
                {
                    kept.Add(slot);
                }
            }

            return kept;
        });

    /// <summary>
    /// A slot as a hand-written query read it from its row (the booking path reads it in the same round trip as other
    /// statements, docs/adr/0030); everything else gets its slots from EF Core.
    /// </summary>
    public static Slot FromRow(Guid id, Guid symposiumId, Guid shiftId, Guid therapistId, Instant startsAt, Instant endsAt, string location) => new()
    {
        Id = id,
        SymposiumId = symposiumId,
        ShiftId = shiftId,
        TherapistId = therapistId,
        StartsAt = startsAt,
        EndsAt = endsAt,
        Location = location,
    };

    internal static Slot Create(Shift shift, SlotTime time) => new()
    {
        Id = Guid.CreateVersion7(),
        SymposiumId = shift.SymposiumId,
        ShiftId = shift.Id,
        TherapistId = shift.TherapistId,
        StartsAt = time.StartsAt,
        EndsAt = time.EndsAt,
        Location = shift.Location,
    };
}
