using NodaTime;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Domain.Tests.Symposia;

public sealed class SymposiumTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 15, 0);

    private static SymposiumDetails Valid => new(2027, " Chicago ", "Lakeshore Conference Center", "301 E North Water St",
        "America/Chicago", new LocalDate(2027, 6, 11), new LocalDate(2027, 6, 13), "USD", 2500, 6000);

    [Fact]
    public void A_valid_symposium_starts_as_a_draft_with_trimmed_text()
    {
        var symposium = Symposium.Create(Valid, Now).Value;

        Assert.Equal(SymposiumStatus.Draft, symposium.Status);
        Assert.Equal("Chicago", symposium.City);
        Assert.Equal("America/Chicago", symposium.Zone.Id);
    }

    public static TheoryData<string, SymposiumDetails> Invalid => new()
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
    public void Invalid_details_are_refused_with_a_stable_code(string code, SymposiumDetails details)
    {
        var result = Symposium.Create(details, Now);

        Assert.True(result.IsFailure);
        Assert.Equal(code, result.Error?.Code);
        Assert.NotNull(result.Error?.Fields);
    }

    [Fact]
    public void Fourteen_days_is_the_longest_symposium()
    {
        Assert.True(Symposium.Create(Valid with { EndDate = Valid.StartDate.PlusDays(13) }, Now).IsSuccess);
        Assert.True(Symposium.Create(Valid with { EndDate = Valid.StartDate.PlusDays(14) }, Now).IsFailure);
    }

    [Fact]
    public void Publishing_needs_a_policy_and_slots_and_happens_once()
    {
        var symposium = Symposium.Create(Valid, Now).Value;

        Assert.Equal("symposium.no_policy", symposium.Publish(Now, hasSlots: true).Error?.Code);
        symposium.SetPolicy(new BookingPolicy(Now, Now.Plus(Duration.FromDays(30)), 1, 30, 24), Now);
        Assert.Equal("symposium.no_slots", symposium.Publish(Now, hasSlots: false).Error?.Code);
        Assert.True(symposium.Publish(Now, hasSlots: true).IsSuccess);
        Assert.Equal(SymposiumStatus.Published, symposium.Status);
        Assert.Equal(Now, symposium.PublishedAt);
        Assert.Equal("symposium.already_published", symposium.Publish(Now, hasSlots: true).Error?.Code);
    }

    [Fact]
    public void The_booking_window_includes_its_opening_and_excludes_its_closing()
    {
        var policy = new BookingPolicy(Now, Now.Plus(Duration.FromHours(1)), 1, 30, 24);

        Assert.False(policy.IsOpenAt(Now.Minus(Duration.Epsilon)));
        Assert.True(policy.IsOpenAt(Now));
        Assert.False(policy.IsOpenAt(Now.Plus(Duration.FromHours(1))));
    }

    [Fact]
    public void An_symposium_becomes_read_only_once_its_last_day_has_passed_in_its_zone()
    {
        var symposium = Symposium.Create(Valid, Now).Value;
        // 13 June 2027 ends at 05:00 UTC on the 14th in Chicago (CDT, UTC-5).
        var lastEvening = Instant.FromUtc(2027, 6, 14, 4, 59);
        var nextMorning = Instant.FromUtc(2027, 6, 14, 5, 0);

        Assert.False(symposium.HasEnded(lastEvening));
        Assert.True(symposium.HasEnded(nextMorning));
        Assert.Equal("symposium.read_only", symposium.Edit(Valid, nextMorning, null).Error?.Code);
        Assert.Equal("symposium.read_only", symposium.Publish(nextMorning, hasSlots: true).Error?.Code);
    }

    [Fact]
    public void With_shifts_the_zone_is_locked_and_the_dates_must_keep_them_inside()
    {
        var symposium = Symposium.Create(Valid, Now).Value;
        var shifts = new ShiftSpan(new LocalDate(2027, 6, 11), new LocalDate(2027, 6, 12));

        Assert.Equal("symposium.zone_locked", symposium.Edit(Valid with { TimeZoneId = "America/Denver" }, Now, shifts).Error?.Code);
        Assert.Equal("symposium.shifts_outside_dates",
            symposium.Edit(Valid with { StartDate = new LocalDate(2027, 6, 12) }, Now, shifts).Error?.Code);
        Assert.True(symposium.Edit(Valid with { EndDate = new LocalDate(2027, 6, 12), City = "Evanston" }, Now, shifts).IsSuccess);
        Assert.Equal("Evanston", symposium.City);
    }

    [Fact]
    public void A_copy_keeps_rates_and_length_and_moves_the_policy_to_the_same_local_times_in_the_new_zone()
    {
        var chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];
        var lisbon = DateTimeZoneProviders.Tzdb["Europe/Lisbon"];
        var symposium = Symposium.Create(Valid, Now).Value;
        // Bookings open at 09:00 Chicago time 41 days before the first day, and close at 17:00 on the last day.
        symposium.SetPolicy(new BookingPolicy(
            new LocalDateTime(2027, 5, 1, 9, 0).InZoneStrictly(chicago).ToInstant(),
            new LocalDateTime(2027, 6, 13, 17, 0).InZoneStrictly(chicago).ToInstant(),
            1, 30, 24), Now);

        var copy = symposium.Copy(new CopyDetails(2028, "Lisbon", "Centro", "Rua 1", "Europe/Lisbon", new LocalDate(2028, 5, 12)), Now).Value;

        Assert.Equal(SymposiumStatus.Draft, copy.Status);
        Assert.Equal(new LocalDate(2028, 5, 14), copy.EndDate);
        Assert.Equal(("USD", 2500L, 6000L), (copy.Currency, copy.ReducedRateCents, copy.StandardRateCents));
        Assert.Equal(new LocalDateTime(2028, 4, 1, 9, 0), copy.Policy!.BookingOpensAt.InZone(lisbon).LocalDateTime);
        Assert.Equal(new LocalDateTime(2028, 5, 14, 17, 0), copy.Policy.BookingClosesAt.InZone(lisbon).LocalDateTime);
        Assert.Equal(1, copy.DayIndex(copy.Day(1)));
    }

    [Fact]
    public void A_copy_to_an_unknown_zone_is_refused()
    {
        var symposium = Symposium.Create(Valid, Now).Value;

        var copy = symposium.Copy(new CopyDetails(2028, "Atlantis", "Hall", "1 Sea Rd", "Ocean/Atlantis", new LocalDate(2028, 5, 12)), Now);

        Assert.Equal("symposium.unknown_time_zone", copy.Error?.Code);
    }

    [Theory]
    [InlineData(true, 29, "policy.hold_too_short")]
    [InlineData(true, 30, null)]
    [InlineData(false, 4, "policy.hold_too_short")]
    [InlineData(false, 5, null)]
    public void Holds_last_at_least_30_minutes_when_online_payment_is_on_and_5_otherwise(bool online, int minutes, string? code)
    {
        var policy = BookingPolicy.Create(Now, Now.Plus(Duration.FromDays(1)), 1, minutes, 24, online);

        Assert.Equal(code, policy.Error?.Code);
    }

    [Fact]
    public void Bookings_must_close_after_they_open()
    {
        Assert.Equal("policy.closes_before_opens", BookingPolicy.Create(Now, Now, 1, 30, 24, false).Error?.Code);
    }
}
