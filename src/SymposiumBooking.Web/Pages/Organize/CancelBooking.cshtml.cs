using Mediator;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>An organizer cancels a booking for its attendee, after a confirmation; after the cutoff they choose whether to refund.</summary>
public sealed class CancelBookingModel(ISender sender, IClock clock) : OrganizerBookingPageModel(sender)
{
    /// <summary>A paid online booking past the attendee's cutoff: the organizer decides about the refund.</summary>
    public bool RefundChoice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid bookingId, CancellationToken ct) =>
        await LoadChoiceAsync(id, bookingId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid bookingId, bool refund, CancellationToken ct)
    {
        if (!await LoadChoiceAsync(id, bookingId, ct))
        {
            return NotFound();
        }

        var cancelled = await Sender.Send(new CancelBookingOnBehalf(id, bookingId, refund), ct);
        return cancelled.IsFailure
            ? Refused(cancelled.Error)
            : Done(OrganizerBookingPageModel.BookingUrl(id, bookingId), $"{Row!.AttendeeName}'s booking is cancelled; they are mailed the cancellation.");
    }

    private async Task<bool> LoadChoiceAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, bookingId, ct))
        {
            return false;
        }

        var beforeCutoff = Booking.BeforeCutoff(Instant.FromDateTimeOffset(Row!.StartsAt), Symposium.Policy?.CancellationCutoffHours ?? 0, clock.GetCurrentInstant());
        RefundChoice = Row.PaidOnline && !Row.Refunded && !beforeCutoff;
        return true;
    }
}
