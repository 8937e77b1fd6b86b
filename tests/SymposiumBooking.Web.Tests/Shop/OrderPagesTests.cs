using System.Net;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;
using static SymposiumBooking.Web.Tests.Shop.OrganizerShopCalls;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>The organizers' orders and order pages, posted as a browser would (antiforgery token, cookie).</summary>
public sealed class OrderPagesTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> OrganizerPagesAsync() => app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);

    [Fact]
    public async Task At_the_table_an_organizer_finds_the_reservation_records_it_paid_then_picked_up()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var id = Guid.Parse((await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 2))).Id());
        var organizer = await OrganizerPagesAsync();
        var page = $"/organize/shop/orders/{id}";

        var list = await organizer.GetStringAsync("/organize/shop/orders?filter=toPickUp", Ct);
        Assert.Contains($"href=\"{page}\"", list, StringComparison.Ordinal);
        var shown = await organizer.GetStringAsync(page, Ct);
        Assert.Contains(">Paid at the table</button>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(">Picked up</button>", shown, StringComparison.Ordinal);

        var early = await organizer.PostFormAsync(page, $"{page}?handler=PickedUp");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("This order is not paid", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var paid = await organizer.PostFormAsync(page, $"{page}?handler=Paid", new() { ["Form.Method"] = "card" });
        Assert.Equal((HttpStatusCode.Redirect, page), (paid.StatusCode, paid.Headers.Location!.OriginalString));
        var afterPaid = await organizer.GetStringAsync(page, Ct);
        Assert.Contains("order is paid; the receipt is mailed.", afterPaid, StringComparison.Ordinal);
        Assert.Contains(">Picked up</button>", afterPaid, StringComparison.Ordinal);

        var picked = await organizer.PostFormAsync(page, $"{page}?handler=PickedUp");
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        Assert.Equal(OrderStatus.PickedUp, await app.OrderStatusAsync(id));
        Assert.Contains("Picked up", await organizer.GetStringAsync("/organize/shop/orders?filter=pickedUp", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refunding_from_the_order_page_asks_first_then_refunds_once_and_puts_the_copies_back()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var id = Guid.Parse((await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 2))).Id());
        var organizer = await OrganizerPagesAsync();
        var page = $"/organize/shop/orders/{id}";
        await organizer.PostFormAsync(page, $"{page}?handler=Paid", new() { ["Form.Method"] = "cash" });
        Assert.Contains("Yes, refund 80.00 USD", await organizer.GetStringAsync($"{page}?refund=confirm", Ct), StringComparison.Ordinal);

        var refunded = await organizer.PostFormAsync(page, $"{page}?handler=Refund");
        var again = await organizer.PostFormAsync(page, $"{page}?handler=Refund");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (refunded.StatusCode, again.StatusCode));
        Assert.Equal(OrderStatus.Refunded, await app.OrderStatusAsync(id));
        Assert.Equal(5, await app.StockAsync(book.Id));
    }

    [Fact]
    public async Task The_shipping_form_names_a_missing_tracking_number_at_its_input_and_ships_once_it_is_given()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var order = await app.ShipOrderAsync(book);
        var organizer = await OrganizerPagesAsync();
        var page = $"/organize/shop/orders/{order.Id}";

        var refused = await organizer.PostFormAsync(page, $"{page}?handler=Shipped", new() { ["Form.Carrier"] = "USPS" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Enter the tracking number.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#tracking-number\"", html, StringComparison.Ordinal);

        var shipped = await organizer.PostFormAsync(page, $"{page}?handler=Shipped", new() { ["Form.Carrier"] = "USPS", ["Form.TrackingNumber"] = "9400" });
        Assert.Equal(HttpStatusCode.Redirect, shipped.StatusCode);
        Assert.Equal(OrderStatus.Shipped, await app.OrderStatusAsync(order.Id));
        var labels = await organizer.GetStringAsync("/organize/shop/orders?handler=labels", Ct);
        Assert.DoesNotContain(order.Id.ToString(), labels, StringComparison.Ordinal);
    }
}
