using System.Net;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using static SymposiumBooking.Web.Tests.Shop.OrganizerShopCalls;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>
/// Organizers list the orders by what is left to do, print labels for those to ship, and record what happened at the
/// table or the post office: each action once, the same again answering the same, a wrong state a 409 with its code.
/// </summary>
public sealed class OrderAdminTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_filters_list_the_orders_left_to_ship_or_to_pick_up_and_those_done_newest_first()
    {
        await app.ScheduleAsync();
        var organizer = await app.SignedInClientAsync();
        var book = await app.GuidebookAsync(stock: 20);
        var reserved = Guid.Parse((await app.CreateClient().OrderOkAsync(OrderBody(book.Id))).Id());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var pickedUp = Guid.Parse((await app.CreateClient().OrderOkAsync(OrderBody(book.Id))).Id());
        await organizer.PostJsonAsync(OrderAction(pickedUp, "paid"), new { method = "card" }).ExpectAsync(HttpStatusCode.OK);
        await organizer.PostAsync(OrderAction(pickedUp, "picked-up"), null, Ct).ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var toShip = (await app.ShipOrderAsync(book)).Id;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var shipped = (await app.ShipOrderAsync(book)).Id;
        await organizer.PostJsonAsync(OrderAction(shipped, "shipped"), new { carrier = "USPS", trackingNumber = "9400 1000" }).ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var unpaid = (await app.ShipOrderAsync(book, paid: false)).Id;

        async Task<List<Guid>> ListedAsync(string filter) =>
            [.. (await organizer.SendGetAsync($"{OrdersPath}?filter={filter}").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(o => Guid.Parse(o.Id()))];

        Assert.Equal([toShip], (await ListedAsync("toShip")).Intersect([reserved, pickedUp, toShip, shipped, unpaid]));
        Assert.Equal([shipped], (await ListedAsync("shipped")).Intersect([reserved, pickedUp, toShip, shipped, unpaid]));
        Assert.Equal([reserved], (await ListedAsync("toPickUp")).Intersect([reserved, pickedUp, toShip, shipped, unpaid]));
        Assert.Equal([pickedUp], (await ListedAsync("pickedUp")).Intersect([reserved, pickedUp, toShip, shipped, unpaid]));
        Assert.Empty((await ListedAsync("refunded")).Intersect([reserved, pickedUp, toShip, shipped, unpaid]));
        var all = await ListedAsync("all");
        Assert.Equal(all, await ListedAsync("ALL")); // any case
        Assert.Equal([unpaid, shipped, toShip, pickedUp, reserved], all.Intersect([reserved, pickedUp, toShip, shipped, unpaid]));
        var problem = await organizer.SendGetAsync($"{OrdersPath}?filter=lost").ProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("filter", out _));
    }

    [Fact]
    public async Task The_labels_csv_has_one_row_per_order_to_ship_with_its_address_items_and_id()
    {
        await app.ScheduleAsync();
        var organizer = await app.SignedInClientAsync();
        var book = await app.GuidebookAsync(stock: 20);
        var toShip = await app.ShipOrderAsync(book, quantity: 2, name: "=Sam, \"the\" Shipper");
        var shipped = await app.ShipOrderAsync(book);
        await organizer.PostJsonAsync(OrderAction(shipped.Id, "shipped"), new { carrier = "UPS", trackingNumber = "1Z999" }).ExpectAsync(HttpStatusCode.OK);

        var answer = await organizer.SendGetAsync($"{OrdersPath}/labels.csv");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/csv", answer.Content.Headers.ContentType?.MediaType);
        var lines = (await answer.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,address_line1,address_line2,city,state,postal_code,country,items,order_id", lines[0]);
        Assert.Contains($"\"'=Sam, \"\"the\"\" Shipper\",12 Elm Street,Apt 4,Springfield,IL,62701,US,2 × {book.Title},{toShip.Id}", lines);
        Assert.DoesNotContain(lines, l => l.EndsWith(shipped.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Marking_shipped_mails_the_tracking_once_and_a_corrected_number_mails_it_again()
    {
        await app.ScheduleAsync();
        var organizer = await app.SignedInClientAsync();
        var book = await app.GuidebookAsync(stock: 20);
        var order = await app.ShipOrderAsync(book);
        var unpaid = await app.ShipOrderAsync(book, paid: false);
        var pickup = Guid.Parse((await app.CreateClient().OrderOkAsync(OrderBody(book.Id))).Id());

        var shipped = await organizer.PostJsonAsync(OrderAction(order.Id, "shipped"), new { carrier = " USPS ", trackingNumber = "9400 1000" }).ExpectAsync(HttpStatusCode.OK);
        var again = await organizer.PostJsonAsync(OrderAction(order.Id, "shipped"), new { carrier = "USPS", trackingNumber = "9400 1000" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("shipped", "USPS", "9400 1000"), (shipped.Text("status"), shipped.Text("carrier"), shipped.Text("trackingNumber")));
        Assert.Equal(shipped.Text("shippedAt"), again.Text("shippedAt"));
        Assert.Equal(1, await app.OrderMailsAsync(order.Id, OutboxTypes.OrderShipped));

        await organizer.PostJsonAsync(OrderAction(order.Id, "shipped"), new { carrier = "USPS", trackingNumber = "9400 2000" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, await app.OrderMailsAsync(order.Id, OutboxTypes.OrderShipped));

        await organizer.PostJsonAsync(OrderAction(unpaid.Id, "shipped"), new { carrier = "USPS", trackingNumber = "1" }).ProblemAsync(HttpStatusCode.Conflict, "shop.not_paid");
        await organizer.PostJsonAsync(OrderAction(pickup, "shipped"), new { carrier = "USPS", trackingNumber = "1" }).ProblemAsync(HttpStatusCode.Conflict, "shop.not_for_shipping");
        var missing = await organizer.PostJsonAsync(OrderAction(order.Id, "shipped"), new { carrier = "USPS" }).ProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        Assert.True(missing.Body.GetProperty("errors").TryGetProperty("trackingNumber", out _));
        await organizer.PostJsonAsync(OrderAction(Guid.NewGuid(), "shipped"), new { carrier = "USPS", trackingNumber = "1" }).ProblemAsync(HttpStatusCode.NotFound, "shop.order_not_found");
        Assert.Equal(0, await app.OrderMailsAsync(unpaid.Id, OutboxTypes.OrderShipped));
        Assert.Equal(OrderStatus.AwaitingPayment, await app.OrderStatusAsync(unpaid.Id));
    }

    [Fact]
    public async Task A_reservation_is_picked_up_only_once_paid_at_the_table_and_the_receipt_is_mailed_once()
    {
        await app.ScheduleAsync();
        var organizer = await app.SignedInClientAsync();
        var book = await app.GuidebookAsync(stock: 20);
        var id = Guid.Parse((await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 2))).Id());

        await organizer.PostAsync(OrderAction(id, "picked-up"), null, Ct).ProblemAsync(HttpStatusCode.Conflict, "shop.not_paid");
        await organizer.PostJsonAsync(OrderAction(id, "paid"), new { method = "cheque" }).ProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        await organizer.PostJsonAsync(OrderAction(id, "paid"), new { }).ProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        Assert.Equal(0, await app.OrderMailsAsync(id, OutboxTypes.OrderReceipt));

        var paid = await organizer.PostJsonAsync(OrderAction(id, "paid"), new { method = "cash" }).ExpectAsync(HttpStatusCode.OK);
        var paidAgain = await organizer.PostJsonAsync(OrderAction(id, "paid"), new { method = "cash" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("paid", paid.Text("paidAt")), (paidAgain.Text("status"), paidAgain.Text("paidAt")));
        Assert.Equal(1, await app.OrderMailsAsync(id, OutboxTypes.OrderReceipt));
        await organizer.PostAsync(OrderAction(id, "cancel"), null, Ct).ProblemAsync(HttpStatusCode.Conflict, "shop.not_reserved");

        var picked = await organizer.PostAsync(OrderAction(id, "picked-up"), null, Ct).ExpectAsync(HttpStatusCode.OK);
        var pickedAgain = await organizer.PostAsync(OrderAction(id, "picked-up"), null, Ct).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("pickedUp", picked.Text("pickedUpAt")), (pickedAgain.Text("status"), pickedAgain.Text("pickedUpAt")));
        await organizer.PostJsonAsync(OrderAction(id, "paid"), new { method = "cash" }).ProblemAsync(HttpStatusCode.Conflict, "shop.not_reserved");
        Assert.Equal(18, await app.StockAsync(book.Id)); // handed over: the copies stay sold
        await using var db = app.OpenDb();
        Assert.Equal(Domain.Payments.TablePaymentMethod.Cash, db.Orders.Single(o => o.Id == id).TableMethod);
        Assert.Contains(db.StaffActions.ToList(), a => a.Action == "RecordOrderPaid" && a.TargetIds.Contains(id));
    }

    [Fact]
    public async Task Cancelling_a_reservation_puts_its_copies_back_on_sale_once()
    {
        await app.ScheduleAsync();
        var organizer = await app.SignedInClientAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var id = Guid.Parse((await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 2))).Id());
        Assert.Equal(3, await app.StockAsync(book.Id));

        var cancelled = await organizer.PostAsync(OrderAction(id, "cancel"), null, Ct).ExpectAsync(HttpStatusCode.OK);
        await organizer.PostAsync(OrderAction(id, "cancel"), null, Ct).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.Text("status"));
        Assert.Equal(5, await app.StockAsync(book.Id));
        await organizer.PostJsonAsync(OrderAction(id, "paid"), new { method = "cash" }).ProblemAsync(HttpStatusCode.Conflict, "shop.not_reserved");
        await organizer.PostAsync(OrderAction(id, "picked-up"), null, Ct).ProblemAsync(HttpStatusCode.Conflict, "shop.not_paid");
        var paidOrder = await app.ShipOrderAsync(book);
        await organizer.PostAsync(OrderAction(paidOrder.Id, "cancel"), null, Ct).ProblemAsync(HttpStatusCode.Conflict, "shop.not_reserved");
        Assert.Equal(OrderStatus.Paid, await app.OrderStatusAsync(paidOrder.Id));
    }
}
