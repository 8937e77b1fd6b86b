using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>
/// Anti-automation on the waitlist (ASVS 2.4): an entry is confirmed from a mailed link before a freed time can go to
/// it, unconfirmed entries lapse, and one address (by its canonical form) has at most three entries per symposium.
/// </summary>
public sealed partial class WaitlistConfirmationTests(InboxApp app) : IClassFixture<InboxApp>
{
    private const string Subject = "Please confirm your place on the massage waitlist";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unconfirmed_entry_is_passed_over_and_the_confirmed_one_behind_it_gets_the_freed_time()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2071);
        var client = app.CreateClient();
        var booking = await client.BookOkAsync(BookingBodies.Booking(s.MariaDay1[0].Id, email: WaitlistCalls.Email("booker")));
        var (bot, person) = (WaitlistCalls.Email("bot"), WaitlistCalls.Email("person"));
        await client.JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry(bot));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await client.JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry(person));
        await app.SendWholeOutboxAsync();
        Assert.Single(ConfirmMailsTo(bot));
        var confirmed = await MailedLinks.PressAsync(app.CreateClient(), LinkIn(Assert.Single(ConfirmMailsTo(person))));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("is confirmed", await confirmed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/cancel", booking.Token)).StatusCode);

        var entries = await db.WaitlistEntries.AsNoTracking().Where(w => w.SymposiumId == s.Symposium.Id).ToDictionaryAsync(w => w.NormalizedEmail, Ct);
        Assert.Equal(WaitlistStatus.Waiting, entries[bot].Status);
        Assert.Equal(WaitlistStatus.Offered, entries[person].Status);
    }

    [Fact]
    public async Task Opening_the_link_changes_nothing_and_an_entry_not_confirmed_within_a_day_lapses_and_says_so()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2072);
        var email = WaitlistCalls.Email("late");
        var first = await app.CreateClient().JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry(email, s.Day1));
        await app.SendWholeOutboxAsync();
        var link = LinkIn(Assert.Single(ConfirmMailsTo(email)));
        var browser = app.CreateClient();
        Assert.Contains("Confirm my place", await browser.GetStringAsync(link, Ct), StringComparison.Ordinal);
        Assert.Null((await db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.Id == first.Id, Ct)).ConfirmedAt);

        app.Clock.Advance(TimeSpan.FromHours(25));
        var late = await MailedLinks.PressAsync(browser, link);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("This link has expired", await late.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var again = await app.CreateClient().JoinAsync(s.Symposium.Id, WaitlistCalls.Entry(email, s.Day1));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(first.Id, (await again.ReadAsync<Web.Features.Waitlist.WaitlistEntryView>()).Id);
        Assert.Equal(WaitlistStatus.Expired, (await db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.Id == first.Id, Ct)).Status);
        var made = await MailedLinks.PressAsync(app.CreateClient(), Regex.Replace(link, "t=[^&]+", "t=made-up"));
        Assert.Equal(HttpStatusCode.NotFound, made.StatusCode);
    }

    [Fact]
    public async Task One_address_has_at_most_three_entries_and_plus_tags_or_gmail_dots_do_not_make_a_fourth()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2073);
        var local = $"lee.{Guid.NewGuid().ToString("N")[..8]}";
        var client = app.CreateClient();
        await client.JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry($"{local}@gmail.com"));
        await client.JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry($"{local}+2@gmail.com", s.Day1));
        await client.JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry($"{local.Replace(".", "", StringComparison.Ordinal)}@googlemail.com", s.Day2));

        var fourth = await Problem.ReadAsync(await client.JoinAsync(s.Symposium.Id, WaitlistCalls.Entry($"{local.ToUpperInvariant()}+x@GMail.com", therapistId: s.Jon.Id)));

        Assert.Equal((HttpStatusCode.Conflict, "waitlist.too_many_entries"), (fourth.Status, fourth.Code));
        Assert.Equal(3, await db.WaitlistEntries.CountAsync(w => w.SymposiumId == s.Symposium.Id, Ct));
        // Mail still goes to each address as typed.
        await app.SendWholeOutboxAsync();
        Assert.Single(ConfirmMailsTo($"{local}+2@gmail.com"));
    }

    [Fact]
    public async Task Many_joins_at_once_from_one_address_make_no_more_entries_than_the_cap()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2074);
        var email = WaitlistCalls.Email("burst");
        var wishes = from d in new[] { (NodaTime.LocalDate?)null, s.Day1, s.Day2 }
                     from t in new[] { (Guid?)null, s.Maria.Id, s.Jon.Id }
                     select WaitlistCalls.Entry(email, d, t);

        var answers = await Task.WhenAll(wishes.Select(async w => (await app.CreateClient().JoinAsync(s.Symposium.Id, w)).StatusCode));

        Assert.Equal(3, answers.Count(a => a == HttpStatusCode.Created));
        Assert.Equal(6, answers.Count(a => a == HttpStatusCode.Conflict));
        Assert.Equal(3, await db.WaitlistEntries.CountAsync(w => w.SymposiumId == s.Symposium.Id && w.NormalizedEmail == email, Ct));
    }

    [Fact]
    public async Task Joining_again_with_someone_elses_address_answers_only_what_was_sent()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2075);
        var email = WaitlistCalls.Email("victim");
        var own = await app.CreateClient().JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry(email, s.Day1, name: "Victoria Private"));

        var probe = await app.CreateClient().JoinAsync(s.Symposium.Id, WaitlistCalls.Entry(email.ToUpperInvariant(), s.Day1, name: "Mallory"));

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        var body = await probe.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Victoria", body, StringComparison.Ordinal);
        Assert.Contains("Mallory", body, StringComparison.Ordinal);
        Assert.Contains(own.Id.ToString(), body, StringComparison.Ordinal);
    }

    private List<MimeMessage> ConfirmMailsTo(string address) => [.. app.MailsTo(address).Where(m => m.Subject == Subject)];

    private static string LinkIn(MimeMessage mail) => MailedLinks.PathIn(mail, LinkPattern());

    [GeneratedRegex(@"https://booking\.example\.org/waitlist/confirm/\S+")]
    private static partial Regex LinkPattern();
}
