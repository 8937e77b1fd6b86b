using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Background;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>The reconciliation report on demand: Stripe's sessions and refunds against the symposium's bookings.</summary>
public sealed class PaymentsModel(ISender sender, IOptions<PaymentReconciliationOptions> job, IOptions<StripeOptions> stripe) : SymposiumPageModel(sender)
{
    public ReconciliationReport? Report { get; private set; }

    /// <summary>What the scheduled job found last (stored; showing it does not call Stripe).</summary>
    public ReconciliationReport? Scheduled { get; private set; }

    public bool ScheduledCheckOn => job.Value.ReconcileEnabled && stripe.Value.OnlinePaymentEnabled;

    /// <summary>"hourly job", or "job that runs every 15 minutes" for another interval.</summary>
    public string JobName => job.Value.ReconcileInterval == TimeSpan.FromHours(1)
        ? "hourly job"
        : $"job that runs every {(job.Value.ReconcileInterval.TotalMinutes % 60 == 0 ? Count((int)job.Value.ReconcileInterval.TotalHours, "hour", "hours") : Count((int)job.Value.ReconcileInterval.TotalMinutes, "minute", "minutes"))}";

    public static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    public static string Kind(string kind) => kind switch
    {
        ReconcilePaymentsHandler.PaidNotConfirmed => "Paid, not confirmed",
        ReconcilePaymentsHandler.ConfirmedUnpaid => "Confirmed, not paid",
        ReconcilePaymentsHandler.RefundedButActive => "Refunded, still booked",
        ReconcilePaymentsHandler.PaidSessionMismatch => "Paid, not as the booking asked",
        _ => kind,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var report = await Sender.Send(new ReconcilePayments(id), ct);
        if (report.IsFailure)
        {
            return Refused(report.Error);
        }

        Report = report.Value;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var last = await Sender.Send(new LatestReconciliation(id), ct);
        Scheduled = last.IsSuccess ? last.Value : null;
        return true;
    }
}
