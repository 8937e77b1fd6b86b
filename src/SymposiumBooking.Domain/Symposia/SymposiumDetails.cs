using NodaTime;

namespace SymposiumBooking.Domain.Symposia;

/// <summary>What an organizer enters to create or edit a symposium.</summary>
public sealed record SymposiumDetails(
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
