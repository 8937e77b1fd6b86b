using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Slots;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>An organizer moves a booking for its attendee to a free time, listed by day.</summary>
public sealed class MoveBookingModel(ISender sender) : OrganizerBookingPageModel(sender)
{
    public IReadOnlyList<IGrouping<string, SlotView>> Days { get; private set; } = [];

    [BindProperty]
    public Guid? SlotId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid bookingId, CancellationToken ct) =>
        await LoadFreeAsync(id, bookingId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadFreeAsync(id, bookingId, ct))
        {
            return NotFound();
        }

        var moved = await Sender.Send(new RescheduleBookingOnBehalf(id, bookingId, new MoveOnBehalfBody(SlotId)), ct);
        if (moved.IsFailure)
        {
            return Refused(moved.Error);
        }

        var to = moved.Value.Slot;
        return Done(OrganizerBookingPageModel.BookingUrl(id, bookingId),
            $"{Row!.AttendeeName}'s booking moved to {Display.Day(to.StartsAt)}, {Display.TimeRange(to.StartsAt, to.EndsAt)} with {to.TherapistName}; they are mailed the new time.");
    }

    private async Task<bool> LoadFreeAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, bookingId, ct))
        {
            return false;
        }

        var free = await Sender.Send(new ListSlots(id, null, null, AvailableOnly: true, IncludeDrafts: true), ct);
        Days = free.IsSuccess ? [.. free.Value.GroupBy(s => Display.Day(s.StartsAt))] : [];
        return true;
    }
}
