using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Symposia;

/// <summary>One year's symposium: where and when it meets, its rates and its booking policy.</summary>
public sealed class Symposium
{
    private Symposium()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public string City { get; private set; } = "";

    public string VenueName { get; private set; } = "";

    public string VenueAddress { get; private set; } = "";

    /// <summary>The IANA zone the venue's wall clocks follow, for example <c>America/Chicago</c>.</summary>
    public string TimeZoneId { get; private set; } = "";

    public LocalDate StartDate { get; private set; }

    public LocalDate EndDate { get; private set; }

    public string Currency { get; private set; } = "";

    public long ReducedRateCents { get; private set; }

    public long StandardRateCents { get; private set; }

    /// <summary>What a booking at <paramref name="rate"/> costs, in <see cref="Currency"/>'s minor units.</summary>
    public long PriceOf(Bookings.Rate rate) => rate == Bookings.Rate.Reduced ? ReducedRateCents : StandardRateCents;

    public SymposiumStatus Status { get; private set; }

    public Instant? PublishedAt { get; private set; }

    public BookingPolicy? Policy { get; private set; }

    public Instant CreatedAt { get; private set; }

    /// <summary>SHA-256 of the organizers' private calendar feed token for this symposium; the token is never stored.</summary>
    public string? FeedTokenHash { get; private set; }

    /// <summary>Issues a new organizers' feed token (its hash): the previous feed URL stops working at once.</summary>
    public void SetFeedToken(string tokenHash) => FeedTokenHash = tokenHash;

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    /// <summary>Whether attendees may book or join the waitlist now: published, inside the policy's booking window.</summary>
    public bool IsOpenForBooking(Instant now) => Status == SymposiumStatus.Published && Policy is { } policy && policy.IsOpenAt(now);

    /// <summary>Whether a slot starting at <paramref name="slotStartsAt"/> may be booked (or moved to) now.</summary>
    public Result EnsureBookable(Instant slotStartsAt, Instant now) =>
        !IsOpenForBooking(now) ? BookingErrors.NotOpen
        : slotStartsAt <= now ? BookingErrors.SlotStarted
        : Result.Success;

    public static Result<Symposium> Create(SymposiumDetails details, Instant now)
    {
        var symposium = new Symposium { Id = Guid.CreateVersion7(), CreatedAt = now, Status = SymposiumStatus.Draft };
        var applied = symposium.Apply(details);
        return applied.IsFailure ? applied.Error : symposium;
    }

    /// <summary>A symposium is over once its last day has passed in its own zone; then it is kept as a record.</summary>
    public bool HasEnded(Instant now) => now.InZone(Zone).Date > EndDate;

    /// <summary>Refuses any change to a symposium that has ended.</summary>
    public Result EnsureChangeable(Instant now) => HasEnded(now) ? SymposiumErrors.ReadOnly : Result.Success;

    /// <summary>
    /// New details for a symposium that may already have shifts: their local times are only meaningful in this zone,
    /// and every shift must stay inside the dates.
    /// </summary>
    public Result Edit(SymposiumDetails details, Instant now, ShiftSpan? shifts)
    {
        var changeable = EnsureChangeable(now);
        if (changeable.IsFailure)
        {
            return changeable;
        }

        if (shifts is { } span)
        {
            if (details.TimeZoneId != TimeZoneId)
            {
                return SymposiumErrors.ZoneLocked;
            }

            if (span.First < details.StartDate || span.Last > details.EndDate)
            {
                return SymposiumErrors.ShiftsOutsideDates;
            }
        }

        return Apply(details);
    }

    public Result SetPolicy(BookingPolicy policy, Instant now)
    {
        var changeable = EnsureChangeable(now);
        if (changeable.IsFailure)
        {
            return changeable;
        }

        Policy = policy;
        return Result.Success;
    }

    /// <summary>The day of this symposium that lies <paramref name="days"/> after its first day.</summary>
    public LocalDate Day(int days) => StartDate.PlusDays(days);

    /// <summary>How many days after the first day <paramref name="date"/> is.</summary>
    public int DayIndex(LocalDate date) => Period.Between(StartDate, date, PeriodUnits.Days).Days;

    /// <summary>
    /// Next year's draft in another city: same currency, rates and length; the policy's opening and closing keep
    /// their local date-time relative to the first day, read in the new zone.
    /// </summary>
    public Result<Symposium> Copy(CopyDetails target, Instant now)
    {
        var details = new SymposiumDetails(target.Year, target.City, target.VenueName, target.VenueAddress, target.TimeZoneId,
            target.StartDate, target.StartDate.PlusDays(DayIndex(EndDate)), Currency, ReducedRateCents, StandardRateCents);
        var created = Create(details, now);
        if (created.IsFailure || Policy is not { } policy)
        {
            return created;
        }

        var copy = created.Value;
        var newZone = copy.Zone;
        Instant Move(Instant instant)
        {
            var local = instant.InZone(Zone).LocalDateTime;
            var shifted = local.PlusDays(Period.Between(StartDate, target.StartDate, PeriodUnits.Days).Days);
            return shifted.InZoneLeniently(newZone).ToInstant();
        }

        copy.Policy = policy with { BookingOpensAt = Move(policy.BookingOpensAt), BookingClosesAt = Move(policy.BookingClosesAt) };
        return copy;
    }

    public Result Publish(Instant now, bool hasSlots)
    {
        var changeable = EnsureChangeable(now);
        if (changeable.IsFailure)
        {
            return changeable;
        }

        if (Status == SymposiumStatus.Published)
        {
            return SymposiumErrors.AlreadyPublished;
        }

        if (Policy is null)
        {
            return SymposiumErrors.NoPolicy;
        }

        if (!hasSlots)
        {
            return SymposiumErrors.NoSlots;
        }

        Status = SymposiumStatus.Published;
        PublishedAt = now;
        return Result.Success;
    }

    /// <summary>Ends booking now, before the policy's closing time: the window closes at <paramref name="now"/>.</summary>
    public Result CloseBookings(Instant now)
    {
        if (Status != SymposiumStatus.Published)
        {
            return SymposiumErrors.NotPublished;
        }

        if (Policy is not { } policy || !policy.IsOpenAt(now))
        {
            return SymposiumErrors.BookingNotOpen;
        }

        Policy = policy with { BookingClosesAt = now };
        return Result.Success;
    }

    /// <summary>
    /// Takes a published symposium back to a draft: attendees no longer see it. Only while booking is not open (so no
    /// booking can start meanwhile) and when no booking holds a slot; a draft can then be changed or deleted.
    /// </summary>
    public Result Unpublish(Instant now, bool hasActiveBookings)
    {
        if (Status != SymposiumStatus.Published)
        {
            return SymposiumErrors.NotPublished;
        }

        if (Policy is { } policy && policy.IsOpenAt(now))
        {
            return SymposiumErrors.BookingStillOpen;
        }

        if (hasActiveBookings)
        {
            return SymposiumErrors.HasActiveBookings;
        }

        Status = SymposiumStatus.Draft;
        PublishedAt = null;
        return Result.Success;
    }

    /// <summary>Whether this symposium may be deleted: a draft (bookings it ever had are checked by the database).</summary>
    public Result EnsureDeletable() => Status == SymposiumStatus.Draft ? Result.Success : SymposiumErrors.NotADraft;

    /// <summary>Puts a symposium that has ended away: read-only as before, listed apart.</summary>
    public Result Archive(Instant now)
    {
        if (Status == SymposiumStatus.Archived)
        {
            return SymposiumErrors.AlreadyArchived;
        }

        if (!HasEnded(now))
        {
            return SymposiumErrors.NotEnded;
        }

        Status = SymposiumStatus.Archived;
        return Result.Success;
    }

    private Result Apply(SymposiumDetails d)
    {
        var check = Validate(d);
        if (check.IsFailure)
        {
            return check;
        }

        Year = d.Year;
        City = d.City.Trim();
        VenueName = d.VenueName.Trim();
        VenueAddress = d.VenueAddress.Trim();
        TimeZoneId = d.TimeZoneId;
        StartDate = d.StartDate;
        EndDate = d.EndDate;
        Currency = d.Currency;
        ReducedRateCents = d.ReducedRateCents;
        StandardRateCents = d.StandardRateCents;
        return Result.Success;
    }

    private static Result Validate(SymposiumDetails d)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(d.TimeZoneId) is null)
        {
            return SymposiumErrors.UnknownTimeZone(d.TimeZoneId);
        }

        if (d.EndDate < d.StartDate)
        {
            return SymposiumErrors.EndBeforeStart;
        }

        if (Period.Between(d.StartDate, d.EndDate, PeriodUnits.Days).Days >= SymposiumErrors.MaxDays)
        {
            return SymposiumErrors.TooLong;
        }

        if (d.Currency.Length != 3 || !d.Currency.All(char.IsAsciiLetterUpper))
        {
            return SymposiumErrors.BadCurrency;
        }

        static bool InRange(long cents) => cents is >= 0 and <= SymposiumErrors.MaxRateCents;
        return InRange(d.ReducedRateCents) && InRange(d.StandardRateCents) ? Result.Success : SymposiumErrors.BadRate;
    }
}
