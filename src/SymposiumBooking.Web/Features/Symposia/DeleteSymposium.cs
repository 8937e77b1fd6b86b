using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>
/// Deletes a draft with its therapists, shifts, slots and waitlist. A symposium that ever had a booking (a cancelled one
/// too) is kept as a record: the bookings' foreign key refuses the delete, whatever was read before it.
/// </summary>
public sealed record DeleteSymposium(Guid Id) : ICommand<Result>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

internal sealed class DeleteSymposiumHandler(BookingDb db) : ICommandHandler<DeleteSymposium, Result>
{
    public async ValueTask<Result> Handle(DeleteSymposium command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.FindLockedAsync(command.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var deletable = symposium.EnsureDeletable();
        if (deletable.IsFailure)
        {
            return deletable.Error;
        }

        if (await db.Bookings.AnyAsync(b => b.SymposiumId == symposium.Id, cancellationToken))
        {
            return SymposiumErrors.HasBookingHistory;
        }

        try
        {
            // Children first: shifts and slots also point at their therapist, with no cascade from it.
            await db.WaitlistEntries.Where(w => w.SymposiumId == symposium.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Slots.Where(s => s.SymposiumId == symposium.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Shifts.Where(s => s.SymposiumId == symposium.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Therapists.Where(t => t.SymposiumId == symposium.Id).ExecuteDeleteAsync(cancellationToken);
            db.Symposia.Remove(symposium);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e.IsStillReferenced())
        {
            return SymposiumErrors.HasBookingHistory;
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Success;
    }
}
