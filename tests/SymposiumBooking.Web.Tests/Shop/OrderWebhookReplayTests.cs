using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>
/// Many signed deliveries about many orders — with a third redelivered — in shuffled order from four concurrent
/// posters: every order ends where its events say, with one receipt at most, one refund at most, and the stock right.
/// </summary>
public sealed class OrderWebhookReplayTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shuffled_duplicated_deliveries_over_many_orders_leave_each_order_right_with_one_receipt_and_at_most_one_refund()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 200);
        var scarce = await app.GuidebookAsync(stock: 10);
        var client = app.CreateClient();

        // Late payers of the scarce book: their sessions expire, the copies sell at the table, then "completed" comes.
        var late = await OrdersAsync(client, scarce.Id, 5, quantity: 2);
        foreach (var o in late)
        {
            await app.DeliverAsync(client, app.Event("checkout.session.expired", app.Stripe.ExpireOrder(o)));
        }

        for (var i = 0; i < 5; i++)
        {
            await client.OrderOkAsync(OrderBody(scarce.Id, quantity: 2));
        }

        var paid = await OrdersAsync(client, book.Id, 25);
        var shipped = await OrdersAsync(client, book.Id, 15, delivery: "ship");
        var expired = await OrdersAsync(client, book.Id, 20, quantity: 2);
        var refundedAtStripe = await OrdersAsync(client, book.Id, 10);

        var events = new List<string>();
        foreach (var o in paid)
        {
            var session = app.Stripe.PayOrder(o);
            events.Add(app.Event("checkout.session.completed", session));
            events.Add(app.Event("charge.succeeded", new JsonObject { ["id"] = $"ch_{o:N}", ["object"] = "charge", ["refunded"] = false }));
        }

        foreach (var o in shipped)
        {
            events.Add(app.Event("checkout.session.completed", app.Stripe.PayOrder(o, rate: 1, country: "GB")));
        }

        foreach (var o in expired)
        {
            events.Add(app.Event("checkout.session.expired", app.Stripe.ExpireOrder(o)));
        }

        foreach (var o in late)
        {
            events.Add(app.Event("checkout.session.completed", app.Stripe.PayOrder(o)));
        }

        foreach (var o in refundedAtStripe)
        {
            events.Add(app.Event("checkout.session.completed", app.Stripe.PayOrder(o)));
            events.Add(app.Event("charge.refunded", app.Stripe.RefundOrderInDashboard(o)));
        }

        var random = new Random(2029);
        var deliveries = events.Concat(Enumerable.Range(0, events.Count / 3).Select(_ => events[random.Next(events.Count)])).ToArray();
        random.Shuffle(deliveries);
        var outcomes = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (payload, _) =>
            outcomes.Add(await app.DeliverAsync(client, payload)));

        Assert.Equal(events.Count / 3, outcomes.Count(o => o == "duplicate"));
        await using var db = app.OpenDb();
        var orders = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id, Ct);
        var mails = await MailsAsync(db);
        Assert.All(paid, o => Assert.Equal((OrderStatus.Paid, 1), (orders[o].Status, mails.GetValueOrDefault((o, OutboxTypes.OrderReceipt)))));
        Assert.All(shipped, o => Assert.Equal((OrderStatus.Paid, 5500L, "GB", 1), (orders[o].Status, orders[o].TotalCents, orders[o].ShipTo?.Country,
            mails.GetValueOrDefault((o, OutboxTypes.OrderReceipt)))));
        Assert.All(expired, o => Assert.Equal((OrderStatus.Expired, 0), (orders[o].Status, mails.GetValueOrDefault((o, OutboxTypes.OrderReceipt)))));
        Assert.All(late, o => Assert.Equal((OrderStatus.Refunded, 1, 0, 1), (orders[o].Status, app.OrderRefundCalls(o),
            mails.GetValueOrDefault((o, OutboxTypes.OrderReceipt)), mails.GetValueOrDefault((o, OutboxTypes.OrderRefunded)))));
        Assert.All(refundedAtStripe, o =>
        {
            Assert.Equal((OrderStatus.Refunded, 0, 1), (orders[o].Status, app.OrderRefundCalls(o), mails.GetValueOrDefault((o, OutboxTypes.OrderRefunded))));
            Assert.InRange(mails.GetValueOrDefault((o, OutboxTypes.OrderReceipt)), 0, 1); // 1 when "completed" came first
        });

        // Held and sold copies: 25 paid + 15 shipped; the expired and the refunded gave theirs back. The scarce book stays sold out.
        Assert.Equal((200 - 25 - 15, 0), (await app.StockAsync(book.Id), await app.StockAsync(scarce.Id)));
    }

    private static async Task<List<Guid>> OrdersAsync(HttpClient client, Guid productId, int count, int quantity = 1, string delivery = "pickup")
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await client.OrderOnlineAsync(productId, quantity, delivery));
        }

        return ids;
    }

    private static async Task<Dictionary<(Guid Order, string Type), int>> MailsAsync(BookingDb db)
    {
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Type.StartsWith("mail.order")).Select(o => new { o.Type, o.Payload }).ToListAsync(Ct);
        return rows
            .GroupBy(r => (Guid.Parse(JsonNode.Parse(r.Payload)!["orderId"]!.GetValue<string>()), r.Type))
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
