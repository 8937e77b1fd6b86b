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

/// <summary>The slots a shift would yield, without saving anything (the setup page's live preview).</summary>
public sealed record PreviewShift(Guid SymposiumId, Guid TherapistId, ShiftBody Body) : IQuery<Result<ShiftPreview>>;

public sealed class PreviewShiftValidator : AbstractValidator<PreviewShift>
{
    public PreviewShiftValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new ShiftBodyValidator());
}

internal sealed class PreviewShiftHandler(BookingDb db, IClock clock) : IQueryHandler<PreviewShift, Result<ShiftPreview>>
{
    public async ValueTask<Result<ShiftPreview>> Handle(PreviewShift query, CancellationToken cancellationToken)
    {
        var context = await db.FindTherapistAsync(query.SymposiumId, query.TherapistId, clock.GetCurrentInstant(), cancellationToken);
        if (context.IsFailure)
        {
            return context.Error;
        }

        var planned = await db.PlanAsync(context.Value, query.Body.ToPlan(), replacing: null, cancellationToken);
        if (planned.IsFailure)
        {
            return planned.Error;
        }

        var zone = context.Value.Symposium.Zone;
        return new ShiftPreview([.. planned.Value.Select(s => new PlannedSlot(ApiFormat.Local(s.StartsAt, zone), ApiFormat.Local(s.EndsAt, zone)))]);
    }
}
