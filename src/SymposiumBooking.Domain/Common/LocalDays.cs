using NodaTime;

namespace SymposiumBooking.Domain.Common;

/// <summary>Local calendar days of a symposium's zone as spans of time.</summary>
public static class LocalDays
{
    /// <summary>
    /// The instants of <paramref name="date"/> in <paramref name="zone"/>: from its first moment to the next day's
    /// first moment (23 or 25 hours on a DST change; NodaTime picks the day's real start when midnight is skipped).
    /// </summary>
    public static Interval Span(DateTimeZone zone, LocalDate date) =>
        new(zone.AtStartOfDay(date).ToInstant(), zone.AtStartOfDay(date.PlusDays(1)).ToInstant());
}
