using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>What the organizers' shop tests share: their routes, and orders seeded in states only Stripe could reach.</summary>
public static class OrganizerShopCalls
{
    public const string ProductsPath = "/api/v1/shop/products";

    public static string OrderAction(Guid orderId, string action) => $"{ShopCalls.OrdersPath}/{orderId}/{action}";

    public static Dictionary<string, object?> ProductBody(string? title = null, long price = 4000, int stock = 10, bool onSale = true) => new()
    {
        ["title"] = title ?? $"Guidebook {Guid.NewGuid():N}",
        ["description"] = "Massage for cervical dystonia.",
        ["priceCents"] = price,
        ["currency"] = "usd",
        ["stock"] = stock,
        ["ships"] = true,
        ["pickupAllowed"] = true,
        ["onSale"] = onSale,
    };

    public static readonly ShippingAddress Address = new("Sam Shipper", "12 Elm Street", "Apt 4", "Springfield", "IL", "62701", "US");

    /// <summary>
    /// An order to be posted, as the Checkout webhook leaves it (paid, with the address) when <paramref name="paid"/>,
    /// else still awaiting payment; saved straight to the database (these tests run without Stripe).
    /// </summary>
    public static async Task<Order> ShipOrderAsync(
        this BookingApp app, Product product, int quantity = 1, bool paid = true, string name = "Sam Shipper", Guid? symposiumId = null, bool refunded = false)
    {
        var now = app.Now();
        var order = Order.Place(
            new OrderRequest([(product.Id, quantity)], name, BookingSeed.UniqueEmail("shipper"), Delivery.Ship, PaymentMethod.Online),
            [product], symposiumId, onlineAvailable: true, tokenHash: Guid.NewGuid().ToString("N"), protectedToken: "", now).Value;
        if (paid)
        {
            Assert.True(order.PayOnline("pi_" + Guid.NewGuid().ToString("N"), 800, Address with { Name = name }, now));
        }

        if (refunded)
        {
            Assert.NotEqual(OrderRefund.AlreadyRefunded, order.Refund(now).Value);
        }

        await using var db = app.OpenDb();
        db.Add(order);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return order;
    }

    public static async Task<OrderStatus> OrderStatusAsync(this BookingApp app, Guid orderId)
    {
        await using var db = app.OpenDb();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync(TestContext.Current.CancellationToken);
    }
}
