using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Therapists;

/// <summary>Takes a therapist off a symposium with their shifts and slots, unless anyone ever booked one of them.</summary>
public sealed record RemoveTherapist(Guid SymposiumId, Guid TherapistId) : ICommand<Result>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, TherapistId];
}

internal sealed class RemoveTherapistHandler(BookingDb db, IClock clock) : ICommandHandler<RemoveTherapist, Result>
{
    public async ValueTask<Result> Handle(RemoveTherapist command, CancellationToken cancellationToken)
    {
        var symposium = await db.FindChangeableAsync(command.SymposiumId, clock.GetCurrentInstant(), cancellationToken);
        if (symposium.IsFailure)
        {
            return symposium.Error;
        }

        var therapist = await db.Therapists.FirstOrDefaultAsync(
            t => t.Id == command.TherapistId && t.SymposiumId == command.SymposiumId, cancellationToken);
        if (therapist is null)
        {
            return TherapistErrors.NotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var slots = db.Slots.Where(s => s.TherapistId == therapist.Id);
        // Even a cancelled booking keeps its slot as a record, so any booking at all blocks removal.
        if (await db.Bookings.AnyAsync(b => slots.Any(s => s.Id == b.SlotId), cancellationToken))
        {
            return TherapistErrors.HasBookings;
        }

        try
        {
            await slots.ExecuteDeleteAsync(cancellationToken);
            await db.Shifts.Where(s => s.TherapistId == therapist.Id).ExecuteDeleteAsync(cancellationToken);
            db.Therapists.Remove(therapist);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e.IsStillReferenced())
        {
            return TherapistErrors.HasBookings; // booked between the check and the delete
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Success;
    }
}
