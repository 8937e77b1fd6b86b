using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Payments;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>The reconciliation report on demand: Stripe's sessions and refunds against the edition's bookings.</summary>
public sealed class PaymentsModel(ISender sender) : EditionPageModel(sender)
{
    public ReconciliationReport? Report { get; private set; }

    public static string Kind(string kind) => kind switch
    {
        ReconcilePaymentsHandler.PaidNotConfirmed => "Paid, not confirmed",
        ReconcilePaymentsHandler.ConfirmedUnpaid => "Confirmed, not paid",
        ReconcilePaymentsHandler.RefundedButActive => "Refunded, still booked",
        _ => kind,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadEditionAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadEditionAsync(id, ct))
        {
            return NotFound();
        }

        var report = await Sender.Send(new ReconcilePayments(id), ct);
        if (report.IsFailure)
        {
            return Refused(report.Error!);
        }

        Report = report.Value;
        return Page();
    }
}
