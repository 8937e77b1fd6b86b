using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>The attendee looks at their request with its token: their choices, and after the draw what it gave.</summary>
public sealed record GetDrawRequest(Guid Id, string? Token) : IQuery<Result<DrawRequestView>>;

internal sealed class GetDrawRequestHandler(BookingDb db, IClock clock) : IQueryHandler<GetDrawRequest, Result<DrawRequestView>>
{
    public async ValueTask<Result<DrawRequestView>> Handle(GetDrawRequest query, CancellationToken cancellationToken)
    {
        var found = await db.FindWithTokenAsync(query.Id, query.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = await db.FindAsync(found.Value.SymposiumId, cancellationToken);
        return await DrawRequests.ViewAsync(db, found.Value, symposium.Value, clock.GetCurrentInstant(), null, cancellationToken);
    }
}
