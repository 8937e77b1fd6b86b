using System.Net;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>
/// Ordering guidebooks without Stripe: a pickup reserved to pay at the table, opened by its link; the stock that can
/// never be oversold, even by fifty buyers at once; and the refusals that change nothing.
/// </summary>
public sealed class PlaceOrderTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pickup_reserved_at_the_table_takes_its_copies_and_its_link_opens_it()
    {
        await app.ScheduleAsync(); // a symposium is coming, to pick up at
        var book = await app.GuidebookAsync(stock: 5);

        var order = await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 2));

        Assert.Equal(("reserved", 8000L), (order.Text("status"), order.GetProperty("totalCents").GetInt64()));
        var token = order.Text("token");
        var mine = await app.CreateClient().SendAsync(WithToken(order.Id(), token), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, mine.GetProperty("items")[0].GetProperty("quantity").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, mine.GetProperty("token").ValueKind); // the token is given once
        await app.CreateClient().SendAsync(WithToken(order.Id(), "made-up"), Ct).ProblemAsync(HttpStatusCode.NotFound, "shop.order_not_found");
        await using var db = app.OpenDb();
        Assert.Equal(3, await db.Products.Where(p => p.Id == book.Id).Select(p => p.Stock).SingleAsync(Ct));
    }

    [Fact]
    public async Task Fifty_buyers_racing_for_ten_copies_make_exactly_ten_orders()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 10);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.CreateClient().PostJsonAsync(OrdersPath, OrderBody(book.Id))));

        Assert.Equal(10, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(40, refused.Count);
        foreach (var answer in refused)
        {
            await Task.FromResult(answer).ProblemAsync(HttpStatusCode.Conflict, "shop.sold_out");
        }

        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Products.Where(p => p.Id == book.Id).Select(p => p.Stock).SingleAsync(Ct));
        var orders = await db.Orders.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(10, orders.Count(o => o.Lines.Any(l => l.ProductId == book.Id)));
    }

    [Fact]
    public async Task Orders_the_shop_cannot_take_get_a_clear_answer_and_change_nothing()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 3);
        var postOnly = await app.GuidebookAsync(stock: 3, pickup: false);
        var client = app.CreateClient();

        await client.PostJsonAsync(OrdersPath, OrderBody(book.Id, delivery: "ship", payment: "atTable"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "shop.ship_pays_online");
        await client.PostJsonAsync(OrdersPath, OrderBody(book.Id, payment: "online"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "payment.online_unavailable");
        await client.PostJsonAsync(OrdersPath, OrderBody(postOnly.Id))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "shop.pickup_not_offered");
        await client.PostJsonAsync(OrdersPath, OrderBody(Guid.NewGuid()))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "shop.unknown_product");
        await client.PostJsonAsync(OrdersPath, OrderBody(book.Id, quantity: 11))
            .ProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        await client.PostJsonAsync(OrdersPath, OrderBody(book.Id, quantity: 4))
            .ProblemAsync(HttpStatusCode.Conflict, "shop.sold_out");
        await client.PostJsonAsync(OrdersPath, OrderBody(book.Id, email: "not an address"))
            .ProblemAsync(HttpStatusCode.BadRequest, null);

        await using var db = app.OpenDb();
        Assert.Equal([3, 3], await db.Products.Where(p => p.Id == book.Id || p.Id == postOnly.Id).Select(p => p.Stock).ToListAsync(Ct));
        var orders = await db.Orders.AsNoTracking().ToListAsync(Ct);
        Assert.DoesNotContain(orders, o => o.Lines.Any(l => l.ProductId == book.Id || l.ProductId == postOnly.Id));
    }

    [Fact]
    public async Task An_order_sent_again_with_its_Idempotency_Key_answers_the_first_and_takes_its_copies_once()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var body = OrderBody(book.Id, quantity: 2);
        var key = Guid.NewGuid().ToString();

        // A phone that lost the answer sends it again, twice at once.
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.CreateClient().OrderAsync(body, key).ExpectAsync(HttpStatusCode.Created)));

        Assert.Single(answers.Select(a => (a.Id(), a.Text("token"))).Distinct()); // the same order and the same key to it
        var other = OrderBody(book.Id, quantity: 1);
        await app.CreateClient().OrderAsync(other, key).ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        await app.CreateClient().OrderAsync(body, "not a key").ProblemAsync(HttpStatusCode.BadRequest, "idempotency.bad_key");
        await using var db = app.OpenDb();
        Assert.Equal(3, await db.Products.Where(p => p.Id == book.Id).Select(p => p.Stock).SingleAsync(Ct));
        var orders = await db.Orders.AsNoTracking().ToListAsync(Ct);
        Assert.Single(orders, o => o.Lines.Any(l => l.ProductId == book.Id));
    }

    [Fact]
    public async Task The_products_list_keeps_one_currency_when_asked_and_refuses_a_made_up_one()
    {
        var book = await app.GuidebookAsync();
        var client = app.CreateClient();

        var usd = await client.GetAsync("/api/v1/shop/products?currency=usd", Ct).ExpectAsync(HttpStatusCode.OK);
        var eur = await client.GetAsync("/api/v1/shop/products?currency=EUR", Ct).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains(usd.EnumerateArray(), p => p.Id() == book.Id.ToString());
        Assert.DoesNotContain(eur.EnumerateArray(), p => p.Id() == book.Id.ToString());
        await client.GetAsync("/api/v1/shop/products?currency=dollars", Ct).ProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }

    private static HttpRequestMessage WithToken(string orderId, string token)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, $"{OrdersPath}/{orderId}");
        message.Headers.Add("X-Order-Token", token);
        return message;
    }
}
