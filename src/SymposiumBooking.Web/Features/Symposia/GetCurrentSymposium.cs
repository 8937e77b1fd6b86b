using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>
/// The published symposium attendees should see: the earliest one that has not ended yet in its own zone,
/// or else the latest one that has.
/// </summary>
public sealed record GetCurrentSymposium : IQuery<Result<SymposiumView>>;

internal sealed class GetCurrentSymposiumHandler(BookingDb db, IClock clock)
    : IQueryHandler<GetCurrentSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(GetCurrentSymposium query, CancellationToken cancellationToken)
    {
        var published = await db.Symposia.AsNoTracking()
            .Where(e => e.Status == SymposiumStatus.Published)
            .OrderBy(e => e.StartDate)
            .ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var current = published.FirstOrDefault(e => e.EndDate >= now.InZone(e.Zone).Date) ?? published.LastOrDefault();
        return current is null ? SymposiumErrors.NoCurrent : SymposiumView.From(current, now);
    }
}
