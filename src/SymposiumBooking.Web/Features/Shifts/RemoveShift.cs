using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;

namespace SymposiumBooking.Web.Features.Shifts;

/// <summary>A shift nobody has booked leaves the schedule, with its slots.</summary>
public sealed record RemoveShift(Guid SymposiumId, Guid TherapistId, Guid ShiftId) : ICommand<Result>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, TherapistId, ShiftId];
}

internal sealed class RemoveShiftHandler(BookingDb db, IClock clock) : ICommandHandler<RemoveShift, Result>
{
    public async ValueTask<Result> Handle(RemoveShift command, CancellationToken cancellationToken)
    {
        var symposium = await db.FindChangeableAsync(command.SymposiumId, clock.GetCurrentInstant(), cancellationToken);
        if (symposium.IsFailure)
        {
            return symposium.Error;
        }

        var shift = await db.Shifts.FirstOrDefaultAsync(
            s => s.Id == command.ShiftId && s.TherapistId == command.TherapistId && s.SymposiumId == command.SymposiumId, cancellationToken);
        if (shift is null)
        {
            return ShiftErrors.NotFound;
        }

        if (await db.HasBookingsAsync(shift.Id, cancellationToken))
        {
            return ShiftErrors.HasBookings;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.Slots.Where(s => s.ShiftId == shift.Id).ExecuteDeleteAsync(cancellationToken);
            db.Shifts.Remove(shift);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e.IsStillReferenced())
        {
            return ShiftErrors.HasBookings;
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Success;
    }
}
