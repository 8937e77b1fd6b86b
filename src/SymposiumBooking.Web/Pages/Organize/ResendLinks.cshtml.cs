using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>An organizer sends an attendee their booking's links again (a new link; the old ones stop working).</summary>
public sealed class ResendLinksModel(ISender sender) : OrganizerBookingPageModel(sender)
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid bookingId, CancellationToken ct) =>
        await LoadAsync(id, bookingId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, bookingId, ct))
        {
            return NotFound();
        }

        var sent = await Sender.Send(new ResendBookingLinks(id, bookingId), ct);
        return sent.IsFailure
            ? Refused(sent.Error)
            : Done(OrganizerBookingPageModel.BookingUrl(id, bookingId), $"A new link is on its way to {Row!.AttendeeEmail}; the old links no longer work.");
    }
}
