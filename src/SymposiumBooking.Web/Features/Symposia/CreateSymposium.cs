using FluentValidation;
using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

public sealed record CreateSymposium(
    int Year,
    string City,
    string VenueName,
    string VenueAddress,
    string TimeZone,
    string StartDate,
    string EndDate,
    string Currency,
    long? ReducedRateCents,
    long? StandardRateCents) : ICommand<Result<SymposiumView>>, IEditionFields;

public sealed class CreateSymposiumValidator : AbstractValidator<CreateSymposium>
{
    public CreateSymposiumValidator() => this.AddEditionRules();
}

internal sealed class CreateSymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<CreateSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(CreateSymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var created = SymposiumEdition.Create(command.ToDetails(), now);
        if (created.IsFailure)
        {
            return created.Error!;
        }

        if (await db.YearTakenAsync(command.Year, null, cancellationToken))
        {
            return EditionErrors.YearTaken;
        }

        db.Editions.Add(created.Value);
        var saved = await db.SaveEditionAsync(cancellationToken);
        return saved.IsFailure ? saved.Error! : SymposiumView.From(created.Value, now);
    }
}
