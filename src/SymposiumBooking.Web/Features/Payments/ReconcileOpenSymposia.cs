using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>What one reconciliation round did.</summary>
public sealed record PaymentReconciliationRound(int SymposiaChecked, int Mismatches, bool StripeUnavailable);

/// <summary>
/// Runs the reconciliation (<see cref="ReconcilePayments"/>) for every published symposium that has not ended and
/// stores each symposium's report (<see cref="ReconciliationRun"/>) for the payments page (sent by
/// <see cref="PaymentReconciliationWorker"/>). Mismatches are logged as warnings by booking id only. Stripe being down
/// ends the round; the next one tries again.
/// </summary>
public sealed record ReconcileOpenSymposia : ICommand<PaymentReconciliationRound>;

internal sealed partial class ReconcileOpenSymposiaHandler(BookingDb db, ISender sender, IClock clock, ILogger<ReconcileOpenSymposiaHandler> logger)
    : ICommandHandler<ReconcileOpenSymposia, PaymentReconciliationRound>
{
    public async ValueTask<PaymentReconciliationRound> Handle(ReconcileOpenSymposia command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var symposia = await db.Symposia.AsNoTracking().Where(e => e.Status == SymposiumStatus.Published).ToListAsync(cancellationToken);
        int checkedSymposia = 0, mismatches = 0;
        foreach (var symposium in symposia.Where(e => !e.HasEnded(now)).OrderBy(e => e.Id))
        {
            var report = await sender.Send(new ReconcilePayments(symposium.Id), cancellationToken);
            if (report.IsFailure)
            {
                if (report.Error == PaymentErrors.ProviderUnavailable)
                {
                    LogStripeUnavailable(logger, symposium.Id);
                    return new PaymentReconciliationRound(checkedSymposia, mismatches, StripeUnavailable: true);
                }

                continue; // the symposium went away between the list and the check
            }

            await ReconciliationRun.StoreAsync(db, report.Value, now, cancellationToken);
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
