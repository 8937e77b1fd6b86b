using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

public sealed record EditSymposium(Guid Id, EditionBody Body) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

public sealed class EditSymposiumValidator : AbstractValidator<EditSymposium>
{
    public EditSymposiumValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new EditionBodyValidator());
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

        var edition = found.Value;
        var dates = await db.Shifts.Where(s => s.EditionId == edition.Id)
            .GroupBy(_ => 1)
            .Select(g => new { First = g.Min(s => s.Date), Last = g.Max(s => s.Date) })
            .FirstOrDefaultAsync(cancellationToken);
        var edited = edition.Edit(command.Body.ToDetails(), now, dates is null ? null : new ShiftSpan(dates.First, dates.Last));
        if (edited.IsFailure)
        {
            return edited.Error;
        }

        if (await db.YearTakenAsync(command.Body.Year, edition.Id, cancellationToken))
        {
            return EditionErrors.YearTaken;
        }

        var saved = await db.SaveEditionAsync(cancellationToken);
        return saved.IsFailure ? saved.Error : SymposiumView.From(edition, now);
    }
}
