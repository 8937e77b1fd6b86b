using Microsoft.EntityFrameworkCore;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>What became of a booking's change when it was written.</summary>
public enum BookingWrite
{
    /// <summary>Written, and its events handled.</summary>
    Applied,

    /// <summary>The row was no longer in the state the change was decided on: nothing written, nothing raised.</summary>
    ChangedMeanwhile,

    /// <summary>
    /// The change would take a slot that another booking holds (<see cref="BookingConfiguration.OneActiveBookingPerSlot"/>):
    /// nothing written, and the transaction must be rolled back (to a savepoint, or ended).
    /// </summary>
    SlotTaken,
}

/// <summary>
/// The attendee's token for the links in the mails a change raises: as the attendee sent it, or already encrypted
/// for <see cref="BookingMails.ManageLinkPurpose"/> (as an online payment keeps it).
/// </summary>
public sealed record ManageToken(string Value, bool IsProtected)
{
    public static ManageToken Plain(string token) => new(token, false);

    public static ManageToken? Protected(string? protectedToken) => protectedToken is null ? null : new(protectedToken, true);
}

/// <summary>A subscriber to booking events (<see cref="BookingEvent"/>), run in the transaction that wrote the change.</summary>
public interface IBookingEventHandler
{
    Task HandleAsync(BookingEvent bookingEvent, ManageToken? token, CancellationToken ct);
}

/// <summary>
/// The one writer of a booking's transitions (docs/adr/0060): the change a <see cref="Booking"/> method decided is one
/// UPDATE conditional on the status and SEQUENCE it was decided on (<see cref="Booking.ReadAs"/>), and only when it
/// touched the row are the events it raised handed to the subscribers (<see cref="IBookingEventHandler"/>), inside the
/// caller's transaction: a redelivered webhook or a change made meanwhile writes nothing and raises nothing, and a
/// failing subscriber rolls the change back with it. A new booking is inserted by <see cref="BookingWriteSession"/>.
/// </summary>
public sealed class BookingWriter(BookingDb db, IEnumerable<IBookingEventHandler> subscribers)
{
    public async Task<BookingWrite> SaveAsync(Booking booking, CancellationToken ct, ManageToken? token = null)
    {
        if (booking.ReadAs is not { } read)
        {
            return BookingWrite.Applied; // nothing changed
        }

        int updated;
        try
        {
            updated = await db.Bookings
                .Where(b => b.Id == booking.Id && b.Status == read.Status && b.Sequence == read.Sequence)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(b => b.Status, booking.Status)
                        .SetProperty(b => b.SlotId, booking.SlotId)
                        .SetProperty(b => b.HoldExpiresAt, booking.HoldExpiresAt)
                        .SetProperty(b => b.Sequence, booking.Sequence)
                        .SetProperty(b => b.TokenHash, booking.TokenHash)
                        .SetProperty(b => b.CheckedInAt, booking.CheckedInAt)
                        .SetProperty(b => b.UpdatedAt, booking.UpdatedAt),
                    ct);
        }
        catch (Exception e) when ((e as PostgresException ?? e.InnerException as PostgresException)?.Violates(BookingConfiguration.OneActiveBookingPerSlot) == true)
        {
            booking.AcceptChanges();
            return BookingWrite.SlotTaken;
        }

        var events = booking.AcceptChanges();
        if (updated == 0)
        {
            return BookingWrite.ChangedMeanwhile;
        }

        var entry = db.Entry(booking);
        if (entry.State != EntityState.Detached)
        {
            // Written here, not by SaveChanges: what EF tracks is now what the row holds.
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }

        foreach (var bookingEvent in events)
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.HandleAsync(bookingEvent, token, ct);
            }
        }

        await db.SaveChangesAsync(ct); // what the subscribers added (the mails' outbox rows)
        return BookingWrite.Applied;
    }
}
