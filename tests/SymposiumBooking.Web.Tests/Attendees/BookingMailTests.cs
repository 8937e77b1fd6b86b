using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Calendar;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>The mails a booking sends through the outbox, read from the dev inbox; every calendar is read by both parsers.</summary>
public sealed partial class BookingMailTests(InboxApp app) : IClassFixture<InboxApp>
{
    private const string PrivateNote = "zz-private-intake-note";

    [Fact]
    public async Task Booking_at_the_table_mails_one_request_invite_whose_manage_link_works_and_that_holds_no_intake()
    {
        await using var db = app.OpenDb();
        var s = await ScheduleAsync(db);
        var email = WaitlistCalls.Email("ana");
        var body = BookingBodies.Booking(s.MariaDay1[0].Id, email: email, name: "Ana Ruiz");
        body["intake"] = BookingBodies.Intake(PrivateNote);
        var booking = await app.CreateClient().BookOkAsync(body);

        Assert.True(await app.SendOutboxAsync() >= 1);
        Assert.Equal(0, await app.SendOutboxAsync()); // each row once

        var mail = Assert.Single(app.MailsTo(email));
        var (method, ics) = CalendarOf(mail);
        Assert.Equal("REQUEST", method);
        string? description = null;
        foreach (var parsed in await IcsParsers.ParseAsync(ics))
        {
            Assert.Equal("REQUEST", parsed.Method);
            Assert.Contains("America/Chicago", parsed.TimeZones);
            var e = Assert.Single(parsed.Events);
            Assert.Equal($"booking-{booking.Id}@symposium-booking", e.Uid);
            Assert.Equal(0, e.Sequence);
            Assert.Equal("CONFIRMED", e.Status);
            Assert.Equal("Massage with Maria Keller", e.Summary);
            Assert.Equal("Lakeshore Conference Center, Room B, table 1, 301 E North Water St", e.Location);
            Assert.Equal("America/Chicago", e.Start?.Tzid);
            Assert.Equal("2027-06-11T09:00:00", e.Start?.Local);
            Assert.Equal("mailto:no-reply@symposium-booking.test", e.Organizer?.Address, ignoreCase: true);
            Assert.Equal($"mailto:{email}", Assert.Single(e.Attendees).Address, ignoreCase: true);
            Assert.Equal("-PT30M", Assert.Single(e.Alarms).Trigger);
            description = e.Description;
        }

        var link = new Uri(ManageLinkText().Match(description ?? "").Value);
        Assert.Equal("booking.example.org", link.Host);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var opened = await browser.GetAsync(link.PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.StartsWith($"sb-booking-{booking.Id:N}={Uri.EscapeDataString(booking.Token!)};", Assert.Single(opened.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);

        // The headers and every decoded part: the raw message's base64 may spell a short word by chance.
        var headers = string.Join("\n", mail.Headers.Select(h => h.ToString()));
        foreach (var word in new[] { PrivateNote, "botox", "thinner", "neckLeft", "dbs" })
        {
            Assert.DoesNotContain(word, headers + ics + mail.TextBody + mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Rescheduling_and_cancelling_mail_an_update_and_a_cancel_with_the_same_uid_and_rising_sequence()
    {
        await using var db = app.OpenDb();
        var s = await ScheduleAsync(db);
        var email = WaitlistCalls.Email("ben");
        var client = app.CreateClient();
        var booking = await client.BookOkAsync(BookingBodies.Booking(s.MariaDay1[1].Id, email: email));
        var moved = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/reschedule", booking.Token, new { slotId = s.MariaDay2[1].Id });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        for (var i = 0; i < 2; i++)
        {
            var cancelled = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/cancel", booking.Token);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode); // the second is a no-op, and mails nothing
        }

        await app.SendOutboxAsync();
        Assert.Equal(0, await app.SendOutboxAsync());

        var calendars = new List<(string Method, ParsedEvent Event)>();
        foreach (var mail in app.MailsTo(email))
        {
            var (method, ics) = CalendarOf(mail);
            var parsed = await IcsParsers.ParseAsync(ics);
            Assert.All(parsed, p => Assert.Equal(method, p.Method));
            Assert.All(parsed, p => Assert.Contains("America/Chicago", p.TimeZones));
            calendars.AddRange(parsed.Select(p => (method, Assert.Single(p.Events))));
        }

        Assert.Equal(6, calendars.Count); // three mails, each read by two parsers
        Assert.All(calendars, c => Assert.Equal($"booking-{booking.Id}@symposium-booking", c.Event.Uid));
        var bySequence = calendars.GroupBy(c => c.Event.Sequence).OrderBy(g => g.Key).ToList();
        Assert.Equal([0, 1, 2], bySequence.Select(g => g.Key));
        Assert.All(bySequence[0], c => Assert.Equal(("REQUEST", "2027-06-11T10:00:00"), (c.Method, c.Event.Start?.Local)));
        Assert.All(bySequence[1], c =>
        {
            Assert.Equal("REQUEST", c.Method);
            Assert.Equal("America/Chicago", c.Event.Start?.Tzid);
            Assert.Equal("2027-06-12T10:00:00", c.Event.Start?.Local);
            Assert.Contains("https://booking.example.org/bookings/", c.Event.Description, StringComparison.Ordinal);
        });
        Assert.All(bySequence[2], c =>
        {
            Assert.Equal("CANCEL", c.Method);
            Assert.Equal("CANCELLED", c.Event.Status);
            Assert.Equal("2027-06-12T10:00:00", c.Event.Start?.Local);
            Assert.Empty(c.Event.Alarms);
        });
    }

    [Fact]
    public async Task An_unpaid_online_hold_that_lapses_mails_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await ScheduleAsync(db);
        var email = WaitlistCalls.Email("unpaid");
        var hold = await HoldAsync(db, s.MariaDay2[0].Id, email, SecretToken.Create().Hash);

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, (await RunWorkerAsync()).HoldsReleased);
        await app.SendOutboxAsync();

        Assert.Equal(BookingStatus.Expired, (await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == hold.Id, ct)).Status);
        Assert.Empty(app.MailsTo(email));
        Assert.False(await OutboxMentionsAsync(db, hold.Id.ToString()));
    }

    [Fact]
    public async Task A_payment_received_mail_carries_the_invite_and_a_working_link_and_a_lapse_after_it_mails_a_cancel()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await ScheduleAsync(db);
        var email = WaitlistCalls.Email("paid");
        var (token, hash) = SecretToken.Create();
        var hold = await HoldAsync(db, s.JonDay1[0].Id, email, hash);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The mail a payment's InviteChanged queues; the booking itself is left awaiting payment, so that it lapses.
            var scoped = scope.ServiceProvider.GetRequiredService<BookingDb>();
            scope.ServiceProvider.GetRequiredService<BookingMails>().Queue(
                OutboxTypes.PaymentReceived, new InviteChanged(hold.Id, InviteChange.PaymentReceived, hold.Sequence, hold.SlotId), ManageToken.Plain(token));
            await scoped.SaveChangesAsync(ct);
        }

        await app.SendOutboxAsync();
        var paid = Assert.Single(app.MailsTo(email));
        Assert.Contains("Payment received", paid.Subject, StringComparison.Ordinal);
        Assert.Contains("60.00 USD", paid.TextBody, StringComparison.Ordinal);
        var (method, ics) = CalendarOf(paid);
        Assert.Equal("REQUEST", method);
        foreach (var parsed in await IcsParsers.ParseAsync(ics))
        {
            var e = Assert.Single(parsed.Events);
            Assert.Equal(0, e.Sequence);
            Assert.Equal("Massage with Jon Park", e.Summary);
            var link = new Uri(ManageLinkText().Match(e.Description ?? "").Value);
            var opened = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false })
                .GetAsync(link.PathAndQuery, ct);
            Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        }

        // The token is in the outbox only encrypted.
        Assert.False(await OutboxMentionsAsync(db, token));

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await RunWorkerAsync();
        await app.SendOutboxAsync();
        var cancel = Assert.Single(app.MailsTo(email), m => m != paid && CalendarOf(m).Method == "CANCEL");
        foreach (var parsed in await IcsParsers.ParseAsync(CalendarOf(cancel).Ics))
        {
            var e = Assert.Single(parsed.Events);
            Assert.Equal(("CANCELLED", 1), (e.Status, e.Sequence));
            Assert.Equal($"booking-{hold.Id}@symposium-booking", e.Uid);
        }
    }

    /// <summary>One 2027 symposium for the whole class (the year is unique); each test uses its own slots.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<InboxApp, Task<WaitlistSchedule>> Schedules = [];

    private Task<WaitlistSchedule> ScheduleAsync(BookingDb db)
    {
        lock (Schedules)
        {
            return Schedules.GetValue(app, _ => WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2027));
        }
    }

    private static Task<bool> OutboxMentionsAsync(BookingDb db, string text) =>
        db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE strpos(payload::text, {text}) > 0) AS \"Value\"")
            .SingleAsync(TestContext.Current.CancellationToken);

    private async Task<Booking> HoldAsync(BookingDb db, Guid slotId, string email, string tokenHash)
    {
        var now = app.Clock.Now();
        var hold = Booking.Create(
            new BookingRequest(WaitlistSymposiumOf(db, slotId), slotId, "Online Person", email, null, Rate.Standard, PaymentMethod.Online,
                6000, "USD", now + Duration.FromMinutes(30)),
            tokenHash, now);
        db.Bookings.Add(hold);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return hold;
    }

    private static Guid WaitlistSymposiumOf(BookingDb db, Guid slotId) => db.Slots.AsNoTracking().Single(x => x.Id == slotId).SymposiumId;

    private Task<HousekeepingRound> RunWorkerAsync() =>
        app.Services.GetRequiredService<HousekeepingWorker>().RunOnceAsync(TestContext.Current.CancellationToken);

    /// <summary>The text/calendar part of an invitation mail: its method parameter and its text.</summary>
    internal static (string Method, string Ics) CalendarOf(MimeMessage mail)
    {
        var part = mail.BodyParts.OfType<MimePart>().First(p => p.ContentType.MimeType == "text/calendar");
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return (part.ContentType.Parameters["method"] ?? "", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [GeneratedRegex(@"https://booking\.example\.org/bookings/[0-9a-f-]{36}\?t=[A-Za-z0-9_%-]+")]
    private static partial Regex ManageLinkText();
}

/// <summary>Day-before reminders; their own app, because the clock jumps to the symposium.</summary>
public sealed class BookingReminderTests(InboxApp app) : IClassFixture<InboxApp>
{
    [Fact]
    public async Task The_day_before_in_the_symposium_zone_one_reminder_goes_out_and_running_the_worker_again_adds_none()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2027, "Joliet");
        var (tomorrow, later) = (WaitlistCalls.Email("tomorrow"), WaitlistCalls.Email("later"));
        var client = app.CreateClient();
        await client.BookOkAsync(BookingBodies.Booking(s.MariaDay1[1].Id, email: tomorrow));
        await client.BookOkAsync(BookingBodies.Booking(s.MariaDay2[1].Id, email: later));
        await app.SendOutboxAsync();
        Assert.Equal(0, (await RunWorkerAsync()).RemindersQueued); // months ahead: nothing yet

        // 23:30 in Chicago on the day before day 1 (already day 1 in UTC), on this app's clock and on another replica's
        // (docs/operations.md, "Two replicas"): both run housekeeping at once.
        await using var replica = new Platform.SameDatabaseApp(app.Database, Harness.BookingApp.TestKeyEncryptionKey);
        await replica.InitializeAsync();
        var lateEvening = s.Day1.PlusDays(-1).At(new LocalTime(23, 30)).InZoneStrictly(s.Symposium.Zone).ToInstant();
        app.Clock.Advance((lateEvening - app.Clock.Now()).ToTimeSpan());
        replica.Clock.Advance((lateEvening - replica.Clock.Now()).ToTimeSpan());
        var replicaWorker = replica.Services.GetRequiredService<HousekeepingWorker>();
        var rounds = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => i % 2 == 0 ? RunWorkerAsync() : replicaWorker.RunOnceAsync(ct), ct)));
        Assert.Equal(1, rounds.Sum(r => r.RemindersQueued));
        Assert.Equal(0, (await RunWorkerAsync()).RemindersQueued);

        await app.SendOutboxAsync();
        Assert.Equal(0, await app.SendOutboxAsync());
        var reminder = Assert.Single(app.MailsTo(tomorrow), m => (m.Subject ?? "").StartsWith("Reminder", StringComparison.Ordinal));
        Assert.Contains("10:00 AM", reminder.Subject ?? "", StringComparison.Ordinal);
        Assert.Contains("Room B, table 1", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("link in your booking confirmation", reminder.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.MailsTo(later), m => (m.Subject ?? "").StartsWith("Reminder", StringComparison.Ordinal));
    }

    private Task<HousekeepingRound> RunWorkerAsync() =>
        app.Services.GetRequiredService<HousekeepingWorker>().RunOnceAsync(TestContext.Current.CancellationToken);
}

/// <summary>A booking's invite over a real SMTP conversation, through a failed first attempt.</summary>
public sealed class BookingMailSmtpTests(Mail.SmtpApp app) : IClassFixture<Mail.SmtpApp>
{
    [Fact]
    public async Task The_confirmation_is_retried_after_a_451_and_arrives_once_as_an_imip_request()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2027);
        var email = WaitlistCalls.Email("smtp");
        var booking = await app.CreateClient().BookOkAsync(BookingBodies.Booking(s.JonDay1[2].Id, email: email));
        app.Smtp.Faults.Enqueue(Mail.SmtpFault.Reply451AfterData);

        Assert.Equal(0, await app.SendOutboxAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // past the first backoff
        Assert.Equal(1, await app.SendOutboxAsync());
        Assert.Equal(0, await app.SendOutboxAsync());

        var mail = Assert.Single(app.Smtp.Accepted, m => m.To.Mailboxes.Any(b => b.Address == email));
        var mixed = Assert.IsType<Multipart>(mail.Body);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("REQUEST", alternative[2].ContentType.Parameters["method"]);
        var (method, ics) = BookingMailTests.CalendarOf(mail);
        Assert.Equal("REQUEST", method);
        foreach (var parsed in await IcsParsers.ParseAsync(ics))
        {
            Assert.Equal($"booking-{booking.Id}@symposium-booking", Assert.Single(parsed.Events).Uid);
        }
    }
}
