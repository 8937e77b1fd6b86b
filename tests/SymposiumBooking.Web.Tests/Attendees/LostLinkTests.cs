using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>
/// "I lost my link" (docs/attendees.md): the same answer for every address, a mail only to an address with active
/// bookings, a recovery link that expires, and nobody's links change until the mailbox's owner opens a booking.
/// </summary>
public sealed partial class LostLinkTests(InboxApp app) : IClassFixture<InboxApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> AskAsync(string email) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/bookings/lost-link", new { email }, Ct);

    [GeneratedRegex(@"https://booking\.example\.org/bookings/lost-link/open\?t=[A-Za-z0-9_%-]+")]
    private static partial Regex RecoveryLink();

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_is_mailed()
    {
        var schedule = await app.ScheduleAsync();
        var known = BookingSeed.UniqueEmail("known");
        var unknown = BookingSeed.UniqueEmail("unknown");
        await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id, known);
        await app.SendWholeOutboxAsync();

        var (a, b) = (await AskAsync(known), await AskAsync(unknown.ToUpperInvariant()));
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (a.StatusCode, b.StatusCode));
        Assert.Equal(await a.Content.ReadAsStringAsync(Ct), await b.Content.ReadAsStringAsync(Ct));

        await app.SendWholeOutboxAsync();
        var mail = Assert.Single(app.MailsTo(known), m => RecoveryLink().IsMatch(m.TextBody ?? ""));
        Assert.Equal(known, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Empty(app.MailsTo(unknown));
        Assert.Empty(app.MailsTo(unknown.ToUpperInvariant()));
    }

    [Fact]
    public async Task Asking_changes_no_link_and_opening_a_booking_from_the_mail_reaches_its_page_and_retires_the_old_link()
    {
        var schedule = await app.ScheduleAsync();
        var email = BookingSeed.UniqueEmail("owner");
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[1].Id, email);
        await AskAsync(email);
        await app.SendWholeOutboxAsync();
        var link = MailedLinks.PathIn(Assert.Single(app.MailsTo(email), m => RecoveryLink().IsMatch(m.TextBody ?? "")), RecoveryLink());

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(link, Ct);
        Assert.Contains("Open this booking", page, StringComparison.Ordinal);
        var api = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await api.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", booked.Token)).StatusCode); // reading changed nothing

        var opened = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["t"] = MailedLinks.InputValue(page, "name=\"t\""),
            ["bookingId"] = MailedLinks.InputValue(page, "name=\"bookingId\""),
            ["__RequestVerificationToken"] = MailedLinks.InputValue(page, "name=\"__RequestVerificationToken\""),
        }), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.Equal($"/bookings/{booked.Id}", opened.Headers.Location?.OriginalString);
        var manage = await browser.GetAsync($"/bookings/{booked.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        Assert.Contains(booked.Name, await manage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", booked.Token)).StatusCode);
    }

    [Fact]
    public async Task The_recovery_link_expires_after_thirty_minutes()
    {
        var schedule = await app.ScheduleAsync();
        var email = BookingSeed.UniqueEmail("late");
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[2].Id, email);
        await AskAsync(email);
        await app.SendWholeOutboxAsync();
        var link = MailedLinks.PathIn(Assert.Single(app.MailsTo(email), m => RecoveryLink().IsMatch(m.TextBody ?? "")), RecoveryLink());
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(link, Ct);

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await browser.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var refused = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["t"] = MailedLinks.InputValue(page, "name=\"t\""),
            ["bookingId"] = booked.Id.ToString(),
            ["__RequestVerificationToken"] = MailedLinks.InputValue(page, "name=\"__RequestVerificationToken\""),
        }), Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", booked.Token)).StatusCode);
    }

    [Fact]
    public async Task One_address_is_mailed_at_most_three_times_an_hour_and_a_malformed_one_is_refused()
    {
        var email = BookingSeed.UniqueEmail("bombed");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(i % 2 == 0 ? email : email.ToUpperInvariant())).StatusCode);
        }

        await using var db = app.OpenDb();
        var queued = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE type = {OutboxTypes.LostLink} AND payload->>'key' = {email}").SingleAsync(Ct);
        Assert.Equal(3, queued);

        var malformed = await Problem.ReadAsync(await AskAsync("not an address"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
    }
}

/// <summary>The per-client limit, lowered so that a few requests reach it.</summary>
public sealed class LostLinkRateLimitTests(LostLinkRateLimitTests.App app) : IClassFixture<LostLinkRateLimitTests.App>
{
    public sealed class App : BookingApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RateLimits:LostLink:PermitLimit", "2")];
    }

    [Fact]
    public async Task A_client_asking_too_often_gets_429()
    {
        var client = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.PostAsJsonAsync("/api/v1/bookings/lost-link", new { email = BookingSeed.UniqueEmail() }, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers);
    }
}
