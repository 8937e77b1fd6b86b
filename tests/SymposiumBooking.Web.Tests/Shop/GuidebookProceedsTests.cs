using System.Net;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;
using static SymposiumBooking.Web.Tests.Shop.OrganizerShopCalls;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>The symposium dashboard's "guidebook proceeds toward travel": its JSON, its CSV and its page.</summary>
public sealed class GuidebookProceedsTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_counts_the_paid_orders_toward_its_symposium_less_refunds_and_says_stripe_fees_are_not_known()
    {
        var schedule = await app.ScheduleAsync();
        var organizer = await app.SignedInClientAsync();
        var book = await app.GuidebookAsync(stock: 50);
        var atTable = Guid.Parse((await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 2))).Id());
        await organizer.PostJsonAsync(OrderAction(atTable, "paid"), new { method = "cash" }).ExpectAsync(HttpStatusCode.OK);
        await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 3)); // reserved, not paid: not counted
        await app.ShipOrderAsync(book, symposiumId: schedule.Id); // 4000 + 800 shipping
        await app.ShipOrderAsync(book, symposiumId: schedule.Id, refunded: true);
        await app.ShipOrderAsync(book, quantity: 4); // toward no symposium
        var path = $"/api/v1/symposia/{schedule.Id}/dashboard";

        var guidebook = (await organizer.SendGetAsync(path).ExpectAsync(HttpStatusCode.OK)).GetProperty("guidebook");

        var usd = Assert.Single(guidebook.EnumerateArray());
        Assert.Equal(
            ("USD", 3, 17600L, 1600L, 4800L, 12800L, 3),
            (usd.Text("currency"), usd.GetProperty("orders").GetInt32(), usd.GetProperty("grossPaidCents").GetInt64(),
                usd.GetProperty("shippingCents").GetInt64(), usd.GetProperty("refundedCents").GetInt64(), usd.GetProperty("netCents").GetInt64(),
                usd.GetProperty("copiesSold").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, usd.GetProperty("stripeFeesCents").ValueKind);

        var csv = await (await organizer.SendGetAsync(path, accept: "text/csv")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("guidebook,USD,net,12800\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("guidebook,USD,copies_sold,3\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("guidebook,USD,stripe_fees,\r\n", csv, StringComparison.Ordinal);

        var pages = await app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);
        var page = await pages.GetStringAsync($"/organize/{schedule.Id}/dashboard", Ct);
        Assert.Contains("Guidebook proceeds toward travel", page, StringComparison.Ordinal);
        Assert.Contains("128.00 USD", page, StringComparison.Ordinal);
        Assert.Contains("Not known", page, StringComparison.Ordinal);
    }
}
