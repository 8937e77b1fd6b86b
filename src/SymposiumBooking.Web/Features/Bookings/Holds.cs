using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>Unpaid bookings whose hold has run out give their slot back.</summary>
public static class Holds
{
    /// <summary>
    /// Marks lapsed holds expired in one statement and returns the slots they freed. With <paramref name="slotId"/>,
    /// only that slot's hold: booking a slot whose hold just lapsed must not wait for the background worker.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ReleaseLapsedAsync(BookingDb db, Instant now, Guid? slotId, CancellationToken ct) =>
        await db.Database.SqlQuery<Guid>($"""
            UPDATE bookings SET status = 'Expired', sequence = sequence + 1, updated_at = {now}
            WHERE status = 'AwaitingPayment' AND hold_expires_at <= {now} AND ({slotId}::uuid IS NULL OR slot_id = {slotId})
            RETURNING slot_id AS "Value"
            """).ToListAsync(ct);
}
