using Mediator;
using SymposiumBooking.Web.Features.Bookings;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>A page about one booking of a symposium (refund, cancel, move, send the links again): 404 when there is none.</summary>
public abstract class OrganizerBookingPageModel(ISender sender) : SymposiumPageModel(sender)
{
    public BookingRow? Row { get; private set; }

    /// <summary>Where the organizer goes back to: the booking's own page.</summary>
    public static string BookingUrl(Guid id, Guid bookingId) => $"/organize/{id}/bookings/{bookingId}";

    protected async Task<bool> LoadAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var rows = await Sender.Send(new ListSymposiumBookings(id), ct);
        Row = rows.IsSuccess ? rows.Value.FirstOrDefault(r => r.Id == bookingId) : null;
        return Row is not null;
    }
}
