using Mediator;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Background;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>The <c>Payments</c> configuration section: how often the reconciliation job runs.</summary>
public sealed class PaymentReconciliationOptions
{
    /// <summary>Off in tests, which call <see cref="PaymentReconciliationWorker.RunOnceAsync"/> themselves.</summary>
    public bool ReconcileEnabled { get; set; } = true;

    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromHours(1);

    public static IEnumerable<string?> Problems(PaymentReconciliationOptions o, SettingsContext context) =>
        [Setting.Positive("Payments:ReconcileInterval", o.ReconcileInterval)];
}

/// <summary>
/// The reconciliation timer: sends <see cref="ReconcileOpenSymposia"/> every
/// <see cref="PaymentReconciliationOptions.ReconcileInterval"/>, when Stripe is configured, once per interval across
/// all replicas: each replica's timer first claims the round in the database (<see cref="ScheduledRound"/>,
/// docs/adr/0112), and a replica whose claim fails (another ran the round) waits for its next turn.
/// </summary>
public sealed class PaymentReconciliationWorker(
    IServiceScopeFactory scopes, IOptions<PaymentReconciliationOptions> options, IOptions<StripeOptions> stripe,
    TimeProvider time, ILogger<PaymentReconciliationWorker> logger) : BackgroundService
{
    /// <summary>The job's name among the scheduled rounds.</summary>
    public const string Job = "payment-reconciliation";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.ReconcileEnabled && stripe.Value.OnlinePaymentEnabled
        ? RepeatingRounds.RunAsync("Payment reconciliation", RunWhenDueAsync, options.Value.ReconcileInterval, time, logger, stoppingToken)
        : Task.CompletedTask;

    /// <summary>A turn of this replica's timer: the round, unless a replica started one within the interval (then null).</summary>
    public async Task<PaymentReconciliationRound?> RunWhenDueAsync(CancellationToken ct)
    {
        var claimed = await ScheduledRound.ClaimAsync(scopes, Job, Instant.FromDateTimeOffset(time.GetUtcNow()), options.Value.ReconcileInterval, ct);
        return claimed ? await RunOnceAsync(ct) : null;
    }

    public async Task<PaymentReconciliationRound> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcileOpenSymposia(), ct);
    }
}
