using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>Unpaid bookings whose hold has run out give their slot back.</summary>
public static class Holds
{
    /// <summary>
    /// Marks lapsed holds expired in one statement and returns the slots they freed. With <paramref name="slotId"/>,
    /// only that slot's hold: booking a slot whose hold just lapsed must not wait for the background worker.
    /// The same statement queues a cancellation mail for a lapsed booking whose attendee was ever sent an invite
    /// (<see cref="BookingMails.InviteTypes"/>); an unpaid online hold never was, and hears nothing.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ReleaseLapsedAsync(BookingDb db, Instant now, Guid? slotId, CancellationToken ct) =>
        await db.Database.SqlQuery<Guid>($"""
            WITH released AS (
                UPDATE bookings SET status = 'Expired', sequence = sequence + 1, updated_at = {now}
                WHERE status = 'AwaitingPayment' AND hold_expires_at <= {now} AND ({slotId}::uuid IS NULL OR slot_id = {slotId})
                RETURNING id, slot_id, sequence),
            mailed AS (
                INSERT INTO outbox_messages (id, type, payload, created_at, next_attempt_at, attempts)
                SELECT gen_random_uuid(), {OutboxTypes.BookingCancelled},
                       jsonb_build_object('bookingId', r.id, 'sequence', r.sequence, 'slotId', r.slot_id), {now}, {now}, 0
                FROM released r
                WHERE EXISTS (SELECT 1 FROM outbox_messages o
                              WHERE o.type = ANY({BookingMails.InviteTypes}) AND o.payload->>'bookingId' = r.id::text))
            SELECT slot_id AS "Value" FROM released
            """).ToListAsync(ct);
}
