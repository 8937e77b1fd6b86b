using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Payments;

namespace SymposiumBooking.Browser.Tests;

/// <summary>
/// Paying online in Chromium, with the fake Stripe: back from Checkout the page says "payment pending" and turns to
/// confirmed by itself once the signed webhook lands; an organizer refunds by keyboard and checks the payments page.
/// </summary>
public sealed partial class PaymentJourneyTests(StripeBrowserApp app) : IClassFixture<StripeBrowserApp>
{
    [Fact]
    public async Task Back_from_checkout_the_page_says_payment_pending_then_updates_itself_to_confirmed_when_the_webhook_lands()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        await page.GotoAsync($"/book/{app.Schedule.Slots[0].Id}");
        await PageForms.FillRequiredAsync(page, "Robin Online", "robin.online@example.org");
        await page.GetByLabel("Pay online now").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this massage" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(BookingPage());
        var bookingId = Guid.Parse(BookingPage().Match(page.Url).Groups[1].Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pay now (60.00 USD)" })).ToBeVisibleAsync();

        var session = app.Stripe.SessionOf(bookingId);
        // Stripe's redirect after paying, which proves nothing; its host is App:BaseUrl, the page is the same here.
        await page.GotoAsync(new Uri((string)session["success_url"]!).PathAndQuery);
        var status = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Payment" });
        await Assertions.Expect(status).ToContainTextAsync("Payment pending.");
        await Assertions.Expect(status).ToHaveAttributeAsync("aria-live", "polite");
        await page.AssertNoSeriousViolationsAsync();
        await PageShots.TakeAsync(page, "payment-pending");

        using var stripe = app.ServerClient();
        var delivered = await app.PostEventAsync(stripe, app.Event("checkout.session.completed", app.Stripe.Pay(bookingId)));
        Assert.Equal(System.Net.HttpStatusCode.OK, delivered.StatusCode);

        await Assertions.Expect(status).ToContainTextAsync("Payment received.");
        await PageShots.TakeAsync(page, "payment-received");
        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(bookingId));
    }

    [Fact]
    public async Task An_organizer_refunds_a_paid_booking_by_keyboard_and_the_payments_page_passes_axe()
    {
        var schedule = app.Schedule;
        using var server = app.ServerClient();
        var booked = await server.BookOnlineAsync(schedule.Slots[1].Id, "paid.refund@example.org");
        await app.DeliverAsync(server, app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id)));
        var page = await app.NewPageAsync();
        var bookings = $"/organize/{schedule.Id}/bookings";
        await PageForms.SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, bookings);

        // By name: the list also holds the other test's paid booking when that test ran first.
        var refund = page.GetByRole(AriaRole.Link, new() { Name = $"Refund {booked.Name}'s payment", Exact = true });
        await refund.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/bookings/{booked.Id}/refund$"));
        await page.AssertNoSeriousViolationsAsync();
        await PageShots.TakeAsync(page, "refund-confirm");
        // Each fact is a label beside its value on a wide screen, not squeezed into a letter-wide column.
        var therapist = await page.Locator(".facts div", new() { HasText = "Therapist" }).Locator("dd").BoundingBoxAsync();
        Assert.True(therapist is { Width: > 200 }, $"the therapist's name is {therapist?.Width} px wide");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, refund 60.00 USD" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(bookings) + "$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Refunded 60.00 USD to ");
        await PageShots.TakeAsync(page, "bookings-refunded");
        Assert.Equal(BookingStatus.Refunded, await app.StatusAsync(booked.Id));

        await page.GotoAsync($"/organize/{schedule.Id}/payments");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check payments with Stripe" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Result" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await PageShots.TakeAsync(page, "payments-check");
    }

    [GeneratedRegex(@"/bookings/([0-9a-f-]{36})(\?.*)?$")]
    private static partial Regex BookingPage();
}
