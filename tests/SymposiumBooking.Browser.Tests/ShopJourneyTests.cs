using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Browser.Tests.Harness.Keyboard;

namespace SymposiumBooking.Browser.Tests;

/// <summary>
/// The guidebook on a phone, by keyboard alone, on the demo data (no Stripe): an attendee orders two copies to pick up
/// and pay at the symposium's table and lands on the order's page, reserved; at the table an organizer records the
/// payment and the pickup on the organizer's order page, and the attendee's page then says picked up. Every page is
/// checked with axe.
/// </summary>
public sealed partial class ShopJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Buyer = "gail.guidebook@example.org";

    [Fact]
    public async Task An_attendee_orders_two_guidebooks_for_pickup_by_keyboard_on_a_phone_and_the_table_marks_them_paid_and_picked_up()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await app.NewPageAsync(BrowserApp.Phone);
        await phone.GotoAsync("/");

        await TabToAsync(phone, "Guidebook");
        await phone.Keyboard.PressAsync("Enter");
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("/guidebook$"));
        await Assertions.Expect(phone.Locator(".stock").First).ToHaveTextAsync("50 copies left");
        await Assertions.Expect(phone.GetByRole(AriaRole.Main)).ToContainTextAsync("No sales tax or VAT is charged by this shop");
        await AssertFitsPhoneAsync(phone);
        await phone.AssertNoSeriousViolationsAsync();

        await TabToAsync(phone, "Copies of The Spasmodic Torticollis Massage Guidebook");
        await phone.Keyboard.PressAsync("ArrowUp"); // from the one copy it starts at
        await Assertions.Expect(phone.GetByLabel("Copies of The Spasmodic Torticollis Massage Guidebook")).ToHaveValueAsync("2");
        await TabToAsync(phone, "Your name");
        await phone.Keyboard.TypeAsync("Gail Guidebook");
        await phone.Keyboard.PressAsync("Tab");
        await AssertFocusedAsync(phone, "Email address");
        await phone.Keyboard.TypeAsync(Buyer);
        await Assertions.Expect(phone.GetByRole(AriaRole.Main)).ToContainTextAsync("You pick it up at the massage table at the");
        await TabToAsync(phone, "Order");
        await phone.Keyboard.PressAsync("Enter");

        await Assertions.Expect(phone).ToHaveURLAsync(OrderUrl());
        await Assertions.Expect(phone.Locator("#order-status")).ToHaveTextAsync("Reserved: pay at pickup");
        await Assertions.Expect(phone.Locator("#order-total")).ToHaveTextAsync("80.00 USD");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your order is in. Keep this link" })).ToBeVisibleAsync();
        await AssertFitsPhoneAsync(phone);
        await phone.AssertNoSeriousViolationsAsync();

        // At the table: an organizer, signed in, finds the order among those to pick up.
        var table = await app.NewPageAsync(new ViewportSize { Width = 1024, Height = 1366 });
        await PageForms.SignInAsync(table, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize/shop/orders?filter=toPickUp");
        await table.AssertNoSeriousViolationsAsync();
        await TabToAsync(table, "Gail Guidebook");
        await table.Keyboard.PressAsync("Enter");
        await Assertions.Expect(table.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Order from Gail Guidebook");
        await table.AssertNoSeriousViolationsAsync();
        await TabToAsync(table, "Paid at the table");
        await table.Keyboard.PressAsync("Enter");
        await Assertions.Expect(table.GetByRole(AriaRole.Button, new() { Name = "Picked up" })).ToBeVisibleAsync();
        await table.AssertNoSeriousViolationsAsync();
        await TabToAsync(table, "Picked up");
        await table.Keyboard.PressAsync("Enter");
        await Assertions.Expect(table.Locator("main .status").First).ToHaveTextAsync("Picked up");
        await table.AssertNoSeriousViolationsAsync();

        // The attendee's page says so.
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator("#order-status")).ToHaveTextAsync("Picked up");
        await phone.AssertNoSeriousViolationsAsync();

        await using var db = app.OpenDb();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Email == Buyer, ct);
        Assert.Equal((OrderStatus.PickedUp, 2, PaymentMethod.AtTable), (order.Status, order.Copies, order.Payment));
        Assert.NotNull(order.PaidAt);
        var guidebook = order.Lines[0].ProductId;
        Assert.Equal(48, await db.Products.Where(p => p.Id == guidebook).Select(p => p.Stock).SingleAsync(ct));
    }

    [GeneratedRegex("/orders/[0-9a-f-]{36}$")]
    private static partial Regex OrderUrl();
}
