using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>The organizer's refund confirm page and payments page, posted as a browser would (antiforgery token, cookie).</summary>
public sealed class OrganizerPaymentPagesTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> OrganizerPagesAsync() => app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);

    private static string RefundPage(Guid symposiumId, Guid bookingId) => $"/organize/{symposiumId}/bookings/{bookingId}/refund";

    [Fact]
    public async Task Confirming_the_refund_page_twice_refunds_once_and_returns_to_the_bookings_list_with_a_notice()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var booked = await client.BookOnlineAsync(schedule.Slots[0].Id);
        await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id)));
        var organizer = await OrganizerPagesAsync();
        var page = RefundPage(schedule.Id, booked.Id);
        Assert.Contains("Yes, refund", await organizer.GetStringAsync(page, Ct), StringComparison.Ordinal);

        var first = await organizer.PostFormAsync(page, page);
        var list = await organizer.GetStringAsync(first.Headers.Location!.OriginalString, Ct);
        var again = await organizer.PostFormAsync(page, page);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, again.StatusCode));
        Assert.Equal($"/organize/{schedule.Id}/bookings", first.Headers.Location!.OriginalString);
        Assert.Contains("Refunded 60.00 USD to ", list, StringComparison.Ordinal);
        Assert.Single(app.Stripe.RequestsTo("POST", "/v1/refunds"), r => r.IdempotencyKey == $"refund-{booked.Id}" && !r.Replayed);
        Assert.Equal(BookingStatus.Refunded, await app.StatusAsync(booked.Id));
    }

    [Fact]
    public async Task The_refund_page_refuses_a_booking_paid_at_the_table_with_a_clear_message_and_changes_nothing()
    {
        var schedule = await app.ScheduleAsync();
        var atTable = await app.CreateClient().BookAtTableAsync(schedule.Slots[1].Id);
        var organizer = await OrganizerPagesAsync();
        var page = RefundPage(schedule.Id, atTable.Id);
        var before = app.Stripe.RequestsTo("POST", "/v1/refunds").Count;

        var refused = await organizer.PostFormAsync(page, page);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("This booking has no online payment to refund.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, app.Stripe.RequestsTo("POST", "/v1/refunds").Count);
        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(atTable.Id));
    }

    [Fact]
    public async Task The_payments_page_shows_the_hourly_jobs_last_report_without_calling_stripe_and_the_button_lists_the_mismatches()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var webhookLost = await client.BookOnlineAsync(schedule.Slots[0].Id, email: "lost.webhook@test.symposium");
        app.Stripe.Pay(webhookLost.Id);
        var organizer = await OrganizerPagesAsync();
        var page = $"/organize/{schedule.Id}/payments";
        Assert.DoesNotContain("Last scheduled check", await organizer.GetStringAsync(page, Ct), StringComparison.Ordinal);
        await app.Services.GetRequiredService<PaymentReconciliationWorker>().RunOnceAsync(Ct);
        var stripeCalls = app.Stripe.Requests.Count;

        var shown = await organizer.GetStringAsync(page, Ct);

        Assert.Equal(stripeCalls, app.Stripe.Requests.Count);
        Assert.Contains("by the hourly job: 1 mismatch.", shown, StringComparison.Ordinal);
        Assert.Contains("Paid, not confirmed", shown, StringComparison.Ordinal);
        Assert.Contains(app.Stripe.SessionOf(webhookLost.Id)["id"]!.ToString(), shown, StringComparison.Ordinal);

        var checkedNow = await organizer.PostFormAsync(page, page);

        Assert.Equal(HttpStatusCode.OK, checkedNow.StatusCode);
        var html = await checkedNow.Content.ReadAsStringAsync(Ct);
        Assert.Contains("1 to look at.", html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, "Paid, not confirmed")); // the stored report and the fresh one
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
