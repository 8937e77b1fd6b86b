using FluentValidation;
using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

public sealed record CreateSymposium(SymposiumBody Body) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [];
}

public sealed class CreateSymposiumValidator : AbstractValidator<CreateSymposium>
{
    public CreateSymposiumValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new SymposiumBodyValidator());
}

internal sealed class CreateSymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<CreateSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(CreateSymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var created = Symposium.Create(command.Body.ToDetails(), now);
        if (created.IsFailure)
        {
            return created.Error;
        }

        if (await db.YearTakenAsync(command.Body.Year, null, cancellationToken))
        {
            return SymposiumErrors.YearTaken;
        }

        db.Symposia.Add(created.Value);
        var saved = await db.SaveSymposiumAsync(cancellationToken);
        return saved.IsFailure ? saved.Error : SymposiumView.From(created.Value, now);
    }
}
