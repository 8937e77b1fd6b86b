using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Editions;

/// <summary>One year's symposium: where and when it meets, its rates and its booking policy.</summary>
public sealed class SymposiumEdition
{
    private SymposiumEdition()
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

    public EditionStatus Status { get; private set; }

    public Instant? PublishedAt { get; private set; }

    public BookingPolicy? Policy { get; private set; }

    public Instant CreatedAt { get; private set; }

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    public static Result<SymposiumEdition> Create(EditionDetails details, Instant now)
    {
        var edition = new SymposiumEdition { Id = Guid.CreateVersion7(), CreatedAt = now, Status = EditionStatus.Draft };
        var applied = edition.Apply(details);
        return applied.IsFailure ? applied.Error! : edition;
    }

    public Result Edit(EditionDetails details) => Apply(details);

    public void SetPolicy(BookingPolicy policy) => Policy = policy;

    public Result Publish(Instant now, bool hasSlots)
    {
        if (Status == EditionStatus.Published)
        {
            return EditionErrors.AlreadyPublished;
        }

        if (Policy is null)
        {
            return EditionErrors.NoPolicy;
        }

        if (!hasSlots)
        {
            return EditionErrors.NoSlots;
        }

        Status = EditionStatus.Published;
        PublishedAt = now;
        return Result.Success;
    }

    private Result Apply(EditionDetails d)
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

    private static Result Validate(EditionDetails d)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(d.TimeZoneId) is null)
        {
            return EditionErrors.UnknownTimeZone(d.TimeZoneId);
        }

        if (d.EndDate < d.StartDate)
        {
            return EditionErrors.EndBeforeStart;
        }

        if (Period.Between(d.StartDate, d.EndDate, PeriodUnits.Days).Days >= EditionErrors.MaxDays)
        {
            return EditionErrors.TooLong;
        }

        if (d.Currency.Length != 3 || !d.Currency.All(char.IsAsciiLetterUpper))
        {
            return EditionErrors.BadCurrency;
        }

        static bool InRange(long cents) => cents is >= 0 and <= EditionErrors.MaxRateCents;
        return InRange(d.ReducedRateCents) && InRange(d.StandardRateCents) ? Result.Success : EditionErrors.BadRate;
    }
}
