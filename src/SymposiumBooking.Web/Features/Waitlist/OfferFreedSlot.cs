using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>
/// A slot a booking let go of (<see cref="SlotFreed"/>) is offered to the first person waiting for it, in the
/// transaction that freed it (<see cref="WaitlistOffers.OfferFreedSlotsAsync"/>): whichever way a slot is freed.
/// </summary>
internal sealed class OfferFreedSlot(BookingDb db, IClock clock, IOptions<WaitlistOptions> options) : IBookingEventHandler
{
    public async Task HandleAsync(BookingEvent bookingEvent, ManageToken? token, CancellationToken ct)
    {
        if (bookingEvent is SlotFreed freed)
        {
            await WaitlistOffers.OfferFreedSlotsAsync(db, [freed.SlotId], clock.GetCurrentInstant(), options.Value.OfferDuration, ct);
        }
    }
}
