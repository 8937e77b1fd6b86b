using Mediator;
using NodaTime;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// Where an order placed now is picked up: this year's symposium (<see cref="Orders.ThisYearsAsync"/>), the same one
/// <see cref="PlaceOrder"/> gives the order; null when none is coming, and then only shipping is offered.
/// </summary>
public sealed record GetPickupSymposium : IQuery<SymposiumView?>;

internal sealed class GetPickupSymposiumHandler(BookingDb db, IClock clock) : IQueryHandler<GetPickupSymposium, SymposiumView?>
{
    public async ValueTask<SymposiumView?> Handle(GetPickupSymposium query, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return await Orders.ThisYearsAsync(db, now, cancellationToken) is { } symposium ? SymposiumView.From(symposium, now) : null;
    }
}
