using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>Online orders as the payment tests make and read them.</summary>
public static class OrderPaymentCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An online order of <paramref name="quantity"/> copies, awaiting payment; its id.</summary>
    public static async Task<Guid> OrderOnlineAsync(this HttpClient client, Guid productId, int quantity = 1, string delivery = "pickup") =>
        Guid.Parse((await client.OrderOkAsync(OrderBody(productId, quantity, delivery, payment: "online"))).Id());

    public static async Task<Order> OrderRowAsync(this BookingApp app, Guid orderId)
    {
        await using var db = app.OpenDb();
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, Ct);
    }

    public static async Task<int> StockAsync(this BookingApp app, Guid productId)
    {
        await using var db = app.OpenDb();
        return await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(Ct);
    }

    /// <summary>How many mails of <paramref name="type"/> the outbox holds for the order.</summary>
    public static async Task<int> OrderMailsAsync(this BookingApp app, Guid orderId, string type)
    {
        await using var db = app.OpenDb();
        return await db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE type = {type} AND payload->>'orderId' = {orderId.ToString()}")
            .SingleAsync(Ct);
    }

    public static Task<HttpResponseMessage> RefundOrderAsync(this HttpClient organizer, Guid orderId) =>
        organizer.PostAsync($"{OrdersPath}/{orderId}/refund", null, Ct);

    /// <summary>Stripe refund requests made for the order (idempotency key <c>refund-order-{id}</c>), replays included.</summary>
    public static int OrderRefundCalls(this StripeApp app, Guid orderId) =>
        app.Stripe.RequestsTo("POST", "/v1/refunds").Count(r => r.IdempotencyKey == $"refund-order-{orderId}");
}
