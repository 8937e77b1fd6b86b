namespace SymposiumBooking.Domain.Bookings;

/// <summary>How a session went, as its therapist records it once it has started.</summary>
public enum SessionOutcome
{
    Completed,
    NoShow,
}
