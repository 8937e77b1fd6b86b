using NodaTime;

namespace SymposiumBooking.Domain.Symposia;

/// <summary>Where and when the copy of a symposium meets; everything else comes from the original.</summary>
public sealed record CopyDetails(int Year, string City, string VenueName, string VenueAddress, string TimeZoneId, LocalDate StartDate);

/// <summary>The first and last dates on which a symposium has shifts.</summary>
public readonly record struct ShiftSpan(LocalDate First, LocalDate Last);
