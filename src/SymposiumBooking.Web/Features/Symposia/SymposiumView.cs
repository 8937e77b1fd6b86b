using NodaTime;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>A symposium as clients see it: dates in its zone, instants with the zone's offset.</summary>
public sealed record SymposiumView(
    Guid Id,
    int Year,
    string City,
    string VenueName,
    string VenueAddress,
    string TimeZone,
    string StartDate,
    string EndDate,
    string Currency,
    long ReducedRateCents,
    long StandardRateCents,
    string Status,
    bool ReadOnly,
    PolicyView? Policy)
{
    public static SymposiumView From(Symposium e, Instant now) => new(
        e.Id,
        e.Year,
        e.City,
        e.VenueName,
        e.VenueAddress,
        e.TimeZoneId,
        ApiFormat.Date(e.StartDate),
        ApiFormat.Date(e.EndDate),
        e.Currency,
        e.ReducedRateCents,
        e.StandardRateCents,
        ApiFormat.Enum(e.Status),
        e.HasEnded(now),
        e.Policy is { } p ? PolicyView.From(p, e.Zone) : null);
}

public sealed record PolicyView(
    DateTimeOffset BookingOpensAt,
    DateTimeOffset BookingClosesAt,
    int ReducedRateLimitPerAttendee,
    int HoldMinutes,
    int CancellationCutoffHours,
    OpeningMode OpeningMode,
    DateTimeOffset? RequestsOpenAt,
    DateTimeOffset? RequestsCloseAt,
    int? MaxChoices,
    DateTimeOffset? FirstComeOpensAt)
{
    /// <summary>
    /// The policy as the API shows it. In draw mode <c>firstComeOpensAt</c> is <c>bookingOpensAt</c> under its meaning
    /// there: when the slots the draw left open first-come (docs/fair-opening.md).
    /// </summary>
    public static PolicyView From(BookingPolicy p, DateTimeZone zone) => new(
        ApiFormat.Local(p.BookingOpensAt, zone),
        ApiFormat.Local(p.BookingClosesAt, zone),
        p.ReducedRateLimitPerAttendee,
        p.HoldMinutes,
        p.CancellationCutoffHours,
        p.OpeningMode,
        p.Draw is { } d ? ApiFormat.Local(d.RequestsOpenAt, zone) : null,
        p.Draw is { } c ? ApiFormat.Local(c.RequestsCloseAt, zone) : null,
        p.Draw?.MaxChoices,
        p.Draw is null ? null : ApiFormat.Local(p.BookingOpensAt, zone));
}
