using NodaTime;
using SymposiumBooking.Domain.Editions;

namespace SymposiumBooking.Domain.Tests.Editions;

public sealed class SymposiumEditionTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 15, 0);

    private static EditionDetails Valid => new(2027, " Chicago ", "Lakeshore Conference Center", "301 E North Water St",
        "America/Chicago", new LocalDate(2027, 6, 11), new LocalDate(2027, 6, 13), "USD", 2500, 6000);

    [Fact]
    public void A_valid_edition_starts_as_a_draft_with_trimmed_text()
    {
        var edition = SymposiumEdition.Create(Valid, Now).Value;

        Assert.Equal(EditionStatus.Draft, edition.Status);
        Assert.Equal("Chicago", edition.City);
        Assert.Equal("America/Chicago", edition.Zone.Id);
    }

    public static TheoryData<string, EditionDetails> Invalid => new()
    {
        { "symposium.unknown_time_zone", Valid with { TimeZoneId = "America/Atlantis" } },
        { "symposium.unknown_time_zone", Valid with { TimeZoneId = "CST" } },
        { "symposium.end_before_start", Valid with { EndDate = new LocalDate(2027, 6, 10) } },
        { "symposium.too_long", Valid with { EndDate = new LocalDate(2027, 6, 25) } },
        { "symposium.bad_currency", Valid with { Currency = "usd" } },
        { "symposium.bad_currency", Valid with { Currency = "DOLLARS" } },
        { "symposium.bad_rate", Valid with { ReducedRateCents = -1 } },
        { "symposium.bad_rate", Valid with { StandardRateCents = 1_000_001 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_details_are_refused_with_a_stable_code(string code, EditionDetails details)
    {
        var result = SymposiumEdition.Create(details, Now);

        Assert.True(result.IsFailure);
        Assert.Equal(code, result.Error!.Code);
        Assert.NotNull(result.Error.Fields);
    }

    [Fact]
    public void Fourteen_days_is_the_longest_edition()
    {
        Assert.True(SymposiumEdition.Create(Valid with { EndDate = Valid.StartDate.PlusDays(13) }, Now).IsSuccess);
        Assert.True(SymposiumEdition.Create(Valid with { EndDate = Valid.StartDate.PlusDays(14) }, Now).IsFailure);
    }

    [Fact]
    public void Publishing_needs_a_policy_and_slots_and_happens_once()
    {
        var edition = SymposiumEdition.Create(Valid, Now).Value;

        Assert.Equal("symposium.no_policy", edition.Publish(Now, hasSlots: true).Error!.Code);
        edition.SetPolicy(new BookingPolicy(Now, Now.Plus(Duration.FromDays(30)), 1, 30, 24), Now);
        Assert.Equal("symposium.no_slots", edition.Publish(Now, hasSlots: false).Error!.Code);
        Assert.True(edition.Publish(Now, hasSlots: true).IsSuccess);
        Assert.Equal(EditionStatus.Published, edition.Status);
        Assert.Equal(Now, edition.PublishedAt);
        Assert.Equal("symposium.already_published", edition.Publish(Now, hasSlots: true).Error!.Code);
    }

    [Fact]
    public void The_booking_window_includes_its_opening_and_excludes_its_closing()
    {
        var policy = new BookingPolicy(Now, Now.Plus(Duration.FromHours(1)), 1, 30, 24);

        Assert.False(policy.IsOpenAt(Now.Minus(Duration.Epsilon)));
        Assert.True(policy.IsOpenAt(Now));
        Assert.False(policy.IsOpenAt(Now.Plus(Duration.FromHours(1))));
    }
}
