using NodaTime;
using NodaTime.Text;
using SymposiumBooking.Domain.Scheduling;

namespace SymposiumBooking.Domain.Tests.Scheduling;

public sealed class ShiftPlanTests
{
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];

    private static readonly OffsetDateTimePattern WithOffset =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");

    private static string[] LocalStarts(IEnumerable<SlotTime> slots, DateTimeZone zone) =>
        [.. slots.Select(s => WithOffset.Format(s.StartsAt.InZone(zone).ToOffsetDateTime()))];

    [Fact]
    public void A_day_of_50_minute_sessions_with_10_minute_buffers_skips_the_lunch_break()
    {
        var plan = new ShiftPlan(new LocalDate(2027, 6, 11), new LocalTime(9, 0), new LocalTime(17, 0), 50, 10,
            [new ShiftBreak(new LocalTime(12, 0), new LocalTime(13, 0))]);

        var slots = plan.Slots(Chicago);

        Assert.Equal(
            ["09:00", "10:00", "11:00", "13:00", "14:00", "15:00", "16:00"],
            slots.Select(s => s.StartsAt.InZone(Chicago).TimeOfDay.ToString("HH:mm", null)).ToArray());
        Assert.All(slots, s => Assert.Equal(Duration.FromMinutes(50), s.EndsAt - s.StartsAt));
    }

    [Fact]
    public void A_session_that_would_run_into_a_break_starts_after_it()
    {
        var plan = new ShiftPlan(new LocalDate(2027, 6, 11), new LocalTime(9, 0), new LocalTime(12, 0), 45, 0,
            [new ShiftBreak(new LocalTime(10, 0), new LocalTime(10, 15))]);

        var starts = plan.Slots(Chicago).Select(s => s.StartsAt.InZone(Chicago).TimeOfDay).ToArray();

        Assert.Equal([new LocalTime(9, 0), new LocalTime(10, 15), new LocalTime(11, 0)], starts);
    }

    [Fact]
    public void Nine_oclock_stays_nine_oclock_on_both_sides_of_the_November_DST_change()
    {
        // America/Chicago falls back from CDT (-05:00) to CST (-06:00) at 02:00 on Sunday 1 November 2026.
        string[] days = ["2026-10-31", "2026-11-01", "2026-11-02"];
        var firstSlots = days
            .Select(d => new ShiftPlan(LocalDatePattern.Iso.Parse(d).Value, new LocalTime(9, 0), new LocalTime(10, 0), 50, 10, []))
            .Select(p => p.Slots(Chicago).Single())
            .ToList();

        Assert.Equal(
            ["2026-10-31T09:00:00-05:00", "2026-11-01T09:00:00-06:00", "2026-11-02T09:00:00-06:00"],
            LocalStarts(firstSlots, Chicago));
        // 25 hours pass between the first two nine o'clocks.
        Assert.Equal(Duration.FromHours(25), firstSlots[1].StartsAt - firstSlots[0].StartsAt);
    }

    [Fact]
    public void Sessions_keep_their_real_length_through_the_repeated_hour_of_the_fall_back()
    {
        var plan = new ShiftPlan(new LocalDate(2026, 11, 1), new LocalTime(0, 30), new LocalTime(3, 30), 50, 10, []);

        var slots = plan.Slots(Chicago);

        // 01:30 happens twice: the earlier (CDT) instant is taken, and no session is shortened or lengthened.
        Assert.Equal(
            ["2026-11-01T00:30:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-06:00"],
            LocalStarts(slots, Chicago));
        Assert.All(slots, s => Assert.Equal(Duration.FromMinutes(50), s.EndsAt - s.StartsAt));
    }

    [Fact]
    public void A_start_inside_the_spring_forward_gap_moves_to_the_clock_time_after_it()
    {
        // On 14 March 2027 Chicago's clocks jump from 02:00 to 03:00: 02:30 does not exist.
        var plan = new ShiftPlan(new LocalDate(2027, 3, 14), new LocalTime(1, 30), new LocalTime(3, 30), 50, 10, []);

        Assert.Equal(["2027-03-14T01:30:00-06:00", "2027-03-14T03:30:00-05:00"], LocalStarts(plan.Slots(Chicago), Chicago));
    }

    [Fact]
    public void Half_hour_sessions_across_the_spring_forward_gap_never_overlap()
    {
        var plan = new ShiftPlan(new LocalDate(2027, 3, 14), new LocalTime(1, 0), new LocalTime(4, 0), 30, 0, []);

        var slots = plan.Slots(Chicago);

        Assert.Equal(
            ["2027-03-14T01:00:00-06:00", "2027-03-14T01:30:00-06:00", "2027-03-14T03:00:00-05:00", "2027-03-14T03:30:00-05:00"],
            LocalStarts(slots, Chicago));
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.True(pair.First.EndsAt <= pair.Second.StartsAt));
    }

    [Theory]
    [InlineData(9, 0, 9, 30, 50)] // shorter than one session
    [InlineData(23, 30, 23, 59, 50)] // a session would cross midnight
    public void A_shift_too_short_for_a_session_yields_none(int fromHour, int fromMinute, int toHour, int toMinute, int sessionMinutes)
    {
        var plan = new ShiftPlan(new LocalDate(2027, 6, 11), new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute),
            sessionMinutes, 0, []);

        Assert.Empty(plan.Slots(Chicago));
    }

    [Fact]
    public void The_same_local_pattern_gives_different_instants_in_another_zone()
    {
        var plan = new ShiftPlan(new LocalDate(2027, 6, 11), new LocalTime(9, 0), new LocalTime(10, 0), 50, 0, []);
        var lisbon = DateTimeZoneProviders.Tzdb["Europe/Lisbon"];

        Assert.Equal(["2027-06-11T09:00:00+01:00"], LocalStarts(plan.Slots(lisbon), lisbon));
        Assert.Equal(Duration.FromHours(6), plan.Slots(Chicago)[0].StartsAt - plan.Slots(lisbon)[0].StartsAt);
    }

    public static TheoryData<string, ShiftPlan> BadPlans => new()
    {
        { "shift.outside_symposium", Plan(date: new LocalDate(2027, 6, 14)) },
        { "shift.outside_symposium", Plan(date: new LocalDate(2027, 6, 10)) },
        { "shift.crosses_midnight", Plan(start: new LocalTime(22, 0), end: new LocalTime(2, 0)) },
        { "shift.crosses_midnight", Plan(start: new LocalTime(9, 0), end: new LocalTime(9, 0)) },
        { "shift.bad_break", Plan(breaks: [new ShiftBreak(new LocalTime(8, 0), new LocalTime(9, 30))]) },
        { "shift.bad_break", Plan(breaks: [new ShiftBreak(new LocalTime(11, 0), new LocalTime(10, 0))]) },
        {
            "shift.bad_break",
            Plan(breaks: [new ShiftBreak(new LocalTime(10, 0), new LocalTime(11, 0)), new ShiftBreak(new LocalTime(10, 30), new LocalTime(11, 30))])
        },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public void Plans_that_do_not_fit_the_symposium_or_themselves_are_refused(string code, ShiftPlan plan)
    {
        Assert.Equal(code, plan.Validate(new LocalDate(2027, 6, 11), new LocalDate(2027, 6, 13)).Error?.Code);
    }

    [Fact]
    public void Shifts_overlap_only_on_the_same_day_and_when_their_hours_cross()
    {
        var morning = Plan(start: new LocalTime(9, 0), end: new LocalTime(12, 0));

        Assert.True(morning.Overlaps(Plan(start: new LocalTime(11, 0), end: new LocalTime(14, 0))));
        Assert.False(morning.Overlaps(Plan(start: new LocalTime(12, 0), end: new LocalTime(14, 0))));
        Assert.False(morning.Overlaps(Plan(date: new LocalDate(2027, 6, 12))));
    }

    private static ShiftPlan Plan(LocalDate? date = null, LocalTime? start = null, LocalTime? end = null, ShiftBreak[]? breaks = null) =>
        new(date ?? new LocalDate(2027, 6, 11), start ?? new LocalTime(9, 0), end ?? new LocalTime(17, 0), 50, 10, breaks ?? []);
}
