using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Domain.Payments;
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
public sealed record PaymentReconciliationRound(int EditionsChecked, int Mismatches, bool StripeUnavailable);

/// <summary>
/// Runs the reconciliation (<see cref="ReconcilePayments"/>) for every published edition that has not ended, when
/// Stripe is configured, and stores each edition's report (<see cref="ReconciliationRun"/>) for the payments page.
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
        List<SymposiumEdition> editions;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
            editions = await db.Editions.AsNoTracking().Where(e => e.Status == EditionStatus.Published).ToListAsync(ct);
        }

        int checkedEditions = 0, mismatches = 0;
        foreach (var edition in editions.Where(e => !e.HasEnded(now)).OrderBy(e => e.Id))
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcilePayments(edition.Id), ct);
            if (report.IsFailure)
            {
                if (report.Error == PaymentErrors.ProviderUnavailable)
                {
                    LogStripeUnavailable(logger, edition.Id);
                    return new PaymentReconciliationRound(checkedEditions, mismatches, StripeUnavailable: true);
                }

                continue; // the edition went away between the list and the check
            }

            await ReconciliationRun.StoreAsync(scope.ServiceProvider.GetRequiredService<BookingDb>(), report.Value, now, ct);
            foreach (var m in report.Value.Mismatches)
            {
                LogMismatch(logger, edition.Id, m.Kind, m.BookingId, m.StripeId);
            }

            checkedEditions++;
            mismatches += report.Value.Mismatches.Count;
        }

        return new PaymentReconciliationRound(checkedEditions, mismatches, StripeUnavailable: false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment mismatch in edition {EditionId}: {Kind}, booking {BookingId}, Stripe {StripeId}")]
    private static partial void LogMismatch(ILogger logger, Guid editionId, string kind, Guid? bookingId, string? stripeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment reconciliation stopped at edition {EditionId}: Stripe is unavailable; the next round tries again")]
    private static partial void LogStripeUnavailable(ILogger logger, Guid editionId);
}
