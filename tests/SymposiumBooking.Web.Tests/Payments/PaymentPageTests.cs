using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>The booking's page after Stripe Checkout: the redirect proves nothing, the webhook does.</summary>
public sealed class PaymentPageTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Back_from_checkout_the_page_says_payment_pending_until_the_webhook_lands_then_says_payment_received()
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookOnlineAsync(schedule.Slots[0].Id);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync($"/bookings/{booked.Id}?t={Uri.EscapeDataString(booked.Token!)}", Ct)).StatusCode);

        var pending = await browser.GetStringAsync($"/bookings/{booked.Id}?payment=done", Ct);
        Assert.Contains("Payment pending.", pending, StringComparison.Ordinal);
        Assert.Contains("role=\"status\" aria-live=\"polite\"", pending, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", pending, StringComparison.Ordinal); // without JavaScript
        Assert.DoesNotContain("Pay now", pending, StringComparison.Ordinal);
        Assert.Equal("awaitingPayment", await StatusAsync(browser, booked.Id));

        await app.DeliverAsync(app.CreateClient(), app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id)));

        Assert.Equal("confirmed", await StatusAsync(browser, booked.Id));
        var confirmed = await browser.GetStringAsync($"/bookings/{booked.Id}?payment=done", Ct);
        Assert.Contains("Payment received.", confirmed, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", confirmed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Back_from_checkout_without_paying_the_page_says_so_with_the_deadline_and_pay_now_goes_to_the_same_session()
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookOnlineAsync(schedule.Slots[0].Id);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await browser.GetAsync($"/bookings/{booked.Id}?t={Uri.EscapeDataString(booked.Token!)}", Ct);

        var page = await browser.GetStringAsync($"/bookings/{booked.Id}?payment=cancelled", Ct);

        Assert.Contains("The payment was not made.", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{booked.CheckoutUrl}\"", page, StringComparison.Ordinal);
        Assert.Contains("Pay now (60.00", page, StringComparison.Ordinal);
    }

    private static async Task<string> StatusAsync(HttpClient browser, Guid bookingId)
    {
        var json = JsonNode.Parse(await browser.GetStringAsync($"/bookings/{bookingId}?handler=status", Ct))!;
        return (string)json["status"]!;
    }
}
