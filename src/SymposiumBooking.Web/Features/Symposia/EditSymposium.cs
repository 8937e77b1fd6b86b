using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

public sealed record EditSymposium(
    Guid Id,
    int Year,
    string City,
    string VenueName,
    string VenueAddress,
    string TimeZone,
    string StartDate,
    string EndDate,
    string Currency,
    long? ReducedRateCents,
    long? StandardRateCents) : ICommand<Result<SymposiumView>>, IEditionFields
{
    public static EditSymposium From(Guid id, EditionBody b) => new(
        id, b.Year, b.City, b.VenueName, b.VenueAddress, b.TimeZone, b.StartDate, b.EndDate, b.Currency, b.ReducedRateCents, b.StandardRateCents);
}

public sealed class EditSymposiumValidator : AbstractValidator<EditSymposium>
{
    public EditSymposiumValidator() => this.AddEditionRules();
}

internal sealed class EditSymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<EditSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(EditSymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindAsync(command.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error!;
        }

        var edition = found.Value;
        var dates = await db.Shifts.Where(s => s.EditionId == edition.Id)
            .GroupBy(_ => 1)
            .Select(g => new { First = g.Min(s => s.Date), Last = g.Max(s => s.Date) })
            .FirstOrDefaultAsync(cancellationToken);
        var edited = edition.Edit(command.ToDetails(), now, dates is null ? null : new ShiftSpan(dates.First, dates.Last));
        if (edited.IsFailure)
        {
            return edited.Error!;
        }

        if (await db.YearTakenAsync(command.Year, edition.Id, cancellationToken))
        {
            return EditionErrors.YearTaken;
        }

        var saved = await db.SaveEditionAsync(cancellationToken);
        return saved.IsFailure ? saved.Error! : SymposiumView.From(edition, now);
    }
}
