using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;

namespace SymposiumBooking.Web.Tests.Mail;

/// <summary>The app sending through a real SMTP server the test runs (Mail:Smtp:Host set).</summary>
public sealed class SmtpApp : BookingApp
{
    public FakeSmtpServer Smtp { get; } = new();

    /// <summary>The settings that point an app at <see cref="Smtp"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> SmtpSettings =>
    [
        new("Mail:Smtp:Host", "127.0.0.1"),
        new("Mail:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:Smtp:Security", "None"),
        new("Mail:Smtp:Timeout", "00:00:10"),
        new("Mail:ReplyTo", ReplyTo),
    ];

    /// <summary>The organizers' mailbox every mail names as its Reply-To.</summary>
    public const string ReplyTo = "organizers@example.org";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => SmtpSettings;

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public Task<int> SendOutboxAsync() => Dispatcher.DispatchOnceAsync(TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Each outbox row is delivered exactly once: a send that surely failed is retried after its backoff, one that may
/// have gone out is held, and dispatchers of two replicas never both send a row. One app (and SMTP server) per test.
/// </summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private readonly SmtpApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(SmtpFault.Reply451AfterData)]
    [InlineData(SmtpFault.DropAtData)]
    public async Task A_send_that_surely_failed_is_retried_after_its_backoff_and_delivered_exactly_once(SmtpFault fault)
    {
        var row = Assert.Single(await AddTherapistsAsync(1));
        _app.Smtp.Faults.Enqueue(fault);

        Assert.Equal(0, await _app.SendOutboxAsync());
        var failed = await RowAsync(row);
        Assert.Null(failed.SentAt);
        Assert.Null(failed.AttemptStartedAt);
        Assert.Null(failed.OutcomeUnknownAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(Now().Plus(Duration.FromMinutes(1)), failed.NextAttemptAt);

        Assert.Equal(0, await _app.SendOutboxAsync()); // not yet due
        _app.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await _app.SendOutboxAsync());
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _app.SendOutboxAsync());
        Assert.Equal(0, await _app.SendOutboxAsync());
        _app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await _app.SendOutboxAsync());

        var delivered = Assert.Single(_app.Smtp.Accepted);
        Assert.Equal(failed.MessageId, delivered.MessageId);
        Assert.Equal(2, (await RowAsync(row)).Attempts);
        Assert.NotNull((await RowAsync(row)).SentAt);
    }

    [Fact]
    public async Task A_connection_lost_after_the_whole_message_holds_the_row_until_a_person_retries_it()
    {
        var row = Assert.Single(await AddTherapistsAsync(1));
        _app.Smtp.Faults.Enqueue(SmtpFault.DropAfterData);

        Assert.Equal(0, await _app.SendOutboxAsync());
        var held = await RowAsync(row);
        Assert.NotNull(held.OutcomeUnknownAt);
        Assert.Null(held.SentAt);
        _app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await _app.SendOutboxAsync()); // never resent on its own
        Assert.Single(_app.Smtp.Received);
        Assert.Empty(_app.Smtp.Accepted);

        await using (var db = _app.OpenDb())
        {
            (await db.Outbox.SingleAsync(m => m.Id == row, Ct)).SendAgain(Now());
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(1, await _app.SendOutboxAsync());
        var delivered = Assert.Single(_app.Smtp.Accepted);
        Assert.Equal(held.MessageId, delivered.MessageId); // the same Message-Id: a receiver can drop a duplicate
        Assert.Equal(_app.Smtp.Received.First().MessageId, delivered.MessageId);
    }

    [Fact]
    public async Task An_attempt_left_open_by_a_dispatcher_that_died_is_held_not_resent()
    {
        var row = Assert.Single(await AddTherapistsAsync(1));
        await using (var db = _app.OpenDb())
        {
            // What a dispatcher commits before it hands the mail over, and then it dies.
            (await db.Outbox.SingleAsync(m => m.Id == row, Ct)).BeginAttempt(Now());
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(0, await _app.SendOutboxAsync()); // another dispatcher leaves it alone meanwhile
        Assert.Null((await RowAsync(row)).OutcomeUnknownAt);
        _app.Clock.Advance(TimeSpan.FromMinutes(16)); // past the attempt lease
        Assert.Equal(0, await _app.SendOutboxAsync());

        var held = await RowAsync(row);
        Assert.NotNull(held.OutcomeUnknownAt);
        Assert.Null(held.AttemptStartedAt);
        Assert.Equal("attempt interrupted", held.LastError);
        Assert.Empty(_app.Smtp.Received);
    }

    [Fact]
    public async Task Two_replicas_dispatching_at_once_deliver_each_row_exactly_once()
    {
        var rows = await AddTherapistsAsync(12);
        _app.Smtp.AcceptDelay = TimeSpan.FromMilliseconds(30);
        // Another app on the same database and SMTP server (docs/operations.md, "Two replicas"): its own dispatcher.
        await using var replica = new Platform.SameDatabaseApp(_app.Database, BookingApp.TestKeyEncryptionKey, _app.SmtpSettings);
        await replica.InitializeAsync();
        var second = replica.Services.GetRequiredService<OutboxDispatcher>();

        async Task<int> DrainAsync(OutboxDispatcher dispatcher)
        {
            var total = 0;
            int sent;
            do
            {
                sent = await dispatcher.DispatchOnceAsync(Ct);
                total += sent;
            }
            while (sent > 0);
            return total;
        }

        var counts = await Task.WhenAll(DrainAsync(_app.Dispatcher), DrainAsync(second), DrainAsync(_app.Dispatcher), DrainAsync(second));

        Assert.Equal(12, counts.Sum());
        Assert.Equal(12, _app.Smtp.Accepted.Count);
        await using var db = _app.OpenDb();
        var messageIds = (await db.Outbox.AsNoTracking().Where(m => rows.Contains(m.Id)).ToListAsync(Ct)).Select(m => m.MessageId);
        Assert.Equal(messageIds.Order(StringComparer.Ordinal), _app.Smtp.Accepted.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.True(await db.Outbox.Where(m => rows.Contains(m.Id)).AllAsync(m => m.SentAt != null && m.Attempts == 1, Ct));
    }

    private Instant Now() => Instant.FromDateTimeOffset(_app.Clock.GetUtcNow());

    private async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = _app.OpenDb();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
    }

    /// <summary>Adds therapists to a new symposium: each one's invitation mail is an outbox row.</summary>
    private async Task<List<Guid>> AddTherapistsAsync(int count)
    {
        var organizer = await _app.SignedInClientAsync();
        var symposium = (await organizer.PostAsJsonAsync(OrganizerApi.SymposiaPath, Bodies.Symposium(2043), Ct).ExpectAsync(HttpStatusCode.Created)).Id();
        for (var i = 0; i < count; i++)
        {
            await organizer.PostAsJsonAsync(OrganizerApi.TherapistsPath(symposium), Bodies.Therapist($"Therapist {i}", $"therapist{i}@example.org"), Ct)
                .ExpectAsync(HttpStatusCode.Created);
        }

        await using var db = _app.OpenDb();
        return await db.Outbox.Where(m => m.Type == OutboxTypes.TherapistInvitation && m.SentAt == null).Select(m => m.Id).ToListAsync(Ct);
    }
}
