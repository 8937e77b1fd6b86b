using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Symposia;

/// <summary>How a symposium's slots are first given out (docs/fair-opening.md).</summary>
public enum OpeningMode
{
    /// <summary>Bookings open at <see cref="BookingPolicy.BookingOpensAt"/> and go to whoever books first.</summary>
    FirstCome,

    /// <summary>Requests with ranked choices are taken for a while, then drawn; what is left opens first-come.</summary>
    Draw,
}

/// <summary>
/// The request window of a symposium that opens by draw: requests are taken from <see cref="RequestsOpenAt"/> until
/// <see cref="RequestsCloseAt"/>, each with up to <see cref="MaxChoices"/> ranked choices; the draw runs when they close,
/// and the slots left open first-come at the policy's <see cref="BookingPolicy.BookingOpensAt"/>.
/// </summary>
public sealed record DrawOpening(Instant RequestsOpenAt, Instant RequestsCloseAt, int MaxChoices)
{
    public const int DefaultMaxChoices = 5;
    public const int MostChoices = 10;

    public static readonly Error ClosesBeforeOpens =
        Error.Invalid("policy.requests_close_before_open", "requestsCloseAt", "Requests must close after they open.");

    public static readonly Error FirstComeBeforeDraw =
        Error.Invalid("policy.first_come_before_draw", "firstComeOpensAt", "First-come booking can only open once requests have closed.");

    public static readonly Error BadMaxChoices =
        Error.Invalid("policy.bad_max_choices", "maxChoices", $"Allow from 1 to {MostChoices} choices.");

    public bool TakesRequestsAt(Instant now) => now >= RequestsOpenAt && now < RequestsCloseAt;

    /// <summary>Whether the draw may run: requests have closed.</summary>
    public bool ClosedAt(Instant now) => now >= RequestsCloseAt;

    /// <summary>A window whose parts agree with each other and with when first-come booking opens.</summary>
    public static Result<DrawOpening> Create(Instant requestsOpenAt, Instant requestsCloseAt, int maxChoices, Instant firstComeOpensAt) =>
        requestsCloseAt <= requestsOpenAt ? ClosesBeforeOpens
        : firstComeOpensAt < requestsCloseAt ? FirstComeBeforeDraw
        : maxChoices is < 1 or > MostChoices ? BadMaxChoices
        : new DrawOpening(requestsOpenAt, requestsCloseAt, maxChoices);
}
