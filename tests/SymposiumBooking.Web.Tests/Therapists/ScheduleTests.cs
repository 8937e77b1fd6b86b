using System.Net;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;

namespace SymposiumBooking.Web.Tests.Therapists;

/// <summary>GET /api/v1/me/schedule: the therapist's day in order, with the flags that matter, breaks and gaps.</summary>
public sealed class ScheduleTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task A_therapist_sees_their_sessions_in_time_order_with_client_status_location_and_flags()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var a = await world.ClientAAsync(app);

        var day = await a.SendGetAsync($"/api/v1/me/schedule?date={world.DayText}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(world.DayText, day.Text("date"));
        Assert.Equal("America/Chicago", day.Text("timeZone"));
        var sessions = day.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(["Fiona Flagged", "Paul Plain"], sessions.Select(s => s.Text("clientName")));
        OrganizerApi.AssertInstant($"{world.DayText}T09:00:00-05:00", sessions[0].GetProperty("startsAt"));
        OrganizerApi.AssertInstant($"{world.DayText}T14:00:00-05:00", sessions[1].GetProperty("startsAt"));
        Assert.All(sessions, s => Assert.Equal(("confirmed", "Room B, table 1"), (s.Text("status"), s.Text("location"))));
        var flagged = sessions[0].GetProperty("flags");
        Assert.True(flagged.GetProperty("frontOfNeckAvoided").GetBoolean());
        Assert.True(flagged.GetProperty("recentBotox").GetBoolean());
        Assert.Equal("left", flagged.Text("dbs"));
        Assert.True(flagged.GetProperty("bloodThinners").GetBoolean());
        Assert.False(flagged.GetProperty("recentNeckSurgery").GetBoolean());
        var plain = sessions[1].GetProperty("flags");
        Assert.True(plain.GetProperty("frontOfNeckAvoided").GetBoolean()); // always shown
        Assert.Equal((false, "none", false), (plain.GetProperty("recentBotox").GetBoolean(), plain.Text("dbs"), plain.GetProperty("bloodThinners").GetBoolean()));
        var text = day.GetRawText();
        Assert.DoesNotContain(TherapistWorld.BClientName, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Flagged note", text, StringComparison.Ordinal); // flags, not intake text
        Assert.DoesNotContain("neckLeft", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_holds_sessions_free_slots_the_break_and_the_gap_between_shifts_in_order()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var a = await world.ClientAAsync(app);

        var day = await a.SendGetAsync($"/api/v1/me/schedule?date={world.DayText}").ExpectAsync(HttpStatusCode.OK);

        var timeline = day.GetProperty("timeline").EnumerateArray()
            .Select(e => $"{e.Text("kind")} {DateTimeOffset.Parse(e.Text("startsAt"), System.Globalization.CultureInfo.InvariantCulture):HH:mm}-{DateTimeOffset.Parse(e.Text("endsAt"), System.Globalization.CultureInfo.InvariantCulture):HH:mm}")
            .ToList();
        Assert.Equal(
            ["session 09:00-09:50", "free 10:00-10:50", "break 11:00-11:30", "gap 12:00-14:00", "session 14:00-14:50", "free 15:00-15:50"],
            timeline);
    }

    [Fact]
    public async Task Without_a_date_it_opens_on_today_in_the_symposiums_time_zone()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var a = await world.ClientAAsync(app);
        var secondDay = world.Day.PlusDays(1);

        var before = await a.SendGetAsync("/api/v1/me/schedule").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(world.DayText, before.Text("date")); // not on yet: the first day

        // 03:00 UTC on the second day is still 22:00 of the first day in Chicago.
        app.Clock.SetUtcNow(secondDay.AtMidnight().InUtc().ToDateTimeOffset().AddHours(3));
        a = await world.ClientAAsync(app); // sign in again: the token expired while the clock moved
        Assert.Equal(world.DayText, (await a.SendGetAsync("/api/v1/me/schedule").ExpectAsync(HttpStatusCode.OK)).Text("date"));

        app.Clock.SetUtcNow(secondDay.AtMidnight().InUtc().ToDateTimeOffset().AddHours(6));
        a = await world.ClientAAsync(app);
        var today = await a.SendGetAsync("/api/v1/me/schedule").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(LocalDatePattern.Iso.Format(secondDay), today.Text("date"));
        Assert.Empty(today.GetProperty("sessions").EnumerateArray());
        Assert.Equal(3, today.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task A_day_outside_the_symposium_is_422_and_a_malformed_date_is_400()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var a = await world.ClientAAsync(app);

        await a.SendGetAsync($"/api/v1/me/schedule?date={LocalDatePattern.Iso.Format(world.Day.PlusDays(-1))}")
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "schedule.day_outside_symposium");
        await a.SendGetAsync("/api/v1/me/schedule?date=tomorrow").ProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }

    [Fact]
    public async Task Staff_who_are_no_symposiums_therapist_get_404()
    {
        var organizer = await app.SignedInClientAsync();

        await organizer.SendGetAsync("/api/v1/me/schedule").ProblemAsync(HttpStatusCode.NotFound, "schedule.not_a_therapist");
    }

    [Fact]
    public async Task Organizers_see_any_therapists_day_as_the_therapist_does()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var organizer = await app.SignedInClientAsync();
        var b = await world.ClientBAsync(app);

        var theirs = await organizer.SendGetAsync($"/api/v1/symposia/{world.Symposium.Id}/therapists/{world.B.Id}/schedule?date={world.DayText}")
            .ExpectAsync(HttpStatusCode.OK);
        var own = await b.SendGetAsync($"/api/v1/me/schedule?date={world.DayText}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(own.GetRawText(), theirs.GetRawText());
        Assert.Equal(TherapistWorld.BClientName, Assert.Single(theirs.GetProperty("sessions").EnumerateArray()).Text("clientName"));
    }

    [Fact]
    public async Task A_cancelled_booking_leaves_a_free_slot()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var attendee = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await attendee.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{world.PlainOfA.Id}/cancel", world.PlainOfA.Token)).StatusCode);
        var a = await world.ClientAAsync(app);

        var day = await a.SendGetAsync($"/api/v1/me/schedule?date={world.DayText}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["Fiona Flagged"], day.GetProperty("sessions").EnumerateArray().Select(s => s.Text("clientName")));
        Assert.Equal(JsonValueKind.Null, day.GetProperty("timeline").EnumerateArray().First(e => e.Text("startsAt").Contains("T14:00", StringComparison.Ordinal)).GetProperty("bookingId").ValueKind);
    }
}
