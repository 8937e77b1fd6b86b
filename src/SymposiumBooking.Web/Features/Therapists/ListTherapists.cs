using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Therapists;

public sealed record ListTherapists(Guid SymposiumId) : IQuery<Result<IReadOnlyList<TherapistView>>>;

internal sealed class ListTherapistsHandler(BookingDb db) : IQueryHandler<ListTherapists, Result<IReadOnlyList<TherapistView>>>
{
    public async ValueTask<Result<IReadOnlyList<TherapistView>>> Handle(ListTherapists query, CancellationToken cancellationToken)
    {
        if (!await db.Symposia.AnyAsync(e => e.Id == query.SymposiumId, cancellationToken))
        {
            return SymposiumErrors.NotFound;
        }

        var therapists = await db.Therapists.AsNoTracking()
            .Where(t => t.SymposiumId == query.SymposiumId)
            .OrderBy(t => t.Name)
            .Select(t => new TherapistView(t.Id, t.Name, t.Email))
            .ToListAsync(cancellationToken);
        return therapists;
    }
}
