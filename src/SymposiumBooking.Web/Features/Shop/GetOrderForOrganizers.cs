using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>One order as organizers see it on its page (/organize/shop/orders/{id}): no token needed.</summary>
public sealed record GetOrderForOrganizers(Guid OrderId) : IQuery<Result<OrderView>>;

internal sealed class GetOrderForOrganizersHandler(BookingDb db) : IQueryHandler<GetOrderForOrganizers, Result<OrderView>>
{
    public async ValueTask<Result<OrderView>> Handle(GetOrderForOrganizers query, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.OrderId, cancellationToken);
        return order is null ? ShopErrors.OrderNotFound : OrderView.From(order);
    }
}
