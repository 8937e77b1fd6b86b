using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Symposia;

/// <summary>When and how attendees may book one symposium.</summary>
public sealed record BookingPolicy(
    Instant BookingOpensAt,
    Instant BookingClosesAt,
    int ReducedRateLimitPerAttendee,
    int HoldMinutes,
    int CancellationCutoffHours)
{
    /// <summary>Stripe Checkout sessions cannot expire sooner than 30 minutes, so an online hold lasts at least that.</summary>
    public const int MinimumOnlineHoldMinutes = 30;

    public const int MinimumHoldMinutes = 5;

    public static readonly Error ClosesBeforeOpens =
        Error.Invalid("policy.closes_before_opens", "bookingClosesAt", "Bookings must close after they open.");

    public static Error HoldTooShort(int minimum) =>
        Error.Invalid("policy.hold_too_short", "holdMinutes", $"A hold lasts at least {minimum} minutes.");

    public bool IsOpenAt(Instant now) => now >= BookingOpensAt && now < BookingClosesAt;

    /// <summary>When requests for the draw are taken, or null when the symposium opens first-come.</summary>
    public DrawOpening? Draw { get; init; }

    public OpeningMode OpeningMode => Draw is null ? OpeningMode.FirstCome : OpeningMode.Draw;

    /// <summary>
    /// Opens by draw: requests are taken from <paramref name="draw"/>'s window, and <see cref="BookingOpensAt"/> is when
    /// the slots the draw left open first-come.
    /// </summary>
    public Result<BookingPolicy> OpeningByDraw(Instant requestsOpenAt, Instant requestsCloseAt, int maxChoices)
    {
        var draw = DrawOpening.Create(requestsOpenAt, requestsCloseAt, maxChoices, BookingOpensAt);
        return draw.IsFailure ? draw.Error : this with { Draw = draw.Value };
    }

    /// <summary>A policy whose parts agree with each other; <paramref name="onlinePayment"/> raises the shortest hold.</summary>
    public static Result<BookingPolicy> Create(
        Instant opensAt, Instant closesAt, int reducedRateLimit, int holdMinutes, int cancellationCutoffHours, bool onlinePayment)
    {
        if (closesAt <= opensAt)
        {
            return ClosesBeforeOpens;
        }

        var minimumHold = onlinePayment ? MinimumOnlineHoldMinutes : MinimumHoldMinutes;
        return holdMinutes < minimumHold
            ? HoldTooShort(minimumHold)
            : new BookingPolicy(opensAt, closesAt, reducedRateLimit, holdMinutes, cancellationCutoffHours);
    }
}
