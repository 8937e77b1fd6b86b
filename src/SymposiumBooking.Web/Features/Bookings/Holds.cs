using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>Unpaid bookings whose hold has run out, to be expired (<see cref="Booking.ExpireHold"/>).</summary>
public static class Holds
{
    /// <summary>
    /// The lapsed holds, locked and untracked, earliest slot first. Without <paramref name="slotId"/>, rows another
    /// transaction has locked are skipped (<c>SKIP LOCKED</c>: several app servers share the work, none waits); with it,
    /// only that slot's hold, waited for: booking a slot whose hold just lapsed must not wait for the background worker.
    /// </summary>
    public static Task<List<Booking>> LockLapsedAsync(BookingDb db, Instant now, Guid? slotId, CancellationToken ct)
    {
        const string awaiting = nameof(BookingStatus.AwaitingPayment);
        var lapsed = slotId is { } slot
            ? db.Bookings.FromSql($"""
                SELECT b.* FROM bookings b
                WHERE b.slot_id = {slot} AND b.status = {awaiting} AND b.hold_expires_at <= {now}
                FOR UPDATE
                """)
            : db.Bookings.FromSql($"""
                SELECT b.* FROM bookings b JOIN slots s ON s.id = b.slot_id
                WHERE b.status = {awaiting} AND b.hold_expires_at <= {now}
                ORDER BY s.starts_at, b.id
                FOR UPDATE OF b SKIP LOCKED
                """);
        return lapsed.AsNoTracking().ToListAsync(ct);
    }

    /// <summary>
    /// Expires the lapsed hold on <paramref name="slotId"/>, which the caller is taking in the same transaction (a new
    /// booking, a move): the slot is not freed, so it is not offered to the waitlist.
    /// </summary>
    public static async Task TakeOverLapsedAsync(BookingDb db, BookingWriter writer, Guid slotId, Instant now, CancellationToken ct)
    {
        foreach (var hold in await LockLapsedAsync(db, now, slotId, ct))
        {
            hold.ExpireHold(now, slotTakenOver: true);
            await writer.SaveAsync(hold, ct);
        }
    }
}
