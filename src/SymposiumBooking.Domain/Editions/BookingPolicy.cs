using NodaTime;

namespace SymposiumBooking.Domain.Editions;

/// <summary>When and how attendees may book one edition.</summary>
public sealed record BookingPolicy(
    Instant BookingOpensAt,
    Instant BookingClosesAt,
    int ReducedRateLimitPerAttendee,
    int HoldMinutes,
    int CancellationCutoffHours)
{
    public bool IsOpenAt(Instant now) => now >= BookingOpensAt && now < BookingClosesAt;
}
