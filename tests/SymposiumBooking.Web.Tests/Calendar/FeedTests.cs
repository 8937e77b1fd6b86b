using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Calendar;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Calendar;

/// <summary>
/// A booking's calendar download and the private subscription feeds, over HTTP on a real PostgreSQL. Every calendar
/// is read back by python3-icalendar and ical.js (<see cref="IcsParsers"/>).
/// </summary>
public sealed class FeedTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string Password = "Therapist-Password-1";

    /// <summary>What must never reach a therapist's or organizers' calendar: contact details, surname, intake.</summary>
    private static readonly string[] Private = ["@example.org", "+1 312", "Ruiz", "neck", "head", "botox", "dbs", "blood", "seated", "intake"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Booking_download_is_publish_with_the_uid_tzid_wall_clock_time_place_and_summary()
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id);

        var response = await app.CreateClient().WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}/calendar.ics", booked.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var day = schedule.Symposium.StartDate.ToString("yyyy-MM-dd", null);
        foreach (var calendar in await IcsParsers.ParseAsync(await response.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal("PUBLISH", calendar.Method);
            Assert.Contains("America/Chicago", calendar.TimeZones);
            var e = Assert.Single(calendar.Events);
            Assert.Equal(CalendarInvitesUid(booked.Id), e.Uid);
            Assert.Equal("CONFIRMED", e.Status);
            Assert.Equal("Massage with Therapist 00", e.Summary);
            Assert.Equal("Lakeshore Conference Center, Room B, table 1, 301 E North Water St", e.Location);
            Assert.Equal(("America/Chicago", $"{day}T09:00:00"), (e.Start?.Tzid, e.Start?.Local));
            Assert.Equal($"{day}T09:50:00", e.End?.Local);
            Assert.Empty(e.Attendees); // PUBLISH: no ATTENDEE (RFC 5546)
            Assert.DoesNotContain("neck", e.Description ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task After_a_reschedule_the_download_keeps_the_uid_with_a_higher_sequence_and_after_a_cancel_says_cancelled()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var booked = await client.BookAtTableAsync(schedule.Slots[0].Id);
        var first = Assert.Single((await DownloadAsync(booked)).First().Events);

        var moved = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/reschedule", booked.Token, new { slotId = schedule.Slots[3].Id });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var day = schedule.Symposium.StartDate.ToString("yyyy-MM-dd", null);
        var sequences = new List<int>();
        foreach (var calendar in await DownloadAsync(booked))
        {
            var e = Assert.Single(calendar.Events);
            Assert.Equal(first.Uid, e.Uid);
            Assert.True(e.Sequence > first.Sequence, $"SEQUENCE {e.Sequence} after a reschedule, {first.Sequence} before");
            Assert.Equal($"{day}T12:00:00", e.Start?.Local);
            sequences.Add(e.Sequence);
        }

        var cancelled = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/cancel", booked.Token);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        foreach (var calendar in await DownloadAsync(booked))
        {
            var e = Assert.Single(calendar.Events);
            Assert.Equal(first.Uid, e.Uid);
            Assert.Equal("CANCELLED", e.Status);
            Assert.True(e.Sequence >= sequences[0]);
            Assert.Empty(e.Alarms);
        }
    }

    [Fact]
    public async Task Booking_download_without_a_token_is_401_and_with_a_wrong_one_404()
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id);
        var path = $"/api/v1/bookings/{booked.Id}/calendar.ics";

        var missing = await Problem.ReadAsync(await app.CreateClient().WithTokenAsync(HttpMethod.Get, path, null));
        var wrong = await Problem.ReadAsync(await app.CreateClient().WithTokenAsync(HttpMethod.Get, path, booked.Token![..^4] + "AAAA"));

        Assert.Equal((HttpStatusCode.Unauthorized, "booking.token_required"), (missing.Status, missing.Code));
        Assert.Equal((HttpStatusCode.NotFound, "booking.not_found"), (wrong.Status, wrong.Code));
    }

    [Fact]
    public async Task The_manage_page_download_uses_the_booking_cookie_and_without_it_is_a_plain_404()
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id);
        var path = $"/bookings/{booked.Id}/calendar.ics";

        var anonymous = await app.CreateClient().GetAsync(path, Ct);
        var page = new HttpRequestMessage(HttpMethod.Get, path);
        page.Headers.Add("Cookie", $"sb-booking-{booked.Id:N}={booked.Token}");
        var withCookie = await app.CreateClient().SendAsync(page, Ct);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal("text/plain", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        var calendars = await IcsParsers.ParseAsync(await withCookie.Content.ReadAsStringAsync(Ct));
        Assert.All(calendars, c => Assert.Equal(CalendarInvitesUid(booked.Id), Assert.Single(c.Events).Uid));
    }

    [Fact]
    public async Task The_manage_page_offers_add_to_calendar_and_a_subscription()
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id);
        var page = new HttpRequestMessage(HttpMethod.Get, $"/bookings/{booked.Id}");
        page.Headers.Add("Cookie", $"sb-booking-{booked.Id:N}={booked.Token}");

        var html = await (await app.CreateClient().SendAsync(page, Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains($"href=\"/bookings/{booked.Id}/calendar.ics\" download>Add to calendar</a>", html, StringComparison.Ordinal);
        Assert.Contains("Mail me a subscription link", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Therapist_feed_holds_only_their_sessions_with_client_first_names_and_nothing_private()
    {
        var (schedule, emails) = await TherapistsAsync();
        var client = app.CreateClient();
        var mine = await client.BookAtTableAsync(schedule.Slots[0].Id);                               // therapist 0
        var gone = await client.BookAtTableAsync(schedule.Slots[1].Id);                               // therapist 0, cancelled
        var theirs = await client.BookAtTableAsync(schedule.Slots.First(s => s.TherapistId == schedule.Therapists[1].Id).Id);
        Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{gone.Id}/cancel", gone.Token)).StatusCode);

        var therapist = await app.SignedInClientAsync(emails[0], Password);
        var url = (await (await therapist.PostAsync("/api/v1/me/calendar-feed", null, Ct)).ReadAsync<CalendarFeedView>()).Url;
        Assert.StartsWith("http://127.0.0.1:5080/calendar/therapists/", url, StringComparison.Ordinal);

        var feed = await app.CreateClient().GetAsync(new Uri(url).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var text = await feed.Content.ReadAsStringAsync(Ct);
        foreach (var word in Private)
        {
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var calendar in await IcsParsers.ParseAsync(text))
        {
            Assert.Equal("PUBLISH", calendar.Method);
            Assert.Equal("Massage sessions – Therapist 00", calendar.CalendarName);
            var e = Assert.Single(calendar.Events);
            Assert.Equal(CalendarInvitesUid(mine.Id), e.Uid);
            Assert.Equal("Massage: Ana", e.Summary);
            Assert.Empty(e.Attendees);
            Assert.DoesNotContain(calendar.Events, x => x.Uid == CalendarInvitesUid(theirs.Id) || x.Uid == CalendarInvitesUid(gone.Id));
        }
    }

    [Fact]
    public async Task A_rotated_therapist_token_is_404_and_the_new_one_works_and_a_made_up_one_is_404()
    {
        var (schedule, _) = await TherapistsAsync();
        var organizer = await app.SignedInClientAsync();
        var path = $"/api/v1/symposia/{schedule.Id}/therapists/{schedule.Therapists[0].Id}/calendar-feed";
        var old = new Uri((await (await organizer.PostAsync(path, null, Ct)).ReadAsync<CalendarFeedView>()).Url).PathAndQuery;
        var fresh = new Uri((await (await organizer.PostAsync(path, null, Ct)).ReadAsync<CalendarFeedView>()).Url).PathAndQuery;
        var anonymous = app.CreateClient();

        var oldAnswer = await anonymous.GetAsync(old, Ct);
        Assert.Equal(HttpStatusCode.NotFound, oldAnswer.StatusCode);
        Assert.Equal("Not found.\n", await oldAnswer.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(fresh, Ct)).StatusCode);
        var probe = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, fresh), Ct);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal("text/calendar", probe.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, old), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/therapists/made-up-token.ics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/symposia/made-up-token.ics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/attendees/made-up-token.ics", Ct)).StatusCode);
    }

    [Fact]
    public async Task Only_an_organizer_issues_the_symposium_feed_which_holds_every_session_of_that_symposium()
    {
        var (schedule, emails) = await TherapistsAsync();
        var other = await app.ScheduleAsync();
        var client = app.CreateClient();
        var a = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail(), "standard", name: "Dana Q. Public"));
        var b = await client.BookAtTableAsync(schedule.Slots.First(s => s.TherapistId == schedule.Therapists[1].Id).Id);
        var elsewhere = await client.BookAtTableAsync(other.Slots[0].Id);
        var path = $"/api/v1/symposia/{schedule.Id}/calendar-feed";

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync(path, null, Ct)).StatusCode);
        var therapist = await app.SignedInClientAsync(emails[0], Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.PostAsync(path, null, Ct)).StatusCode);
        var organizer = await app.SignedInClientAsync();
        var answer = await organizer.PostAsync(path, null, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var url = (await answer.ReadAsync<CalendarFeedView>()).Url;
        Assert.StartsWith("http://127.0.0.1:5080/calendar/symposia/", url, StringComparison.Ordinal);

        var text = await app.CreateClient().GetStringAsync(new Uri(url).PathAndQuery, Ct);
        foreach (var word in Private)
        {
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var calendar in await IcsParsers.ParseAsync(text))
        {
            Assert.Equal(new[] { CalendarInvitesUid(a.Id), CalendarInvitesUid(b.Id) }.Order(), calendar.Events.Select(e => e.Uid).Order());
            Assert.Contains(calendar.Events, e => e.Summary == "Therapist 00: massage for Dana");
            Assert.Contains(calendar.Events, e => e.Summary == "Therapist 01: massage for Ana");
            Assert.DoesNotContain(calendar.Events, e => e.Uid == CalendarInvitesUid(elsewhere.Id));
        }
    }

    [Fact]
    public async Task A_signed_in_staff_member_who_is_no_therapist_gets_404_for_their_feed()
    {
        var organizer = await app.SignedInClientAsync();

        var problem = await Problem.ReadAsync(await organizer.PostAsync("/api/v1/me/calendar-feed", null, Ct));

        Assert.Equal((HttpStatusCode.NotFound, "calendar.not_a_therapist"), (problem.Status, problem.Code));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/v1/me/calendar-feed", null, Ct)).StatusCode);
    }

    /// <summary>The value attribute of the first input tag that has <paramref name="marker"/>.</summary>
    private static string Value(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no input with {marker}");
        var tag = html[html.LastIndexOf('<', at)..html.IndexOf('>', at)];
        var value = tag[(tag.IndexOf("value=\"", StringComparison.Ordinal) + 7)..];
        return WebUtility.HtmlDecode(value[..value.IndexOf('"', StringComparison.Ordinal)]);
    }

    private static string CalendarInvitesUid(Guid bookingId) => $"booking-{bookingId}@symposium-booking";

    private async Task<ParsedCalendar[]> DownloadAsync(BookingView booked)
    {
        var response = await app.CreateClient().WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}/calendar.ics", booked.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await IcsParsers.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A symposium with two therapists who have sign-ins; answers their sign-in emails in the same order.</summary>
    private async Task<(Schedule Schedule, string[] Emails)> TherapistsAsync()
    {
        var emails = new[] { BookingSeed.UniqueEmail("therapist.a"), BookingSeed.UniqueEmail("therapist.b") };
        var users = await app.TherapistSignInsAsync(Password, emails);

        return (await app.ScheduleAsync(therapists: 2, therapistUsers: users), emails);
    }
}
