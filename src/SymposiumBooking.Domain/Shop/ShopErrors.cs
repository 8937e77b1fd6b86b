using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Shop;

/// <summary>The shop's refusals; their codes are in docs/api.md ("Shop").</summary>
public static class ShopErrors
{
    public static Error Invalid(string field, string message) => Error.Invalid("request.invalid", field, message);

    public static readonly Error ProductNotFound =
        new("shop.product_not_found", ErrorKind.NotFound, "There is no such product.");

    public static readonly Error UnknownProduct =
        new("shop.unknown_product", ErrorKind.Rule, "One of the products is not on sale. Please reload the page and choose again.")
        { Fields = new Dictionary<string, string[]> { ["items"] = ["One of the products is not on sale."] } };

    public static readonly Error SoldOut =
        new("shop.sold_out", ErrorKind.Conflict, "Sorry: there are not that many copies left. Nothing was ordered; try fewer copies.");

    public static Error CannotShip(string title) =>
        new("shop.cannot_ship", ErrorKind.Rule, $"“{title}” cannot be posted; choose pickup at the symposium's table.")
        { Fields = new Dictionary<string, string[]> { ["delivery"] = [$"“{title}” cannot be posted."] } };

    public static Error NoPickup(string title) =>
        new("shop.pickup_not_offered", ErrorKind.Rule, $"“{title}” cannot be picked up at the table; choose shipping.")
        { Fields = new Dictionary<string, string[]> { ["delivery"] = [$"“{title}” cannot be picked up at the table."] } };

    public static readonly Error MixedCurrencies =
        new("shop.mixed_currencies", ErrorKind.Rule, "These products are priced in different currencies: order them separately.");

    public static readonly Error ShipPaysOnline =
        new("shop.ship_pays_online", ErrorKind.Rule, "A posted order is paid online. To pay at the table, choose pickup.")
        { Fields = new Dictionary<string, string[]> { ["payment"] = ["A posted order is paid online."] } };

    public static readonly Error PickupUnavailable =
        new("shop.pickup_unavailable", ErrorKind.Rule, "No symposium is coming up to pick the order up at; please choose shipping.")
        { Fields = new Dictionary<string, string[]> { ["delivery"] = ["No symposium is coming up to pick the order up at."] } };

    public static readonly Error ProductHasOrders =
        new("shop.product_has_orders", ErrorKind.Conflict, "Orders name this product, so it is kept for them: take it off sale instead of deleting it.");

    public static readonly Error OrderNotFound =
        new("shop.order_not_found", ErrorKind.NotFound, "There is no such order, or this link is not its own.");

    public static readonly Error NotPaid =
        new("shop.not_paid", ErrorKind.Conflict, "This order is not paid (or was refunded), so it cannot be handed over or refunded.");

    public static readonly Error NotReserved =
        new("shop.not_reserved", ErrorKind.Conflict, "This order is not a reservation waiting for payment at the table.");

    public static readonly Error NotForShipping =
        new("shop.not_for_shipping", ErrorKind.Conflict, "This order is picked up at the table, not posted.");

    public static readonly Error NotForPickup =
        new("shop.not_for_pickup", ErrorKind.Conflict, "This order is posted, not picked up at the table.");
}
