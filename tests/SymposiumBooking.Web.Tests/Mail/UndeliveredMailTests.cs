using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Mail;

/// <summary>
/// Mail never vanishes (docs/operations.md, "Mail"): a held or failed mail is listed for organizers (API and
/// /organize/mail) and goes out again, once, when an organizer says so; every mail carries the configured Reply-To.
/// </summary>
public sealed class UndeliveredMailTests(SmtpApp app) : IClassFixture<SmtpApp>
{
    private const string Undelivered = "/api/v1/mail/undelivered";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SendAgain(Guid id) => $"/api/v1/mail/{id}/send-again";

    [Fact]
    public async Task A_held_mail_is_listed_and_goes_out_once_with_its_message_id_when_an_organizer_sends_it_again()
    {
        var organizer = await app.SignedInClientAsync();
        var row = await AddTherapistAsync(organizer, 2051);
        app.Smtp.Faults.Enqueue(SmtpFault.DropAfterData);
        await app.SendOutboxAsync();

        var held = await ListedAsync(organizer, row);
        Assert.Equal("held", held.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, held.GetProperty("heldSince").ValueKind);
        var messageId = held.GetProperty("messageId").GetString();
        Assert.Equal(0, await app.SendOutboxAsync()); // held: never resent by itself

        var again = await organizer.PostEmptyAsync(SendAgain(row)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("queued", again.GetProperty("state").GetString());
        await organizer.PostEmptyAsync(SendAgain(row)).ProblemAsync(HttpStatusCode.Conflict, "mail.queued");
        Assert.Equal(1, await app.SendOutboxAsync());

        var delivered = Assert.Single(app.Smtp.Accepted, m => m.MessageId == messageId);
        Assert.Equal(SmtpApp.ReplyTo, Assert.Single(delivered.ReplyTo.Mailboxes).Address);
        Assert.Null(await FindListedAsync(organizer, row));
        await organizer.PostEmptyAsync(SendAgain(row)).ProblemAsync(HttpStatusCode.Conflict, "mail.already_sent");
        await using var db = app.OpenDb();
        Assert.Contains(await db.StaffActions.Where(a => a.Action == "SendMailAgain").Select(a => a.TargetIds).ToListAsync(Ct), t => t.Contains(row));
    }

    [Fact]
    public async Task A_failed_mail_is_listed_with_its_next_try_and_sending_it_again_skips_the_wait()
    {
        var organizer = await app.SignedInClientAsync();
        var row = await AddTherapistAsync(organizer, 2052);
        app.Smtp.Faults.Enqueue(SmtpFault.Reply451AfterData);
        Assert.Equal(0, await app.SendOutboxAsync());

        var failed = await ListedAsync(organizer, row);
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(1), failed.GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal(0, await app.SendOutboxAsync()); // its backoff

        await organizer.PostEmptyAsync(SendAgain(row)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await app.SendOutboxAsync()); // at once, on the same clock
        Assert.Null(await FindListedAsync(organizer, row));
    }

    [Fact]
    public async Task Sending_again_a_mail_that_does_not_exist_or_is_still_queued_is_refused_and_changes_nothing()
    {
        var organizer = await app.SignedInClientAsync();
        var row = await AddTherapistAsync(organizer, 2053);

        await app.RefusesAsync(() => organizer.PostEmptyAsync(SendAgain(Guid.NewGuid())), HttpStatusCode.NotFound, "mail.not_found");
        await app.RefusesAsync(() => organizer.PostEmptyAsync(SendAgain(row)), HttpStatusCode.Conflict, "mail.queued");
        Assert.Equal(1, await app.SendOutboxAsync());
    }

    [Fact]
    public async Task The_organize_mail_page_lists_a_held_mail_and_its_button_sends_it_again_without_script()
    {
        var organizer = await app.SignedInClientAsync();
        var row = await AddTherapistAsync(organizer, 2054);
        app.Smtp.Faults.Enqueue(SmtpFault.DropAfterData);
        await app.SendOutboxAsync();
        var pages = await app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);

        var page = await pages.GetStringAsync("/organize/mail", Ct);
        Assert.Contains($"outbox-{row:N}@symposium-booking", page, StringComparison.Ordinal);
        Assert.Contains("Held", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"mailId\" value=\"{row}\"", page, StringComparison.Ordinal);

        var sent = await pages.PostFormAsync("/organize/mail", "/organize/mail?handler=sendAgain", new() { ["mailId"] = row.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/organize/mail", sent.Headers.Location?.OriginalString);
        Assert.Contains("goes out again at the next round", await pages.GetStringAsync("/organize/mail", Ct), StringComparison.Ordinal);

        var refused = await pages.PostFormAsync("/organize/mail", "/organize/mail?handler=sendAgain", new() { ["mailId"] = row.ToString() });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("waiting for its turn", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await app.SendOutboxAsync());
    }

    /// <summary>A new symposium with one therapist: their invitation is the outbox row returned.</summary>
    private async Task<Guid> AddTherapistAsync(HttpClient organizer, int year)
    {
        var symposium = await organizer.CreateSymposiumIdAsync(year);
        var therapist = Guid.Parse(await organizer.AddTherapistAsync(symposium, $"Therapist {year}"));
        await using var db = app.OpenDb();
        var rows = await db.Outbox.AsNoTracking()
            .Where(m => m.Type == OutboxTypes.TherapistInvitation && m.SentAt == null)
            .ToListAsync(Ct);
        return rows.Single(m => m.Payload.Contains(therapist.ToString(), StringComparison.Ordinal)).Id;
    }

    private static async Task<JsonElement?> FindListedAsync(HttpClient organizer, Guid row)
    {
        var list = await organizer.SendGetAsync(Undelivered).ExpectAsync(HttpStatusCode.OK);
        return list.EnumerateArray().Where(m => m.GetProperty("id").GetGuid() == row).Select(m => (JsonElement?)m).SingleOrDefault();
    }

    private static async Task<JsonElement> ListedAsync(HttpClient organizer, Guid row) =>
        await FindListedAsync(organizer, row) ?? throw new Xunit.Sdk.XunitException($"mail {row} is not listed");
}

/// <summary>Without a transport (no SMTP host, no pickup directory: Development or a test), mail waits; nothing is marked sent.</summary>
public sealed class NoMailTransportTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Without_a_transport_the_outbox_keeps_every_mail_unsent()
    {
        var ct = TestContext.Current.CancellationToken;
        var organizer = await app.SignedInClientAsync();
        var symposium = await organizer.CreateSymposiumIdAsync(2055);
        await organizer.AddTherapistAsync(symposium, "Unmailed Therapist");

        Assert.Equal(0, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(ct));

        await using var db = app.OpenDb();
        var invitation = await db.Outbox.AsNoTracking().SingleAsync(m => m.Type == OutboxTypes.TherapistInvitation, ct);
        Assert.Null(invitation.SentAt);
        Assert.Equal(0, invitation.Attempts);
        Assert.Equal(OutboxState.Queued, invitation.State);
    }
}
