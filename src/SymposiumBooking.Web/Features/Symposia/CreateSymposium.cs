using FluentValidation;
using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

public sealed record CreateSymposium(EditionBody Body) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [];
}

public sealed class CreateSymposiumValidator : AbstractValidator<CreateSymposium>
{
    public CreateSymposiumValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new EditionBodyValidator());
}

internal sealed class CreateSymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<CreateSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(CreateSymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var created = SymposiumEdition.Create(command.Body.ToDetails(), now);
        if (created.IsFailure)
        {
            return created.Error;
        }

        if (await db.YearTakenAsync(command.Body.Year, null, cancellationToken))
        {
            return EditionErrors.YearTaken;
        }

        db.Editions.Add(created.Value);
        var saved = await db.SaveEditionAsync(cancellationToken);
        return saved.IsFailure ? saved.Error : SymposiumView.From(created.Value, now);
    }
}
