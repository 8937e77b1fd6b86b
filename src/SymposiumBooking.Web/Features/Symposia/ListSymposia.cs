using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>Every symposium, newest year first.</summary>
public sealed record ListSymposia : IQuery<IReadOnlyList<SymposiumView>>;

internal sealed class ListSymposiaHandler(BookingDb db, IClock clock) : IQueryHandler<ListSymposia, IReadOnlyList<SymposiumView>>
{
    public async ValueTask<IReadOnlyList<SymposiumView>> Handle(ListSymposia query, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var symposia = await db.Symposia.AsNoTracking().OrderByDescending(e => e.Year).ToListAsync(cancellationToken);
        return [.. symposia.Select(e => SymposiumView.From(e, now))];
    }
}

public sealed record GetSymposium(Guid Id) : IQuery<Result<SymposiumView>>;

internal sealed class GetSymposiumHandler(BookingDb db, IClock clock) : IQueryHandler<GetSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(GetSymposium query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.Id, cancellationToken);
        return found.IsFailure ? found.Error : SymposiumView.From(found.Value, clock.GetCurrentInstant());
    }
}
