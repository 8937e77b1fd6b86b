using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Two replicas of the service on one database behave as one (docs/operations.md, "Two replicas"): they start together
/// without tripping over each other, a place in line one gives counts on the other, and the payment reconciliation runs
/// once per interval between them. The outbox (<c>OutboxDeliveryTests</c>) and housekeeping (<c>BookingReminderTests</c>)
/// are run on two replicas where they are tested. A fresh pair per test.
/// </summary>
public sealed class TwoReplicasTests : IAsyncLifetime
{
    private readonly BookingApp _first = new();
    private SameDatabaseApp _second = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = new SameDatabaseApp(_first.Database, BookingApp.TestKeyEncryptionKey);
        await _second.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    /// <summary>Starts both replicas at once (a factory builds and starts its app the first time its services are asked for).</summary>
    private async Task StartBothAsync() => await Task.WhenAll(Task.Run(() => _first.Services, Ct), Task.Run(() => _second.Services, Ct));

    [Fact]
    public async Task Replicas_starting_together_on_a_new_database_make_one_first_key_and_one_first_organizer()
    {
        await StartBothAsync();

        await using var db = _first.OpenDb();
        var organizer = BookingApp.OrganizerEmail.ToUpperInvariant(); // as Identity normalizes it
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync(Ct));
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == organizer, Ct));
        await _first.SignedInClientAsync();
        await _second.SignedInClientAsync();
    }

    [Fact]
    public async Task A_place_in_line_one_replica_hands_out_counts_on_the_other()
    {
        await StartBothAsync();
        var issuer = _first.Services.GetRequiredService<PlaceInLine>();
        var firstTry = issuer.Now;
        var ticket = issuer.Issue(firstTry);
        _second.Clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(firstTry, _second.Services.GetRequiredService<PlaceInLine>().Read(ticket));
    }

    [Fact]
    public async Task Payment_reconciliation_runs_once_per_interval_between_the_replicas()
    {
        await StartBothAsync();
        var interval = TimeSpan.FromHours(1); // the default Payments:ReconcileInterval
        var workers = new[] { _first, _second }.Select(app => app.Services.GetRequiredService<PaymentReconciliationWorker>()).ToList();

        async Task<int> RoundsRunAsync() =>
            (await Task.WhenAll(workers.Concat(workers).Select(w => Task.Run(() => w.RunWhenDueAsync(Ct), Ct)))).Count(r => r is not null);

        void Advance(TimeSpan by)
        {
            _first.Clock.Advance(by);
            _second.Clock.Advance(by);
        }

        Assert.Equal(1, await RoundsRunAsync()); // four timers fire at once: one round
        Advance(interval / 2);
        Assert.Equal(0, await RoundsRunAsync()); // the other replica's timer, half an interval later: not yet
        Advance(interval / 2);
        Assert.Equal(1, await RoundsRunAsync());
        Assert.Equal(0, await RoundsRunAsync());
    }
}
