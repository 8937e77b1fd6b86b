using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>
/// Orders paid online through the bookings' payment machinery: the Checkout Session made with the order, Stripe's
/// events in every order they may come, the sweep of lapsed orders, and the organizer's one refund.
/// </summary>
public sealed class OrderPaymentTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Product Book, Guid Order, HttpClient Client)> OnlineAsync(int stock = 5, int quantity = 1, string delivery = "pickup")
    {
        await app.ScheduleAsync(); // a symposium to pick up at
        var book = await app.GuidebookAsync(stock);
        var client = app.CreateClient();
        return (book, await client.OrderOnlineAsync(book.Id, quantity, delivery), client);
    }

    [Fact]
    public async Task An_online_pickup_gets_a_session_of_its_lines_and_once_paid_a_receipt()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var answer = await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 2, payment: "online"));
        var id = Guid.Parse(answer.Id());

        Assert.Equal("awaitingPayment", answer.Text("status"));
        var session = app.Stripe.SessionOfOrder(id);
        Assert.Equal((string)session["url"]!, answer.Text("checkoutUrl"));
        var create = app.Stripe.RequestsTo("POST", "/v1/checkout/sessions").Single(r => r.IdempotencyKey == $"checkout-order-{id}");
        Assert.Equal(("2", "4000", "usd", $"order-{id}"), (create["line_items[0][quantity]"], create["line_items[0][price_data][unit_amount]"],
            create["line_items[0][price_data][currency]"], create["client_reference_id"]));
        Assert.DoesNotContain(create.Fields.Keys, k => k.StartsWith("shipping", StringComparison.Ordinal));
        Assert.Equal(3, await app.StockAsync(book.Id)); // held while Checkout is open

        Assert.Equal("paid", await app.DeliverAsync(app.CreateClient(), app.Event("checkout.session.completed", app.Stripe.PayOrder(id))));

        var order = await app.OrderRowAsync(id);
        Assert.Equal((OrderStatus.Paid, 8000L, 0L, null), (order.Status, order.TotalCents, order.ShippingCents, order.HoldExpiresAt));
        Assert.Equal(1, await app.OrderMailsAsync(id, OutboxTypes.OrderReceipt));
        Assert.Equal(3, await app.StockAsync(book.Id));
    }

    [Fact]
    public async Task A_posted_order_offers_the_configured_rates_and_stores_the_shipping_and_address_Checkout_collected()
    {
        var (_, id, client) = await OnlineAsync(delivery: "ship");
        var create = app.Stripe.RequestsTo("POST", "/v1/checkout/sessions").Single(r => r.IdempotencyKey == $"checkout-order-{id}");
        Assert.Equal(("US", "CA"), (create["shipping_address_collection[allowed_countries][0]"], create["shipping_address_collection[allowed_countries][1]"]));
        Assert.Equal(("500", "1500", "fixed_amount"), (create["shipping_options[0][shipping_rate_data][fixed_amount][amount]"],
            create["shipping_options[1][shipping_rate_data][fixed_amount][amount]"], create["shipping_options[1][shipping_rate_data][type]"]));

        Assert.Equal("paid", await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.PayOrder(id, rate: 1, country: "CA"))));

        var order = await app.OrderRowAsync(id);
        Assert.Equal((OrderStatus.Paid, 4000L, 1500L, 5500L), (order.Status, order.ItemsCents, order.ShippingCents, order.TotalCents));
        Assert.Equal(("CA", "1 Neck Lane", "Bea Buyer"), (order.ShipTo?.Country, order.ShipTo?.Line1, order.ShipTo?.Name));
    }

    [Fact]
    public async Task An_expired_session_puts_the_copies_back_once_and_a_later_payment_takes_them_again()
    {
        var (book, id, client) = await OnlineAsync(stock: 5, quantity: 2);
        var expired = app.Event("checkout.session.expired", app.Stripe.ExpireOrder(id));

        Assert.Equal(["released", "duplicate"], [await app.DeliverAsync(client, expired), await app.DeliverAsync(client, expired)]);
        Assert.Equal((OrderStatus.Expired, 5), ((await app.OrderRowAsync(id)).Status, await app.StockAsync(book.Id)));

        Assert.Equal("paid_late", await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.PayOrder(id))));
        Assert.Equal((OrderStatus.Paid, 3, 1), ((await app.OrderRowAsync(id)).Status, await app.StockAsync(book.Id), await app.OrderMailsAsync(id, OutboxTypes.OrderReceipt)));
        Assert.Equal(0, app.OrderRefundCalls(id));
    }

    [Fact]
    public async Task A_payment_after_expiry_when_the_copies_were_sold_is_refunded_in_full_once()
    {
        var (book, id, client) = await OnlineAsync(stock: 2, quantity: 2);
        await app.DeliverAsync(client, app.Event("checkout.session.expired", app.Stripe.ExpireOrder(id)));
        await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 1)); // someone takes one of the two copies back on sale
        var completed = app.Event("checkout.session.completed", app.Stripe.PayOrder(id));

        Assert.Equal(["refunded_late", "duplicate"], [await app.DeliverAsync(client, completed), await app.DeliverAsync(client, completed)]);

        var order = await app.OrderRowAsync(id);
        Assert.Equal((OrderStatus.Refunded, 1), (order.Status, await app.StockAsync(book.Id)));
        Assert.NotNull(order.StripeRefundId);
        Assert.Equal((1, 1, 0), (app.OrderRefundCalls(id), await app.OrderMailsAsync(id, OutboxTypes.OrderRefunded), await app.OrderMailsAsync(id, OutboxTypes.OrderReceipt)));
    }

    [Fact]
    public async Task The_same_completed_event_five_times_pays_once_and_mails_one_receipt_and_a_late_expired_changes_nothing()
    {
        var (book, id, client) = await OnlineAsync(stock: 5);
        var completed = app.Event("checkout.session.completed", app.Stripe.PayOrder(id));

        var outcomes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await app.DeliverAsync(client, completed));
        }

        Assert.Equal(["paid", "duplicate", "duplicate", "duplicate", "duplicate"], outcomes);
        Assert.Equal("already_applied", await app.DeliverAsync(client, app.Event("checkout.session.expired", app.Stripe.ExpireOrder(id))));
        Assert.Equal((OrderStatus.Paid, 4, 1), ((await app.OrderRowAsync(id)).Status, await app.StockAsync(book.Id), await app.OrderMailsAsync(id, OutboxTypes.OrderReceipt)));
    }

    [Fact]
    public async Task A_refund_at_Stripe_that_overtakes_the_payment_ends_the_order_refunded_with_its_copies_back_and_no_receipt()
    {
        var (book, id, client) = await OnlineAsync(stock: 5, quantity: 2);
        var completed = app.Event("checkout.session.completed", app.Stripe.PayOrder(id));
        var refunded = app.Event("charge.refunded", app.Stripe.RefundOrderInDashboard(id));

        Assert.Equal("refunded", await app.DeliverAsync(client, refunded));
        Assert.Equal("already_applied", await app.DeliverAsync(client, completed));

        var order = await app.OrderRowAsync(id);
        Assert.Equal((OrderStatus.Refunded, 5), (order.Status, await app.StockAsync(book.Id)));
        Assert.Equal((0, 1, 0), (await app.OrderMailsAsync(id, OutboxTypes.OrderReceipt), await app.OrderMailsAsync(id, OutboxTypes.OrderRefunded), app.OrderRefundCalls(id)));
    }

    [Fact]
    public async Task A_paid_event_whose_amount_is_not_the_orders_is_recorded_and_not_applied()
    {
        var (_, id, client) = await OnlineAsync();
        var paid = app.Stripe.PayOrder(id);
        paid["amount_total"] = 100;

        Assert.Equal("mismatch", await app.DeliverAsync(client, app.Event("checkout.session.completed", paid)));
        Assert.Equal(OrderStatus.AwaitingPayment, (await app.OrderRowAsync(id)).Status);
    }

    [Fact]
    public async Task Stripe_down_when_ordering_online_answers_503_and_leaves_no_order_and_the_stock_as_it_was()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 4);
        app.Stripe.Down = true;
        try
        {
            await app.CreateClient().PostJsonAsync(OrdersPath, OrderBody(book.Id, quantity: 2, payment: "online"))
                .ProblemAsync(HttpStatusCode.ServiceUnavailable, "payment.provider_unavailable");
        }
        finally
        {
            app.Stripe.Down = false;
        }

        Assert.Equal(4, await app.StockAsync(book.Id));
        await using var db = app.OpenDb();
        var orders = await db.Orders.AsNoTracking().ToListAsync(Ct);
        Assert.DoesNotContain(orders, o => o.Lines.Any(l => l.ProductId == book.Id));
    }

    [Fact]
    public async Task The_sweep_expires_unpaid_orders_past_their_hold_and_puts_their_copies_back()
    {
        var (book, id, _) = await OnlineAsync(stock: 3, quantity: 3);
        var worker = app.Services.GetRequiredService<HousekeepingWorker>();
        Assert.Equal(0, await app.StockAsync(book.Id));

        app.Clock.Advance(TimeSpan.FromMinutes(32));
        var round = await worker.RunOnceAsync(Ct);

        Assert.InRange(round.OrdersExpired, 1, int.MaxValue);
        Assert.Equal((OrderStatus.Expired, 3), ((await app.OrderRowAsync(id)).Status, await app.StockAsync(book.Id)));
    }

    [Fact]
    public async Task Organizers_racing_to_refund_a_paid_order_make_one_Stripe_refund_and_its_echo_changes_nothing()
    {
        var (book, id, client) = await OnlineAsync(stock: 5, quantity: 2);
        await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.PayOrder(id)));
        var organizer = await app.SignedInClientAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => organizer.RefundOrderAsync(id)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal((1, 5, 1), (app.OrderRefundCalls(id), await app.StockAsync(book.Id), await app.OrderMailsAsync(id, OutboxTypes.OrderRefunded)));
        var refund = app.Stripe.Refunds.Single(r => (string?)r["metadata"]!["order_id"] == id.ToString());
        var echo = FakeStripeCharge(id, refund);
        Assert.Equal("already_applied", await app.DeliverAsync(client, app.Event("charge.refunded", echo)));
        var order = await app.OrderRowAsync(id);
        Assert.Equal((OrderStatus.Refunded, (string?)refund["id"]), (order.Status, order.StripeRefundId));
    }

    [Fact]
    public async Task Refunding_needs_a_paid_order_Stripe_down_changes_nothing_and_a_table_payment_is_handed_back_without_Stripe()
    {
        var (book, id, client) = await OnlineAsync(stock: 5);
        var organizer = await app.SignedInClientAsync();
        await organizer.RefundOrderAsync(id).ProblemAsync(HttpStatusCode.Conflict, "shop.not_paid");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefundOrderAsync(id)).StatusCode);
        await organizer.RefundOrderAsync(Guid.NewGuid()).ProblemAsync(HttpStatusCode.NotFound, "shop.order_not_found");

        await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.PayOrder(id)));
        app.Stripe.Down = true;
        try
        {
            await organizer.RefundOrderAsync(id).ProblemAsync(HttpStatusCode.ServiceUnavailable, "payment.provider_unavailable");
        }
        finally
        {
            app.Stripe.Down = false;
        }

        Assert.Equal((OrderStatus.Paid, 4, 0), ((await app.OrderRowAsync(id)).Status, await app.StockAsync(book.Id), await app.OrderMailsAsync(id, OutboxTypes.OrderRefunded)));

        var atTable = Guid.Parse((await client.OrderOkAsync(OrderBody(book.Id, quantity: 2))).Id());
        await using (var db = app.OpenDb())
        {
            var reserved = await db.Orders.SingleAsync(o => o.Id == atTable, Ct);
            Assert.True(reserved.PayAtTable(TablePaymentMethod.Cash, Guid.NewGuid(), app.Now()).IsSuccess);
            await db.SaveChangesAsync(Ct);
        }

        var handedBack = await organizer.RefundOrderAsync(atTable).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("refunded", handedBack.Text("status"));
        Assert.Equal((0, 4), (app.OrderRefundCalls(atTable), await app.StockAsync(book.Id)));
    }

    private JsonObject FakeStripeCharge(Guid orderId, JsonObject refund) => FakeStripe.Charge(app.Stripe.SessionOfOrder(orderId), refund);
}
