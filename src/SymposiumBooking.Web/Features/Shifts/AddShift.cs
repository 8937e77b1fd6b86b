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

/// <summary>A therapist's working block on one day, and the slots it yields in the venue's time zone.</summary>
public sealed record AddShift(Guid SymposiumId, Guid TherapistId, ShiftBody Body) : ICommand<Result<ShiftView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, TherapistId];
}

public sealed class AddShiftValidator : AbstractValidator<AddShift>
{
    public AddShiftValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new ShiftBodyValidator());
}

internal sealed class AddShiftHandler(BookingDb db, IClock clock) : ICommandHandler<AddShift, Result<ShiftView>>
{
    public async ValueTask<Result<ShiftView>> Handle(AddShift command, CancellationToken cancellationToken)
    {
        var context = await db.FindTherapistAsync(command.SymposiumId, command.TherapistId, clock.GetCurrentInstant(), cancellationToken);
        if (context.IsFailure)
        {
            return context.Error;
        }

        var (symposium, therapist) = context.Value;
        var plan = command.Body.ToPlan();
        var planned = await db.PlanAsync(context.Value, plan, replacing: null, cancellationToken);
        if (planned.IsFailure)
        {
            return planned.Error;
        }

        var shift = Shift.Create(symposium.Id, therapist.Id, plan, command.Body.Location);
        var slots = shift.CreateSlots(symposium.Zone).ToList();
        db.Shifts.Add(shift);
        db.Slots.AddRange(slots);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.Violates(SlotConfiguration.NoOverlap))
        {
            return ShiftErrors.Overlaps; // a concurrent request gave the therapist the same hours
        }

        return ShiftPlanning.View(shift, slots, therapist.Name, symposium.Zone);
    }
}
