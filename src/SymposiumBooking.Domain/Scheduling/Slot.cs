using NodaTime;

namespace SymposiumBooking.Domain.Scheduling;

/// <summary>One bookable session of a therapist. Whether it is taken is decided by the bookings table.</summary>
public sealed class Slot
{
    private Slot()
    {
    }

    public Guid Id { get; private set; }

    public Guid EditionId { get; private set; }

    public Guid ShiftId { get; private set; }

    public Guid TherapistId { get; private set; }

    public Instant StartsAt { get; private set; }

    public Instant EndsAt { get; private set; }

    public string Location { get; private set; } = "";

    internal static Slot Create(Shift shift, SlotTime time) => new()
    {
        Id = Guid.CreateVersion7(),
        EditionId = shift.EditionId,
        ShiftId = shift.Id,
        TherapistId = shift.TherapistId,
        StartsAt = time.StartsAt,
        EndsAt = time.EndsAt,
        Location = shift.Location,
    };
}
