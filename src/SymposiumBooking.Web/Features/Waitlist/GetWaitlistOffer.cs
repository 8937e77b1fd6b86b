using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>
/// The slot offered to someone on the waitlist, for whoever holds the claim link's token (header <c>X-Offer-Token</c>,
/// or <c>?t=</c> on the claim page). The slot is shown as available: it is, to the token's holder.
/// </summary>
public sealed record GetWaitlistOffer(Guid EntryId, string? Token) : IQuery<Result<OfferView>>;

public sealed record OfferView(Guid EntryId, Guid SymposiumId, SlotView Slot, DateTimeOffset ExpiresAt);

internal sealed class GetWaitlistOfferHandler(BookingDb db, IClock clock) : IQueryHandler<GetWaitlistOffer, Result<OfferView>>
{
    public const string TokenHeader = "X-Offer-Token";

    public async ValueTask<Result<OfferView>> Handle(GetWaitlistOffer query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.Token))
        {
            return WaitlistErrors.OfferTokenRequired;
        }

        var hash = SecretToken.Hash(query.Token);
        var found = await (
                from w in db.WaitlistEntries
                join s in db.Slots on w.OfferedSlotId equals s.Id
                join t in db.Therapists on s.TherapistId equals t.Id
                join e in db.Symposia on w.SymposiumId equals e.Id
                where w.Id == query.EntryId && w.ClaimTokenHash == hash
                select new { w, s, Therapist = t.Name, e.TimeZoneId })
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return WaitlistErrors.OfferNotFound;
        }

        if (found.w.Status == WaitlistStatus.Claimed)
        {
            return WaitlistErrors.OfferClaimed;
        }

        if (!found.w.HasLiveOffer(clock.GetCurrentInstant()))
        {
            return WaitlistErrors.OfferExpired;
        }

        var zone = DateTimeZoneProviders.Tzdb[found.TimeZoneId];
        return new OfferView(found.w.Id, found.w.SymposiumId, SlotView.From(found.s, found.Therapist, zone, available: true),
            ApiFormat.Local(found.w.OfferExpiresAt!.Value, zone));
    }
}
