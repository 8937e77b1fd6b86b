using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>
/// Takes a published symposium back to a draft (a mistaken or demo symposium comes down this way). The symposium's row
/// is locked first: bookings still being written finish before the check, and no new one can start, since booking
/// must already be closed.
/// </summary>
public sealed record UnpublishSymposium(Guid Id) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

internal sealed class UnpublishSymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<UnpublishSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(UnpublishSymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.FindLockedAsync(command.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var changeable = symposium.EnsureChangeable(now);
        if (changeable.IsFailure)
        {
            return changeable.Error;
        }

        var active = (await db.Bookings.AsNoTracking()
                .Where(b => b.SymposiumId == symposium.Id && BookingStatuses.HoldingSlot.Contains(b.Status))
                .ToListAsync(cancellationToken))
            .Any(b => b.HoldsSlotAt(now));
        var unpublished = symposium.Unpublish(now, active);
        if (unpublished.IsFailure)
        {
            return unpublished.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SymposiumView.From(symposium, now);
    }
}
