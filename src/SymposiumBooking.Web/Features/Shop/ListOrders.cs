using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>Which orders an organizer lists; the API names them as <see cref="Name"/> (docs/api.md, "Shop").</summary>
public sealed record OrderFilter(string Name, string Label)
{
    /// <summary>Paid, posted, not yet shipped: the labels to print.</summary>
    public static readonly OrderFilter ToShip = new("toShip", "To ship");

    public static readonly OrderFilter Shipped = new("shipped", "Shipped");

    /// <summary>Pickups reserved (to pay at the table) or paid, not yet collected.</summary>
    public static readonly OrderFilter ToPickUp = new("toPickUp", "To pick up");

    public static readonly OrderFilter PickedUp = new("pickedUp", "Picked up");

    public static readonly OrderFilter Refunded = new("refunded", "Refunded");

    /// <summary>Every order, also those awaiting payment online, expired or cancelled.</summary>
    public static readonly OrderFilter All = new("all", "All orders");

    public static readonly IReadOnlyList<OrderFilter> Each = [ToShip, ToPickUp, Shipped, PickedUp, Refunded, All];

    /// <summary>The filter named <paramref name="name"/> (any case); none named is <see cref="All"/>.</summary>
    public static Result<OrderFilter> Parse(string? name) =>
        string.IsNullOrEmpty(name) ? All
        : Each.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { } filter ? filter
        : ShopErrors.Invalid("filter", $"The filter is one of {string.Join(", ", Each.Select(f => f.Name))}.");

    public IQueryable<Order> Apply(IQueryable<Order> orders) => Name switch
    {
        "toShip" => orders.Where(o => o.Delivery == Delivery.Ship && o.Status == OrderStatus.Paid),
        "shipped" => orders.Where(o => o.Status == OrderStatus.Shipped),
        "toPickUp" => orders.Where(o => o.Delivery == Delivery.Pickup && (o.Status == OrderStatus.Reserved || o.Status == OrderStatus.Paid)),
        "pickedUp" => orders.Where(o => o.Status == OrderStatus.PickedUp),
        "refunded" => orders.Where(o => o.Status == OrderStatus.Refunded),
        _ => orders,
    };
}

/// <summary>The shop's orders for organizers (<c>GET /api/v1/shop/orders?filter=…</c>), newest first.</summary>
public sealed record ListOrders(string? Filter = null) : IQuery<Result<IReadOnlyList<OrderView>>>;

internal sealed class ListOrdersHandler(BookingDb db) : IQueryHandler<ListOrders, Result<IReadOnlyList<OrderView>>>
{
    public async ValueTask<Result<IReadOnlyList<OrderView>>> Handle(ListOrders query, CancellationToken cancellationToken)
    {
        var filter = OrderFilter.Parse(query.Filter);
        if (filter.IsFailure)
        {
            return filter.Error;
        }

        var orders = await filter.Value.Apply(db.Orders.AsNoTracking()).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .ToListAsync(cancellationToken);
        return orders.Select(o => OrderView.From(o)).ToList();
    }
}
