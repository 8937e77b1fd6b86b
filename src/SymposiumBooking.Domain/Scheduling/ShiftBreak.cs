using NodaTime;

namespace SymposiumBooking.Domain.Scheduling;

/// <summary>A pause inside a shift, in the venue's local time; no session overlaps it.</summary>
public sealed record ShiftBreak(LocalTime Start, LocalTime End);
