using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Opening;

public enum DrawPhase
{
    /// <summary>Requests have not opened yet.</summary>
    Waiting,

    /// <summary>Requests are being taken.</summary>
    Open,

    /// <summary>Requests have closed; the draw has not run yet.</summary>
    Closed,

    /// <summary>The draw has run: the seed and its inputs and allocations are published.</summary>
    Drawn,
}

/// <summary>
/// The draw as anyone may see it (docs/fair-opening.md): from the start the commitment (SHA-256 of the secret seed)
/// and the number of requests; after the draw the seed, the free slots and the requests it ran on (pseudonymous ids and
/// choices only) and every allocation, in the order served.
/// </summary>
public sealed record DrawView(
    Guid SymposiumId,
    DrawPhase Phase,
    string Commitment,
    Instant CommittedAt,
    Instant RequestsOpenAt,
    Instant RequestsCloseAt,
    Instant FirstComeOpensAt,
    int MaxChoices,
    int RequestCount,
    Instant? DrawnAt,
    string? Seed,
    int? AllocatedCount,
    IReadOnlyList<PublishedSlot>? Slots,
    IReadOnlyList<PublishedRequest>? Requests,
    IReadOnlyList<PublishedAllocation>? Allocations);

/// <summary>The draw of a published symposium that opens by draw; 404 <c>draw.not_found</c> for any other.</summary>
public sealed record GetDraw(Guid SymposiumId) : IQuery<Result<DrawView>>;

internal sealed class GetDrawHandler(BookingDb db, IClock clock) : IQueryHandler<GetDraw, Result<DrawView>>
{
    public static readonly Error NotFound = new("draw.not_found", ErrorKind.NotFound, "This symposium does not open by draw.");

    public async ValueTask<Result<DrawView>> Handle(GetDraw query, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        var draw = await db.Draws.AsNoTracking().FirstOrDefaultAsync(d => d.SymposiumId == query.SymposiumId, cancellationToken);
        if (found.IsFailure || found.Value.Status == SymposiumStatus.Draft || found.Value.Policy is not { Draw: { } opening } policy || draw is null)
        {
            return NotFound;
        }

        var published = draw.Published is { } json ? PublishedDraw.FromJson(json) : null;
        var count = draw.RequestCount ?? await db.DrawRequests.CountAsync(
            r => r.SymposiumId == query.SymposiumId && r.Status != DrawRequestStatus.Withdrawn, cancellationToken);
        return View(draw, policy, opening, count, published, now);
    }

    /// <summary>The view of <paramref name="draw"/>; RunDraw answers with it too, from what it has just written.</summary>
    internal static DrawView View(SymposiumDraw draw, BookingPolicy policy, DrawOpening opening, int requestCount, PublishedDraw? published, Instant now)
    {
        var phase = draw.HasRun ? DrawPhase.Drawn
            : now < opening.RequestsOpenAt ? DrawPhase.Waiting
            : opening.TakesRequestsAt(now) ? DrawPhase.Open
            : DrawPhase.Closed;
        return new DrawView(
            draw.SymposiumId, phase, draw.Commitment, draw.CommittedAt, opening.RequestsOpenAt, opening.RequestsCloseAt, policy.BookingOpensAt,
            opening.MaxChoices, requestCount, draw.DrawnAt, draw.Seed, draw.AllocatedCount, published?.Slots, published?.Requests, published?.Allocations);
    }
}
