using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Payments;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>The confirm step before an organizer refunds a booking's online payment.</summary>
public sealed class RefundModel(ISender sender) : OrganizerBookingPageModel(sender)
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, bookingId, ct))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, bookingId, ct))
        {
            return NotFound();
        }

        var refunded = await Sender.Send(new RefundBooking(id, bookingId), ct);
        return refunded.IsFailure
            ? Refused(refunded.Error)
            : Done($"/organize/{id}/bookings", $"Refunded {Display.Money(refunded.Value.AmountCents, refunded.Value.Currency)} to {Row!.AttendeeName}.");
    }
}
