using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>Freed slots go to the waitlist: offer, mail, claim, expiry and pass-on. Offers last 120 minutes (the default).</summary>
public sealed partial class WaitlistOfferTests(InboxApp app) : IClassFixture<InboxApp>
{
    private static readonly TimeSpan PastOfferExpiry = TimeSpan.FromMinutes(121);

    [Fact]
    public async Task Cancelling_offers_the_slot_to_the_first_matching_person_who_alone_can_book_it_with_the_mailed_link()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2061);
        var client = app.CreateClient();
        var slot = s.MariaDay1[0];
        var booking = await client.BookOkAsync(BookingBodies.Booking(slot.Id, email: WaitlistCalls.Email("booker")));

        var (dayTwoOnly, jonOnly, first, second) = (WaitlistCalls.Email("day2"), WaitlistCalls.Email("jon"), WaitlistCalls.Email("first"), WaitlistCalls.Email("second"));
        await JoinInTurnAsync(client, s, WaitlistCalls.Entry(dayTwoOnly, s.Day2), WaitlistCalls.Entry(jonOnly, therapistId: s.Jon.Id),
            WaitlistCalls.Entry(first, s.Day1, s.Maria.Id), WaitlistCalls.Entry(second));

        await CancelAsync(client, booking);

        var offered = await db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.NormalizedEmail == first, ct);
        Assert.Equal(WaitlistStatus.Offered, offered.Status);
        Assert.Equal(slot.Id, offered.OfferedSlotId);
        Assert.Equal(app.Clock.Now() + Duration.FromMinutes(120), offered.OfferExpiresAt);
        Assert.True(await db.WaitlistEntries.Where(w => w.SymposiumId == s.Symposium.Id && w.NormalizedEmail != first).AllAsync(w => w.Status == WaitlistStatus.Waiting, ct));

        await SendAllAsync();
        var mail = Assert.Single(app.MailsTo(first));
        Assert.Contains("Maria Keller", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Room B, table 1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("9:00 AM", mail.TextBody, StringComparison.Ordinal);
        var (entryId, token) = ClaimLink(mail.TextBody);
        Assert.Equal(offered.Id, entryId);
        Assert.Empty(app.MailsTo(second));

        // Reserved: not in the availability list, and nobody else can book it.
        var available = await (await client.GetAsync($"/api/v1/symposia/{s.Symposium.Id}/slots?available=true", ct)).ReadAsync<List<SlotView>>();
        Assert.DoesNotContain(available, a => a.Id == slot.Id);
        var other = await Problem.ReadAsync(await client.BookAsync(BookingBodies.Booking(slot.Id, email: second)));
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("booking.slot_unavailable", other.Code);

        var offer = await client.WithOfferTokenAsync(entryId, token);
        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        Assert.Equal(slot.Id, (await offer.ReadAsync<OfferView>()).Slot.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await client.WithOfferTokenAsync(entryId, "not-the-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.WithOfferTokenAsync(entryId, null)).StatusCode);

        var claimed = await client.BookOkAsync(WithOfferToken(BookingBodies.Booking(slot.Id, email: first), token));
        Assert.Equal(slot.Id, claimed.Slot.Id);
        Assert.Equal(WaitlistStatus.Claimed, (await db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.Id == entryId, ct)).Status);
        Assert.Equal("waitlist.offer_claimed", (await Problem.ReadAsync(await client.WithOfferTokenAsync(entryId, token))).Code);
    }

    [Fact]
    public async Task An_unclaimed_offer_expires_and_the_worker_passes_the_slot_to_the_next_matching_person()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2062);
        var client = app.CreateClient();
        var slot = s.JonDay1[1];
        var booking = await client.BookOkAsync(BookingBodies.Booking(slot.Id, email: WaitlistCalls.Email("booker")));
        var (first, second) = (WaitlistCalls.Email("first"), WaitlistCalls.Email("second"));
        await JoinInTurnAsync(client, s, WaitlistCalls.Entry(first, therapistId: s.Jon.Id), WaitlistCalls.Entry(second, s.Day1));
        await CancelAsync(client, booking);
        await SendAllAsync();
        var (firstEntry, firstToken) = ClaimLink(Assert.Single(app.MailsTo(first)).TextBody);

        app.Clock.Advance(PastOfferExpiry);
        await RunWorkerAsync();

        var entries = await db.WaitlistEntries.AsNoTracking().Where(w => w.SymposiumId == s.Symposium.Id).ToListAsync(ct);
        Assert.Equal(WaitlistStatus.Expired, entries.Single(w => w.Id == firstEntry).Status);
        var next = entries.Single(w => w.NormalizedEmail == second);
        Assert.Equal(WaitlistStatus.Offered, next.Status);
        Assert.Equal(slot.Id, next.OfferedSlotId);

        await SendAllAsync();
        var (secondEntry, secondToken) = ClaimLink(Assert.Single(app.MailsTo(second)).TextBody);
        Assert.Equal(next.Id, secondEntry);
        Assert.Single(app.MailsTo(first));

        Assert.Equal("waitlist.offer_expired", (await Problem.ReadAsync(await client.WithOfferTokenAsync(firstEntry, firstToken))).Code);
        var late = await Problem.ReadAsync(await client.BookAsync(WithOfferToken(BookingBodies.Booking(slot.Id, email: first), firstToken)));
        Assert.Equal("booking.slot_unavailable", late.Code);
        await client.BookOkAsync(WithOfferToken(BookingBodies.Booking(slot.Id, email: second), secondToken));
    }

    [Fact]
    public async Task With_nobody_waiting_for_it_a_cancelled_slot_is_simply_free()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2063);
        var client = app.CreateClient();
        var slot = s.MariaDay2[2];
        var booking = await client.BookOkAsync(BookingBodies.Booking(slot.Id, email: WaitlistCalls.Email("booker")));
        await client.JoinConfirmedAsync(app, s.Symposium.Id, WaitlistCalls.Entry(WaitlistCalls.Email("jon"), therapistId: s.Jon.Id));

        await CancelAsync(client, booking);

        Assert.False(await db.WaitlistEntries.AnyAsync(w => w.OfferedSlotId == slot.Id, ct));
        var available = await (await client.GetAsync($"/api/v1/symposia/{s.Symposium.Id}/slots?available=true", ct)).ReadAsync<List<SlotView>>();
        Assert.Contains(available, a => a.Id == slot.Id);
        await client.BookOkAsync(BookingBodies.Booking(slot.Id, email: WaitlistCalls.Email("anyone")));
    }

    [Fact]
    public async Task A_lapsed_online_hold_released_by_the_worker_is_offered_to_the_waitlist()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var now = app.Clock.Now();
        var s = await WaitlistSchedule.CreateAsync(db, now, 2064);
        var slot = s.MariaDay2[0];
        var hold = Booking.Create(
            new BookingRequest(s.Symposium.Id, slot.Id, "Unpaid Person", WaitlistCalls.Email("unpaid"), null, Rate.Standard, PaymentMethod.Online,
                6000, "USD", now + Duration.FromMinutes(30)),
            SecretToken.Create().Hash, now);
        db.Bookings.Add(hold);
        await db.SaveChangesAsync(ct);
        var waiting = WaitlistCalls.Email("waiting");
        await app.CreateClient().JoinConfirmedAsync(app, s.Symposium.Id, WaitlistCalls.Entry(waiting, s.Day2));

        await RunWorkerAsync();
        Assert.Equal(WaitlistStatus.Waiting, (await db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.NormalizedEmail == waiting, ct)).Status);

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await RunWorkerAsync();

        Assert.Equal(BookingStatus.Expired, (await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == hold.Id, ct)).Status);
        var offered = await db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.NormalizedEmail == waiting, ct);
        Assert.Equal(WaitlistStatus.Offered, offered.Status);
        Assert.Equal(slot.Id, offered.OfferedSlotId);
        await SendAllAsync();
        Assert.Single(app.MailsTo(waiting));
    }

    [Fact]
    public async Task One_person_is_offered_one_slot_at_a_time_and_two_slots_freed_at_once_go_to_two_people()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2065);
        var client = app.CreateClient();
        var slots = new[] { s.MariaDay1[0], s.MariaDay1[1], s.JonDay1[0] };
        var bookings = new List<BookingView>();
        foreach (var slot in slots)
        {
            bookings.Add(await client.BookOkAsync(BookingBodies.Booking(slot.Id, email: WaitlistCalls.Email("booker"))));
        }

        // The first person waits twice (Maria, and any therapist on day 1): still one offer for them.
        var (first, second) = (WaitlistCalls.Email("first"), WaitlistCalls.Email("second"));
        await JoinInTurnAsync(client, s, WaitlistCalls.Entry(first, therapistId: s.Maria.Id), WaitlistCalls.Entry(first, s.Day1), WaitlistCalls.Entry(second));

        await Task.WhenAll(bookings.Select(b => Task.Run(() => CancelAsync(app.CreateClient(), b), ct)));

        var offers = await db.WaitlistEntries.AsNoTracking()
            .Where(w => w.SymposiumId == s.Symposium.Id && w.Status == WaitlistStatus.Offered).ToListAsync(ct);
        Assert.Equal(2, offers.Count);
        Assert.Equal([first, second], offers.Select(o => o.NormalizedEmail).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(2, offers.Select(o => o.OfferedSlotId).Distinct().Count());
        var available = await (await client.GetAsync($"/api/v1/symposia/{s.Symposium.Id}/slots?available=true&date={Features.ApiFormat.Date(s.Day1)}", ct))
            .ReadAsync<List<SlotView>>();
        Assert.Single(slots, slot => available.Any(a => a.Id == slot.Id)); // the third is simply free
    }

    [Fact]
    public async Task Two_workers_running_at_once_pass_each_lapsed_offer_on_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2066);
        var client = app.CreateClient();
        var booking = await client.BookOkAsync(BookingBodies.Booking(s.MariaDay2[1].Id, email: WaitlistCalls.Email("booker")));
        var (first, second, third) = (WaitlistCalls.Email("first"), WaitlistCalls.Email("second"), WaitlistCalls.Email("third"));
        await JoinInTurnAsync(client, s, WaitlistCalls.Entry(first, s.Day2), WaitlistCalls.Entry(second, s.Day2), WaitlistCalls.Entry(third, s.Day2));
        await CancelAsync(client, booking);

        app.Clock.Advance(PastOfferExpiry);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(RunWorkerAsync, ct)));

        var entries = await db.WaitlistEntries.AsNoTracking().Where(w => w.SymposiumId == s.Symposium.Id).ToDictionaryAsync(w => w.NormalizedEmail, ct);
        Assert.Equal(WaitlistStatus.Expired, entries[first].Status);
        Assert.Equal(WaitlistStatus.Offered, entries[second].Status);
        Assert.Equal(WaitlistStatus.Waiting, entries[third].Status);
        var mails = await db.Outbox.AsNoTracking().Where(m => m.Type == OutboxTypes.WaitlistOffer).Select(m => m.Payload).ToListAsync(ct);
        Assert.Single(mails, p => p.Contains(entries[second].Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_claim_link_puts_the_token_in_a_cookie_for_the_booking_form_and_redirects_there()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2067);
        var client = app.CreateClient();
        var slot = s.MariaDay1[2];
        var booking = await client.BookOkAsync(BookingBodies.Booking(slot.Id, email: WaitlistCalls.Email("booker")));
        var waiting = WaitlistCalls.Email("waiting");
        await client.JoinConfirmedAsync(app, s.Symposium.Id, WaitlistCalls.Entry(waiting));
        await CancelAsync(client, booking);
        await SendAllAsync();
        var link = new Uri(ClaimLinkText().Match(Assert.Single(app.MailsTo(waiting)).TextBody ?? "").Value);
        Assert.Equal("booking.example.org", link.Host);
        var (entryId, token) = ClaimLink(link.ToString());
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var claimed = await browser.GetAsync(link.PathAndQuery, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.SeeOther, claimed.StatusCode);
        Assert.Equal($"/book/{slot.Id}", claimed.Headers.Location?.OriginalString);
        var cookie = Assert.Single(claimed.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"sb-offer={token};", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/book", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        var wrong = await browser.GetAsync($"/waitlist/offers/{entryId}?t=not-the-token", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Contains("This link does not work", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        app.Clock.Advance(PastOfferExpiry);
        var expired = await browser.GetAsync(link.PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
        var page = await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("This offer has expired", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/book\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rescheduling_offers_the_slot_left_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2068);
        var client = app.CreateClient();
        var booking = await client.BookOkAsync(BookingBodies.Booking(s.JonDay1[2].Id, email: WaitlistCalls.Email("booker")));
        var waiting = WaitlistCalls.Email("waiting");
        await client.JoinConfirmedAsync(app, s.Symposium.Id, WaitlistCalls.Entry(waiting, therapistId: s.Jon.Id));

        var moved = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/reschedule", booking.Token, new { slotId = s.MariaDay2[0].Id });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var offered = await db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.NormalizedEmail == waiting, ct);
        Assert.Equal(WaitlistStatus.Offered, offered.Status);
        Assert.Equal(s.JonDay1[2].Id, offered.OfferedSlotId);
    }

    [Fact]
    public async Task An_offer_that_lapsed_before_its_mail_went_out_is_not_mailed()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2069);
        var client = app.CreateClient();
        var booking = await client.BookOkAsync(BookingBodies.Booking(s.MariaDay2[2].Id, email: WaitlistCalls.Email("booker")));
        var waiting = WaitlistCalls.Email("waiting");
        await client.JoinConfirmedAsync(app, s.Symposium.Id, WaitlistCalls.Entry(waiting, s.Day2));
        await CancelAsync(client, booking);

        app.Clock.Advance(PastOfferExpiry); // the mail server was away all that time
        while (await app.SendOutboxAsync() > 0)
        {
        }

        Assert.Empty(app.MailsTo(waiting));
        Assert.False(await db.Outbox.AnyAsync(m => m.Type == OutboxTypes.WaitlistOffer && m.SentAt == null, TestContext.Current.CancellationToken));
    }

    /// <summary>Sends everything due (joins queue confirmation rows too, more than one round's batch).</summary>
    private async Task SendAllAsync()
    {
        while (await app.SendOutboxAsync() > 0)
        {
        }
    }

    /// <summary>Joins one after the other, a minute apart, so that "first" is unambiguous.</summary>
    private async Task JoinInTurnAsync(HttpClient client, WaitlistSchedule s, params Dictionary<string, object?>[] entries)
    {
        foreach (var entry in entries)
        {
            await client.JoinConfirmedAsync(app, s.Symposium.Id, entry);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private static async Task CancelAsync(HttpClient client, BookingView booking)
    {
        var cancelled = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/cancel", booking.Token);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }

    private Task<HousekeepingRound> RunWorkerAsync() =>
        app.Services.GetRequiredService<HousekeepingWorker>().RunOnceAsync(TestContext.Current.CancellationToken);

    private static Dictionary<string, object?> WithOfferToken(Dictionary<string, object?> body, string token)
    {
        body["offerToken"] = token;
        return body;
    }

    private static (Guid EntryId, string Token) ClaimLink(string? text)
    {
        var match = ClaimLinkText().Match(text ?? "");
        Assert.True(match.Success, "no claim link in: " + text);
        return (Guid.Parse(match.Groups["entry"].Value), Uri.UnescapeDataString(match.Groups["token"].Value));
    }

    [GeneratedRegex(@"https://booking\.example\.org/waitlist/offers/(?<entry>[0-9a-f-]{36})\?t=(?<token>[A-Za-z0-9_%-]+)")]
    private static partial Regex ClaimLinkText();
}

public static class OfferCalls
{
    public static Task<HttpResponseMessage> WithOfferTokenAsync(this HttpClient client, Guid entryId, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/waitlist/offers/{entryId}");
        if (token is not null)
        {
            request.Headers.Add(WaitlistApi.OfferTokenHeader, token);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
