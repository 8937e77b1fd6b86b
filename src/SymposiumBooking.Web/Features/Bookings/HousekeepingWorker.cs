using Mediator;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Features.Shop;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Background;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>The <c>Housekeeping</c> configuration section.</summary>
public sealed class HousekeepingOptions
{
    /// <summary>Off in tests, which call <see cref="HousekeepingWorker.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public static IEnumerable<string?> Problems(HousekeepingOptions o, SettingsContext context) => [Setting.Positive("Housekeeping:Interval", o.Interval)];
}

/// <summary>What one round did.</summary>
public sealed record HousekeepingRound(int HoldsReleased, int OffersExpired, int OffersMade, int IdempotencyRecordsPurged, int RemindersQueued = 0, int DrawsRun = 0, int OrdersExpired = 0);

/// <summary>
/// The time-driven part of booking, a timer that sends each step's command every <see cref="HousekeepingOptions.Interval"/>:
/// <see cref="ReleaseLapsedHolds"/> (their slots go to the waitlist), <see cref="ExpireWaitlistOffers"/> (unclaimed
/// offers pass to the next person), the purge of old idempotency answers, <see cref="QueueBookingReminders"/>, and
/// <see cref="RunDueDraws"/> (the draws whose requests have closed), and <see cref="ExpireLapsedOrders"/> (unpaid online
/// orders put their copies back on sale).
/// Each step is its own transaction, and each is safe with several app servers running it at once (rows are picked
/// with <c>FOR UPDATE SKIP LOCKED</c>, reminders queued under an advisory lock).
/// </summary>
public sealed class HousekeepingWorker(
    IServiceScopeFactory scopes, IOptions<HousekeepingOptions> options, IClock clock, TimeProvider time, ILogger<HousekeepingWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? RepeatingRounds.RunAsync("Housekeeping", RunOnceAsync, options.Value.Interval, time, logger, stoppingToken)
        : Task.CompletedTask;

    /// <remarks><see cref="HousekeepingRound.OffersMade"/> counts the offers of lapsed offers' slots; a released hold's slot is offered by its <c>SlotFreed</c>.</remarks>
    public async Task<HousekeepingRound> RunOnceAsync(CancellationToken ct)
    {
        var released = await SendAsync(new ReleaseLapsedHolds(), ct);
        var offers = await SendAsync(new ExpireWaitlistOffers(), ct);
        int purged;
        await using (var scope = scopes.CreateAsyncScope())
        {
            purged = await scope.ServiceProvider.GetRequiredService<IdempotentWrites>().PurgeAsync(clock.GetCurrentInstant(), ct);
        }

        var reminders = await SendAsync(new QueueBookingReminders(), ct);
        var draws = await SendAsync(new RunDueDraws(), ct);
        var orders = await SendAsync(new ExpireLapsedOrders(), ct);
        return new HousekeepingRound(released, offers.Expired, offers.Offered, purged, reminders, draws, orders);
    }

    private async Task<T> SendAsync<T>(ICommand<T> command, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct);
    }
}
