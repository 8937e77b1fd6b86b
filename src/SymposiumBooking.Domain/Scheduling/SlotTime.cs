using NodaTime;

namespace SymposiumBooking.Domain.Scheduling;

/// <summary>When one planned session starts and ends, as instants.</summary>
public readonly record struct SlotTime(Instant StartsAt, Instant EndsAt);
