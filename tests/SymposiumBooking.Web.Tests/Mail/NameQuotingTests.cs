using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Calendar;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Mail;

/// <summary>
/// Names with quotes, commas, semicolons, backslashes and non-ASCII letters are legitimate: they reach mail headers
/// (MimeKit quotes or encodes them) and calendar properties (Ical.Net escapes them) and come back exactly when the
/// .eml is parsed with MimeKit and the .ics with python3-icalendar and ical.js.
/// </summary>
public sealed class NameQuotingTests(AwkwardSenderApp app) : IClassFixture<AwkwardSenderApp>
{
    public const string Awkward = "Zoë O'Brien, \"Jr\"; Müller\\";

    [Fact]
    public async Task An_awkward_attendee_and_therapist_name_give_one_exact_to_address_and_an_ics_that_parses_back_to_the_same_names()
    {
        var slot = await SlotWithTherapistAsync(Awkward + " PT", 2027);
        var email = WaitlistCalls.Email("zoe");

        await app.CreateClient().BookOkAsync(BookingBodies.Booking(slot, email, "standard", name: Awkward));
        await app.SendOutboxAsync();

        var mail = Reparsed(Assert.Single(app.MailsTo(email)));
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal((Awkward, email), (to.Name, to.Address));
        Assert.Empty(mail.Cc);
        Assert.Empty(mail.Bcc);
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal((AwkwardSenderApp.FromName, AwkwardSenderApp.FromAddress), (from.Name, from.Address));
        foreach (var parsed in await IcsParsers.ParseAsync(BookingMailTests.CalendarOf(mail).Ics))
        {
            var e = Assert.Single(parsed.Events);
            Assert.Equal($"Massage with {Awkward} PT", e.Summary);
            // A parameter value cannot hold a double quote at all (RFC 5545 3.2): CN carries it as an apostrophe;
            // everything else (comma, semicolon, backslash, non-ASCII) comes back as typed.
            Assert.Equal(Awkward.Replace('"', '\''), Assert.Single(e.Attendees).Name);
            Assert.Equal($"mailto:{email}", Assert.Single(e.Attendees).Address, ignoreCase: true);
            Assert.Equal(AwkwardSenderApp.FromName.Replace('"', '\''), e.Organizer?.Name);
        }
    }

    [Fact]
    public async Task A_therapist_with_an_awkward_name_gets_an_invitation_with_one_exact_to_address()
    {
        var ct = TestContext.Current.CancellationToken;
        var organizer = await app.SignedInClientAsync();
        var created = await organizer.PostAsJsonAsync("/api/v1/symposia", new Dictionary<string, object?>
        {
            ["year"] = 2043,
            ["city"] = "Chicago",
            ["venueName"] = "Lakeshore",
            ["venueAddress"] = "301 E North Water St",
            ["timeZone"] = "America/Chicago",
            ["startDate"] = "2043-06-10",
            ["endDate"] = "2043-06-12",
            ["currency"] = "USD",
            ["reducedRateCents"] = 2500,
            ["standardRateCents"] = 6000,
        }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var symposium = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("id").GetString();
        var email = WaitlistCalls.Email("therapist");

        var added = await organizer.PostAsJsonAsync($"/api/v1/symposia/{symposium}/therapists", new { name = Awkward, email }, ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        await app.SendOutboxAsync();

        var invitation = Reparsed(Assert.Single(app.MailsTo(email)));
        var to = Assert.Single(invitation.To.Mailboxes);
        Assert.Equal((Awkward, email), (to.Name, to.Address));
        Assert.Equal(AwkwardSenderApp.FromName, Assert.Single(invitation.From.Mailboxes).Name);
    }

    [Fact]
    public async Task A_line_break_stored_before_the_rule_still_cannot_add_a_header_to_the_mail()
    {
        var slot = await SlotWithTherapistAsync("Maria Keller", 2028);
        var email = WaitlistCalls.Email("legacy");
        var id = await LegacyBookingAsync(slot, "Eve\r\nBcc: victim@example.org\r\nX-Injected: 1", email);
        await app.SendOutboxAsync();

        var mail = Reparsed(Assert.Single(app.MailsTo(email)));
        Assert.Single(mail.To.Mailboxes);
        Assert.Empty(mail.Bcc);
        Assert.Null(mail.Headers["X-Injected"]);
        foreach (var parsed in await IcsParsers.ParseAsync(BookingMailTests.CalendarOf(mail).Ics))
        {
            Assert.Equal($"booking-{id}@symposium-booking", Assert.Single(parsed.Events).Uid);
            Assert.DoesNotContain('\n', Assert.Single(Assert.Single(parsed.Events).Attendees).Name ?? "");
        }
    }

    /// <summary>The message as a receiving client sees it: written to bytes and parsed again by MimeKit.</summary>
    private static MimeMessage Reparsed(MimeMessage mail)
    {
        using var bytes = new MemoryStream();
        mail.WriteTo(bytes);
        bytes.Position = 0;
        return MimeMessage.Load(bytes);
    }

    /// <summary>A published symposium in <paramref name="year"/> with one therapist so named and one bookable slot.</summary>
    private async Task<Guid> SlotWithTherapistAsync(string therapistName, int year)
    {
        var now = app.Now();
        var symposium = Seed.Symposium(now, Seed.Details(year), publish: true);
        var therapist = Therapist.Create(symposium.Id, therapistName, WaitlistCalls.Email("t"), null, now);
        var shift = Shift.Create(symposium.Id, therapist.Id, new ShiftPlan(symposium.StartDate, new LocalTime(9, 0), new LocalTime(10, 0), 50, 10, []), "Room B");
        var slots = shift.CreateSlots(symposium.Zone).ToList();
        await using var db = app.OpenDb();
        db.AddRange(symposium, therapist, shift);
        db.AddRange(slots);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return slots[0].Id;
    }

    /// <summary>A confirmed booking written straight to the database with its confirmation mail queued, as the booking would.</summary>
    private async Task<Guid> LegacyBookingAsync(Guid slotId, string name, string email)
    {
        var now = app.Now();
        await using var db = app.OpenDb();
        var symposiumId = db.Slots.Single(s => s.Id == slotId).SymposiumId;
        var booking = Booking.Create(
            new BookingRequest(symposiumId, slotId, name, email, null, Rate.Standard, PaymentMethod.AtTable, 6000, "USD", null),
            SecretToken.Create().Hash, now);
        db.Bookings.Add(booking);
        db.Outbox.Add(OutboxMessage.Create(
            OutboxTypes.BookingConfirmed, new BookingMailPayload(booking.Id, booking.Sequence, slotId).ToJson(), now));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return booking.Id;
    }
}

/// <summary>The app with a dev inbox of its own and a sender name that needs quoting too.</summary>
public sealed class AwkwardSenderApp : Therapists.InboxApp
{
    public const string FromName = "Symposium \"Massage\" Desk, Zoë; O'Neil\\";
    public const string FromAddress = "desk@symposium-booking.test";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("Mail:FromName", FromName), new("Mail:FromAddress", FromAddress)];
}
