using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>A slot offered to someone on the waitlist is theirs to claim until the offer expires.</summary>
public static class WaitlistOffers
{
    /// <summary>
    /// When <paramref name="slotId"/> is offered to someone, only their claim token may book it; the offer is then
    /// marked claimed in the same transaction as the booking. A slot with no live offer is open to anyone.
    /// </summary>
    public static async Task<Result> ClaimAsync(BookingDb db, Guid slotId, string? offerToken, Instant now, CancellationToken ct)
    {
        var offer = await db.WaitlistEntries
            .Where(w => w.OfferedSlotId == slotId && w.Status == WaitlistStatus.Offered && w.OfferExpiresAt > now)
            .FirstOrDefaultAsync(ct);
        if (offer is null)
        {
            return Result.Success;
        }

        if (string.IsNullOrEmpty(offerToken) || !offer.IsClaimToken(SecretToken.Hash(offerToken)))
        {
            return BookingErrors.SlotUnavailable;
        }

        offer.Claim();
        return Result.Success;
    }

    /// <summary>
    /// Offers each freed slot to the first person waiting for its day and/or therapist. Runs in the transaction that
    /// freed the slot. (Filled in with the waitlist: until then a freed slot is simply free.)
    /// </summary>
    public static Task OfferFreedSlotsAsync(BookingDb db, IReadOnlyCollection<Guid> slotIds, Instant now, CancellationToken ct)
    {
        _ = (db, slotIds, now, ct);
        return Task.CompletedTask;
    }
}
