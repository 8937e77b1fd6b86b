using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Therapists;

public sealed record ListTherapists(Guid EditionId) : IQuery<Result<IReadOnlyList<TherapistView>>>;

internal sealed class ListTherapistsHandler(BookingDb db) : IQueryHandler<ListTherapists, Result<IReadOnlyList<TherapistView>>>
{
    public async ValueTask<Result<IReadOnlyList<TherapistView>>> Handle(ListTherapists query, CancellationToken cancellationToken)
    {
        if (!await db.Editions.AnyAsync(e => e.Id == query.EditionId, cancellationToken))
        {
            return EditionErrors.NotFound;
        }

        var therapists = await db.Therapists.AsNoTracking()
            .Where(t => t.EditionId == query.EditionId)
            .OrderBy(t => t.Name)
            .Select(t => new TherapistView(t.Id, t.Name, t.Email))
            .ToListAsync(cancellationToken);
        return therapists;
    }
}
