using Mediator;
using Microsoft.Extensions.Options;
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
/// <see cref="PaymentReconciliationOptions.ReconcileInterval"/>, when Stripe is configured.
/// </summary>
public sealed class PaymentReconciliationWorker(
    IServiceScopeFactory scopes, IOptions<PaymentReconciliationOptions> options, IOptions<StripeOptions> stripe,
    TimeProvider time, ILogger<PaymentReconciliationWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.ReconcileEnabled && stripe.Value.OnlinePaymentEnabled
        ? RepeatingRounds.RunAsync("Payment reconciliation", RunOnceAsync, options.Value.ReconcileInterval, time, logger, stoppingToken)
        : Task.CompletedTask;

    public async Task<PaymentReconciliationRound> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcileOpenSymposia(), ct);
    }
}
