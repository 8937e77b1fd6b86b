using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Infrastructure.Background;

/// <summary>The <c>Payments</c> configuration section: how often the reconciliation job runs.</summary>
public sealed class PaymentReconciliationOptions
{
    /// <summary>Off in tests, which call <see cref="PaymentReconciliationWorker.RunOnceAsync"/> themselves.</summary>
    public bool ReconcileEnabled { get; set; } = true;

    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>What one reconciliation round did.</summary>
public sealed record PaymentReconciliationRound(int SymposiaChecked, int Mismatches, bool StripeUnavailable);

/// <summary>
/// Runs the reconciliation (<see cref="ReconcilePayments"/>) for every published symposium that has not ended, when
/// Stripe is configured, and stores each symposium's report (<see cref="ReconciliationRun"/>) for the payments page.
/// Mismatches are logged as warnings by booking id only. Stripe being down ends the round; the next one tries again.
/// </summary>
public sealed partial class PaymentReconciliationWorker(
    IServiceScopeFactory scopes, IOptions<PaymentReconciliationOptions> options, IOptions<StripeOptions> stripe, IClock clock,
    TimeProvider time, ILogger<PaymentReconciliationWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.ReconcileEnabled && stripe.Value.OnlinePaymentEnabled
        ? RepeatingRounds.RunAsync("Payment reconciliation", RunOnceAsync, options.Value.ReconcileInterval, time, logger, stoppingToken)
        : Task.CompletedTask;

    public async Task<PaymentReconciliationRound> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        List<Symposium> symposia;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
            symposia = await db.Symposia.AsNoTracking().Where(e => e.Status == SymposiumStatus.Published).ToListAsync(ct);
        }

        int checkedSymposia = 0, mismatches = 0;
        foreach (var symposium in symposia.Where(e => !e.HasEnded(now)).OrderBy(e => e.Id))
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcilePayments(symposium.Id), ct);
            if (report.IsFailure)
            {
                if (report.Error == PaymentErrors.ProviderUnavailable)
                {
                    LogStripeUnavailable(logger, symposium.Id);
                    return new PaymentReconciliationRound(checkedSymposia, mismatches, StripeUnavailable: true);
                }

                continue; // the symposium went away between the list and the check
            }

            await ReconciliationRun.StoreAsync(scope.ServiceProvider.GetRequiredService<BookingDb>(), report.Value, now, ct);
            foreach (var m in report.Value.Mismatches)
            {
                LogMismatch(logger, symposium.Id, m.Kind, m.BookingId, m.StripeId);
            }

            checkedSymposia++;
            mismatches += report.Value.Mismatches.Count;
        }

        return new PaymentReconciliationRound(checkedSymposia, mismatches, StripeUnavailable: false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment mismatch in symposium {SymposiumId}: {Kind}, booking {BookingId}, Stripe {StripeId}")]
    private static partial void LogMismatch(ILogger logger, Guid symposiumId, string kind, Guid? bookingId, string? stripeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment reconciliation stopped at symposium {SymposiumId}: Stripe is unavailable; the next round tries again")]
    private static partial void LogStripeUnavailable(ILogger logger, Guid symposiumId);
}
