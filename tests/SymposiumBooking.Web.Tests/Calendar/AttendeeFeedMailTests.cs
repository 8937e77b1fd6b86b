using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Calendar;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Calendar;

/// <summary>
/// The attendee's "all my bookings" feed is only ever handed to whoever reads the address's mail: asking for it from a
/// booking mails a single-use link, and only that link's button issues the feed (docs/adr/0042).
/// </summary>
public sealed partial class AttendeeFeedMailTests(InboxApp app) : IClassFixture<InboxApp>
{
    private const string Subject = "Your calendar subscription for your massage bookings";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Booking_with_someone_elses_address_gets_no_feed_address_and_their_feed_keeps_working()
    {
        var schedule = await app.ScheduleAsync();
        var victim = BookingSeed.UniqueEmail("victim");
        var own = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id, victim);
        var victimFeed = await FeedThroughTheMailAsync(own);
        app.Clock.Advance(AttendeeFeedLinkInterval);

        var attacker = app.CreateClient();
        var forged = await attacker.BookAtTableAsync(schedule.Slots[1].Id, victim);
        var answer = await attacker.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{forged.Id}/calendar-feed", forged.Token);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("/calendar/", body, StringComparison.Ordinal);
        Assert.Equal(FeedRequested.Sent.Message, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("message").GetString());
        // The link went to the victim's mailbox, which the attacker does not read; their feed was not replaced.
        await app.SendWholeOutboxAsync();
        Assert.Equal(2, FeedMailsTo(victim).Count);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(victimFeed, Ct)).StatusCode);

        // Cancelled, the forged booking's token is no key to anything but itself.
        Assert.Equal(HttpStatusCode.OK, (await attacker.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{forged.Id}/cancel", forged.Token)).StatusCode);
        app.Clock.Advance(AttendeeFeedLinkInterval);
        var ended = await Problem.ReadAsync(await attacker.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{forged.Id}/calendar-feed", forged.Token));
        Assert.Equal((HttpStatusCode.Conflict, "calendar.booking_ended"), (ended.Status, ended.Code));
        await app.SendWholeOutboxAsync();
        Assert.Equal(2, FeedMailsTo(victim).Count);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(victimFeed, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_owner_is_mailed_a_link_whose_button_shows_their_feed_once_and_the_mail_holds_nothing_about_bookings()
    {
        var schedule = await app.ScheduleAsync(therapists: 2);
        var later = await app.ScheduleAsync();
        var client = app.CreateClient();
        var email = BookingSeed.UniqueEmail("dana");
        var first = await client.BookAtTableAsync(schedule.Slots[0].Id, email);
        var second = await client.BookAtTableAsync(later.Slots[0].Id, email.ToUpperInvariant());
        var gone = await client.BookAtTableAsync(schedule.Slots[2].Id, email);
        var tagged = await client.BookAtTableAsync(schedule.Slots[3].Id, email.Replace("@", "+x@", StringComparison.Ordinal));
        var someoneElse = await client.BookAtTableAsync(schedule.Slots[1].Id);
        Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{gone.Id}/cancel", gone.Token)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{first.Id}/calendar-feed", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{first.Id}/calendar-feed", someoneElse.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{first.Id}/calendar-feed", first.Token)).StatusCode);
        await app.SendWholeOutboxAsync();

        var mail = Assert.Single(FeedMailsTo(email));
        foreach (var word in new[] { "Therapist 00", "Room B", "9:00", "neck", "botox", "Ana", "Lakeshore" })
        {
            Assert.DoesNotContain(word, mail.TextBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(word, mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }

        var link = LinkIn(mail);
        var browser = app.CreateClient();
        // Opening the link (as a mail scanner would, twice) changes nothing: the page only offers the button.
        Assert.DoesNotContain("feed-link", await browser.GetStringAsync(link, Ct), StringComparison.Ordinal);
        var page = await browser.GetStringAsync(link, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = MailedLinks.InputValue(page, "name=\"t\"") }), Ct)).StatusCode);

        var issued = await MailedLinks.PressAsync(browser, link, page);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var url = MailedLinks.InputValue(await issued.Content.ReadAsStringAsync(Ct), "id=\"feed-link\"");
        Assert.StartsWith("https://booking.example.org/calendar/attendees/", url, StringComparison.Ordinal);
        foreach (var calendar in await IcsParsers.ParseAsync(await app.CreateClient().GetStringAsync(new Uri(url).PathAndQuery, Ct)))
        {
            Assert.Equal("My massage bookings", calendar.CalendarName);
            var byUid = calendar.Events.ToDictionary(e => e.Uid);
            Assert.Equal(3, byUid.Count);
            Assert.Equal("CONFIRMED", byUid[Uid(first.Id)].Status);
            Assert.Equal("CONFIRMED", byUid[Uid(second.Id)].Status);
            Assert.Equal("CANCELLED", byUid[Uid(gone.Id)].Status);
            Assert.False(byUid.ContainsKey(Uid(someoneElse.Id)));
            Assert.False(byUid.ContainsKey(Uid(tagged.Id))); // another address, even if it may reach the same mailbox
        }

        var again = await MailedLinks.PressAsync(app.CreateClient(), link);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var refusal = await again.Content.ReadAsStringAsync(Ct);
        Assert.Contains("already been used", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("feed-link", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(new Uri(url).PathAndQuery, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_new_link_rotates_the_feed_and_an_expired_or_made_up_link_is_refused_with_a_clear_answer()
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id);
        var firstFeed = await FeedThroughTheMailAsync(booked);

        app.Clock.Advance(AttendeeFeedLinkInterval);
        var secondFeed = await FeedThroughTheMailAsync(booked);
        Assert.NotEqual(firstFeed, secondFeed);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(firstFeed, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(secondFeed, Ct)).StatusCode);

        app.Clock.Advance(AttendeeFeedLinkInterval);
        var link = await RequestLinkAsync(booked);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var expired = await MailedLinks.PressAsync(app.CreateClient(), link);
        Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
        Assert.Contains("has expired", await expired.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var madeUp = await MailedLinks.PressAsync(app.CreateClient(), Regex.Replace(link, "t=[^&]+", "t=made-up"));
        Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
        Assert.Contains("This link is not valid", await madeUp.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(secondFeed, Ct)).StatusCode);
    }

    [Fact]
    public async Task Many_requests_at_once_for_one_address_send_one_mail_and_all_get_the_same_answer()
    {
        var schedule = await app.ScheduleAsync();
        var email = BookingSeed.UniqueEmail("many");
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id, email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var response = await app.CreateClient().WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/calendar-feed", booked.Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }));

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.Accepted, answers[0].StatusCode);
        await app.SendWholeOutboxAsync();
        Assert.Single(FeedMailsTo(email));
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.AttendeeFeedLinks.CountAsync(l => l.NormalizedEmail == email, Ct));

        app.Clock.Advance(AttendeeFeedLinkInterval);
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/calendar-feed", booked.Token)).StatusCode);
        await app.SendWholeOutboxAsync();
        Assert.Equal(2, FeedMailsTo(email).Count);
    }

    [Fact]
    public async Task A_booking_token_opens_only_its_own_booking_on_every_route()
    {
        var schedule = await app.ScheduleAsync();
        var mine = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id);
        var theirs = await app.CreateClient().BookAtTableAsync(schedule.Slots[1].Id);
        var client = app.CreateClient();

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, $"/api/v1/bookings/{theirs.Id}", null),
                     (HttpMethod.Get, $"/api/v1/bookings/{theirs.Id}/calendar.ics", null),
                     (HttpMethod.Post, $"/api/v1/bookings/{theirs.Id}/calendar-feed", null),
                     (HttpMethod.Post, $"/api/v1/bookings/{theirs.Id}/reschedule", new { slotId = schedule.Slots[4].Id }),
                     (HttpMethod.Post, $"/api/v1/bookings/{theirs.Id}/cancel", null),
                 })
        {
            var refused = await Problem.ReadAsync(await client.WithTokenAsync(method, path, mine.Token, body));
            Assert.Equal((HttpStatusCode.NotFound, "booking.not_found"), (refused.Status, refused.Code));
        }

        // The page cookie of one booking does not open another's pages or download.
        foreach (var path in new[] { $"/bookings/{theirs.Id}", $"/bookings/{theirs.Id}/calendar.ics" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", $"sb-booking-{theirs.Id:N}={mine.Token}");
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().SendAsync(request, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{theirs.Id}", theirs.Token)).StatusCode);
    }

    [Fact]
    public async Task The_manage_page_button_mails_the_link_and_shows_no_address()
    {
        var schedule = await app.ScheduleAsync();
        var email = BookingSeed.UniqueEmail("page");
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id, email);
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync($"/bookings/{booked.Id}?t={Uri.EscapeDataString(booked.Token!)}", Ct)).StatusCode);
        var page = await browser.GetStringAsync($"/bookings/{booked.Id}", Ct);
        Assert.Contains("Mail me a subscription link", page, StringComparison.Ordinal);

        var answer = await browser.PostAsync($"/bookings/{booked.Id}?handler=feed",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = MailedLinks.InputValue(page, "name=\"__RequestVerificationToken\"") }), Ct);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        var after = await browser.GetStringAsync($"/bookings/{booked.Id}", Ct);
        Assert.Contains($"We have sent a link to {email}", after, StringComparison.Ordinal);
        Assert.DoesNotContain("/calendar/attendees/", after, StringComparison.Ordinal);
        await app.SendWholeOutboxAsync();
        Assert.Single(FeedMailsTo(email));
    }

    private static readonly TimeSpan AttendeeFeedLinkInterval = TimeSpan.FromMinutes(6);

    private static string Uid(Guid bookingId) => $"booking-{bookingId}@symposium-booking";

    /// <summary>Asks for the feed, reads the mail, presses the button: answers the feed's path.</summary>
    private async Task<string> FeedThroughTheMailAsync(BookingView booked)
    {
        var issued = await MailedLinks.PressAsync(app.CreateClient(), await RequestLinkAsync(booked));
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        return new Uri(MailedLinks.InputValue(await issued.Content.ReadAsStringAsync(Ct), "id=\"feed-link\"")).PathAndQuery;
    }

    private async Task<string> RequestLinkAsync(BookingView booked)
    {
        var before = FeedMailsTo(booked.Email).Select(LinkIn).ToHashSet();
        var answer = await app.CreateClient().WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/calendar-feed", booked.Token);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await app.SendWholeOutboxAsync();
        return Assert.Single(FeedMailsTo(booked.Email).Select(LinkIn), link => !before.Contains(link)); // mails' Date may tie
    }

    private List<MimeMessage> FeedMailsTo(string address) => [.. app.MailsTo(address).Where(m => m.Subject == Subject)];

    private static string LinkIn(MimeMessage mail) => MailedLinks.PathIn(mail, LinkPattern());

    [GeneratedRegex(@"https://booking\.example\.org/calendar/subscribe/\S+")]
    private static partial Regex LinkPattern();
}
