using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>What <see cref="ExpireWaitlistOffers"/> did: offers that lapsed, and the offers made of their slots.</summary>
public sealed record ExpiredWaitlistOffers(int Expired, int Offered);

/// <summary>
/// Unclaimed waitlist offers lapse and their slots pass to the next person waiting (sent by the housekeeping timer).
/// Lapsed offers are picked <see cref="OfferBatch"/> at a time with <c>FOR UPDATE SKIP LOCKED</c>, each batch in its
/// own transaction, so several app servers may run this at once and none holds many row locks for long.
/// </summary>
public sealed record ExpireWaitlistOffers : ICommand<ExpiredWaitlistOffers>;

internal sealed class ExpireWaitlistOffersHandler(BookingDb db, IClock clock, IOptions<WaitlistOptions> options)
    : ICommandHandler<ExpireWaitlistOffers, ExpiredWaitlistOffers>
{
    /// <summary>Lapsed offers handled per transaction.</summary>
    public const int OfferBatch = 50;

    public async ValueTask<ExpiredWaitlistOffers> Handle(ExpireWaitlistOffers command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        int expired = 0, offered = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var lapsed = await db.WaitlistEntries.FromSql($"""
                SELECT * FROM waitlist_entries
                WHERE status = {nameof(WaitlistStatus.Offered)} AND offer_expires_at <= {now}
                ORDER BY offer_expires_at
                LIMIT {OfferBatch}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
            if (lapsed.Count == 0)
            {
                return new ExpiredWaitlistOffers(expired, offered);
            }

            var slots = lapsed.Select(w => w.OfferedSlotId!.Value).ToList();
            foreach (var entry in lapsed)
            {
                entry.ExpireOffer();
            }

            await db.SaveChangesAsync(cancellationToken);
            offered += await WaitlistOffers.OfferFreedSlotsAsync(db, slots, now, options.Value.OfferDuration, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            expired += lapsed.Count;
            if (lapsed.Count < OfferBatch)
            {
                return new ExpiredWaitlistOffers(expired, offered);
            }
        }
    }
}
