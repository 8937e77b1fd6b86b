using NodaTime;

namespace SymposiumBooking.Domain.Editions;

/// <summary>What an organizer enters to create or edit a symposium edition.</summary>
public sealed record EditionDetails(
    int Year,
    string City,
    string VenueName,
    string VenueAddress,
    string TimeZoneId,
    LocalDate StartDate,
    LocalDate EndDate,
    string Currency,
    long ReducedRateCents,
    long StandardRateCents);
