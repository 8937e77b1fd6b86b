using Mediator;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>The buyer's order, opened with its link's token (header <c>X-Order-Token</c>).</summary>
public sealed record GetOrder(Guid OrderId, string? Token) : IQuery<Result<OrderView>>;

internal sealed class GetOrderHandler(BookingDb db) : IQueryHandler<GetOrder, Result<OrderView>>
{
    public async ValueTask<Result<OrderView>> Handle(GetOrder query, CancellationToken cancellationToken)
    {
        var found = await db.FindWithTokenAsync(query.OrderId, query.Token, cancellationToken);
        return found.IsFailure ? found.Error : OrderView.From(found.Value);
    }
}
