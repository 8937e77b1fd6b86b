using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;

namespace SymposiumBooking.Web.Features.Shifts;

/// <summary>New times or pattern for a shift nobody has booked: its slots are generated anew.</summary>
public sealed record ChangeShift(Guid SymposiumId, Guid TherapistId, Guid ShiftId, ShiftBody Body) : ICommand<Result<ShiftView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, TherapistId, ShiftId];
}

public sealed class ChangeShiftValidator : AbstractValidator<ChangeShift>
{
    public ChangeShiftValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new ShiftBodyValidator());
}

internal sealed class ChangeShiftHandler(BookingDb db, IClock clock) : ICommandHandler<ChangeShift, Result<ShiftView>>
{
    public async ValueTask<Result<ShiftView>> Handle(ChangeShift command, CancellationToken cancellationToken)
    {
        var context = await db.FindTherapistAsync(command.SymposiumId, command.TherapistId, clock.GetCurrentInstant(), cancellationToken);
        if (context.IsFailure)
        {
            return context.Error;
        }

        var (symposium, therapist) = context.Value;
        var shift = await db.Shifts.FirstOrDefaultAsync(s => s.Id == command.ShiftId && s.TherapistId == therapist.Id, cancellationToken);
        if (shift is null)
        {
            return ShiftErrors.NotFound;
        }

        if (await db.HasBookingsAsync(shift.Id, cancellationToken))
        {
            return ShiftErrors.HasBookings;
        }

        var plan = command.Body.ToPlan();
        var planned = await db.PlanAsync(context.Value, plan, replacing: shift.Id, cancellationToken);
        if (planned.IsFailure)
        {
            return planned.Error;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<Slot> slots;
        try
        {
            await db.Slots.Where(s => s.ShiftId == shift.Id).ExecuteDeleteAsync(cancellationToken);
            shift.Change(plan, command.Body.Location);
            slots = [.. shift.CreateSlots(symposium.Zone)];
            db.Slots.AddRange(slots);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e.IsStillReferenced())
        {
            return ShiftErrors.HasBookings; // booked between the check and the delete
        }
        catch (DbUpdateException e) when (e.Violates(SlotConfiguration.NoOverlap))
        {
            return ShiftErrors.Overlaps;
        }

        await transaction.CommitAsync(cancellationToken);
        return ShiftPlanning.View(shift, slots, therapist.Name, symposium.Zone);
    }
}
