using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Waitlist;

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
    /// Offers each freed slot to the first person (oldest entry) waiting for its day and/or therapist, until
    /// <paramref name="offerFor"/> from now (never past the slot's start or the end of booking), and queues the offer
    /// mail. Runs in the transaction that freed the slot. A slot that has started, is held again, or belongs to an
    /// symposium not open for booking is left alone; a slot with nobody waiting for it is simply free.
    /// </summary>
    /// <remarks>
    /// Safe when several slots free at once: the entry is picked with <c>FOR UPDATE SKIP LOCKED</c>, so two
    /// transactions never offer the same entry; a transaction-scoped advisory lock per person, taken without waiting,
    /// keeps one person from holding two offers; and <see cref="WaitlistConfiguration.OneOfferPerSlot"/> refuses a
    /// second offer of one slot (SaveChanges rolls back to its savepoint, so the caller's transaction goes on).
    /// </remarks>
    /// <returns>How many offers were made.</returns>
    public static async Task<int> OfferFreedSlotsAsync(
        BookingDb db, IReadOnlyCollection<Guid> slotIds, Instant now, Duration offerFor, CancellationToken ct)
    {
        if (slotIds.Count == 0)
        {
            return 0;
        }

        var ids = slotIds.Distinct().ToArray();

        // An offer that lapsed before the worker noticed still counts in the one-offer-per-slot index.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE waitlist_entries SET status = {nameof(WaitlistStatus.Expired)}
            WHERE offered_slot_id = ANY({ids}) AND status = {nameof(WaitlistStatus.Offered)} AND offer_expires_at <= {now}
            """, ct);

        var free = await (
                from s in db.Slots
                join sh in db.Shifts on s.ShiftId equals sh.Id
                join e in db.Symposia on s.SymposiumId equals e.Id
                where ids.Contains(s.Id) && s.StartsAt > now && e.Status == SymposiumStatus.Published
                      && !(EF.Property<Instant?>(s, SlotConfiguration.HeldUntil) > now)
                      && !db.WaitlistEntries.Any(w => w.OfferedSlotId == s.Id && w.Status == WaitlistStatus.Offered)
                orderby s.StartsAt
                select new FreedSlot(s.Id, s.SymposiumId, s.TherapistId, sh.Date, s.StartsAt, e.Policy!.BookingClosesAt, e.Policy.BookingOpensAt))
            .AsNoTracking()
            .ToListAsync(ct);

        var offered = 0;
        foreach (var slot in free.Where(s => s.OpensAt <= now && now < s.ClosesAt))
        {
            if (await OfferAsync(db, slot, now, offerFor, ct))
            {
                offered++;
            }
        }

        return offered;
    }

    private static async Task<bool> OfferAsync(BookingDb db, FreedSlot slot, Instant now, Duration offerFor, CancellationToken ct)
    {
        var passedOver = new List<Guid>();
        while (true)
        {
            var skip = passedOver.ToArray();
            var picked = await db.WaitlistEntries.FromSql($"""
                SELECT w.* FROM waitlist_entries w
                WHERE w.symposium_id = {slot.SymposiumId} AND w.status = {nameof(WaitlistStatus.Waiting)} AND w.confirmed_at IS NOT NULL
                  AND (w.date IS NULL OR w.date = {slot.Date})
                  AND (w.therapist_id IS NULL OR w.therapist_id = {slot.TherapistId})
                  AND w.id <> ALL({skip})
                  AND NOT EXISTS (
                      SELECT 1 FROM waitlist_entries o
                      WHERE o.symposium_id = w.symposium_id AND o.normalized_email = w.normalized_email
                        AND o.status = {nameof(WaitlistStatus.Offered)} AND o.offer_expires_at > {now})
                ORDER BY w.created_at, w.id
                LIMIT 1
                FOR UPDATE OF w SKIP LOCKED
                """).ToListAsync(ct);
            if (picked is not [var entry])
            {
                return false; // nobody (else) waiting for this slot: it is simply free
            }

            if (!await TryLockPersonAsync(db, entry, now, ct))
            {
                passedOver.Add(entry.Id); // another transaction is offering this person something right now
                continue;
            }

            var expiresAt = Min(now + offerFor, Min(slot.StartsAt, slot.ClosesAt));
            entry.Offer(slot.Id, expiresAt);
            var mail = db.Outbox.Add(OutboxMessage.Create(
                OutboxTypes.WaitlistOffer, JsonSerializer.Serialize(new { entryId = entry.Id }), now));
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException e) when (e.Violates(WaitlistConfiguration.OneOfferPerSlot))
            {
                // Another transaction offered this slot first (it was freed twice at once).
                mail.State = EntityState.Detached;
                db.Entry(entry).State = EntityState.Detached;
                return false;
            }
        }
    }

    /// <summary>
    /// Takes the person's advisory lock without waiting (waiting could deadlock two transactions offering two slots
    /// to two people in opposite order), then checks, with a fresh snapshot, that they hold no live offer.
    /// </summary>
    private static async Task<bool> TryLockPersonAsync(BookingDb db, WaitlistEntry entry, Instant now, CancellationToken ct)
    {
        var key = $"waitlist:{entry.SymposiumId}:{entry.NormalizedEmail}";
        var locked = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended({key}, 0)) AS \"Value\"")
            .ToListAsync(ct);
        return locked is [true] && !await db.WaitlistEntries.AnyAsync(
            o => o.SymposiumId == entry.SymposiumId && o.NormalizedEmail == entry.NormalizedEmail
                 && o.Status == WaitlistStatus.Offered && o.OfferExpiresAt > now,
            ct);
    }

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private sealed record FreedSlot(Guid Id, Guid SymposiumId, Guid TherapistId, LocalDate Date, Instant StartsAt, Instant ClosesAt, Instant OpensAt);
}
