using Mediator;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// Unpaid online holds that ran out give their slot back (sent by <see cref="HousekeepingWorker"/>): each is expired
/// on the booking and written by <see cref="BookingWriter"/>, whose <c>SlotFreed</c> offers the slot to the waitlist,
/// all in one transaction. Answers how many holds were released.
/// </summary>
public sealed record ReleaseLapsedHolds : ICommand<int>;

internal sealed class ReleaseLapsedHoldsHandler(BookingDb db, BookingWriter writer, IClock clock) : ICommandHandler<ReleaseLapsedHolds, int>
{
    public async ValueTask<int> Handle(ReleaseLapsedHolds command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var released = 0;
        foreach (var hold in await Holds.LockLapsedAsync(db, now, null, cancellationToken))
        {
            if (hold.ExpireHold(now) && await writer.SaveAsync(hold, cancellationToken) == BookingWrite.Applied)
            {
                released++;
            }
        }

        await tx.CommitAsync(cancellationToken);
        return released;
    }
}
