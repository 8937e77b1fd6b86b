using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>New details for a symposium that has not ended; its shifts must still fit its dates.</summary>
public sealed record EditSymposium(Guid Id, SymposiumBody Body) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

public sealed class EditSymposiumValidator : AbstractValidator<EditSymposium>
{
    public EditSymposiumValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new SymposiumBodyValidator());
}

internal sealed class EditSymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<EditSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(EditSymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindAsync(command.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var dates = await db.Shifts.Where(s => s.SymposiumId == symposium.Id)
            .GroupBy(_ => 1)
            .Select(g => new { First = g.Min(s => s.Date), Last = g.Max(s => s.Date) })
            .FirstOrDefaultAsync(cancellationToken);
        var edited = symposium.Edit(command.Body.ToDetails(), now, dates is null ? null : new ShiftSpan(dates.First, dates.Last));
        if (edited.IsFailure)
        {
            return edited.Error;
        }

        if (await db.YearTakenAsync(command.Body.Year, symposium.Id, cancellationToken))
        {
            return SymposiumErrors.YearTaken;
        }

        var saved = await db.SaveSymposiumAsync(cancellationToken);
        return saved.IsFailure ? saved.Error : SymposiumView.From(symposium, now);
    }
}
