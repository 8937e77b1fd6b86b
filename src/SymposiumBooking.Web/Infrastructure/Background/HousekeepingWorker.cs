using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Idempotency;

namespace SymposiumBooking.Web.Infrastructure.Background;

/// <summary>The <c>Housekeeping</c> configuration section.</summary>
public sealed class HousekeepingOptions
{
    /// <summary>Off in tests, which call <see cref="HousekeepingWorker.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What one round did.</summary>
public sealed record HousekeepingRound(int HoldsReleased, int OffersExpired, int OffersMade, int IdempotencyRecordsPurged, int RemindersQueued = 0);

/// <summary>
/// The time-driven part of booking: unpaid holds that ran out give their slot back (to the waitlist first), unclaimed
/// waitlist offers lapse and pass to the next person, old idempotency answers are forgotten, and attendees whose session
/// is tomorrow get a reminder. Each step is its own transaction. Several app servers may run this at once: the hold
/// release is one UPDATE (a row is returned to one of them only), lapsed offers are picked with
/// <c>FOR UPDATE SKIP LOCKED</c>, and reminders are queued under an advisory lock.
/// </summary>
public sealed partial class HousekeepingWorker(
    IServiceScopeFactory scopes, IOptions<HousekeepingOptions> options, IOptions<WaitlistOptions> waitlist, IClock clock,
    TimeProvider time, ILogger<HousekeepingWorker> logger) : BackgroundService
{
    /// <summary>Lapsed offers handled per transaction, so one round never holds many row locks for long.</summary>
    private const int OfferBatch = 50;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? RepeatingRounds.RunAsync("Housekeeping", RunOnceAsync, options.Value.Interval, time, logger, stoppingToken)
        : Task.CompletedTask;

    public async Task<HousekeepingRound> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var (released, offeredForHolds) = await ReleaseLapsedHoldsAsync(now, ct);
        var (expired, offeredOnwards) = await ExpireLapsedOffersAsync(now, ct);
        var purged = await PurgeIdempotencyAsync(now, ct);
        var reminders = await QueueRemindersAsync(now, ct);
        return new HousekeepingRound(released, expired, offeredForHolds + offeredOnwards, purged, reminders);
    }

    private async Task<(int Released, int Offered)> ReleaseLapsedHoldsAsync(Instant now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var freed = await Holds.ReleaseLapsedAsync(db, now, null, ct);
        var offered = await WaitlistOffers.OfferFreedSlotsAsync(db, freed, now, waitlist.Value.OfferDuration, ct);
        await tx.CommitAsync(ct);
        return (freed.Count, offered);
    }

    private async Task<(int Expired, int Offered)> ExpireLapsedOffersAsync(Instant now, CancellationToken ct)
    {
        int expired = 0, offered = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var lapsed = await db.WaitlistEntries.FromSql($"""
                SELECT * FROM waitlist_entries
                WHERE status = 'Offered' AND offer_expires_at <= {now}
                ORDER BY offer_expires_at
                LIMIT {OfferBatch}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
            if (lapsed.Count == 0)
            {
                return (expired, offered);
            }

            var slots = lapsed.Select(w => w.OfferedSlotId!.Value).ToList();
            foreach (var entry in lapsed)
            {
                entry.ExpireOffer();
            }

            await db.SaveChangesAsync(ct);
            offered += await WaitlistOffers.OfferFreedSlotsAsync(db, slots, now, waitlist.Value.OfferDuration, ct);
            await tx.CommitAsync(ct);
            expired += lapsed.Count;
            if (lapsed.Count < OfferBatch)
            {
                return (expired, offered);
            }
        }
    }

    private async Task<int> QueueRemindersAsync(Instant now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var queued = await BookingReminders.QueueAsync(db, now, ct);
        await tx.CommitAsync(ct);
        return queued;
    }

    private async Task<int> PurgeIdempotencyAsync(Instant now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdempotentWrites>().PurgeAsync(now, ct);
    }
}
