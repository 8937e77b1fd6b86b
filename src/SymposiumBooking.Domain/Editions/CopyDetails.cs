using NodaTime;

namespace SymposiumBooking.Domain.Editions;

/// <summary>Where and when the copy of an edition meets; everything else comes from the original.</summary>
public sealed record CopyDetails(int Year, string City, string VenueName, string VenueAddress, string TimeZoneId, LocalDate StartDate);

/// <summary>The first and last dates on which an edition has shifts.</summary>
public readonly record struct ShiftSpan(LocalDate First, LocalDate Last);
