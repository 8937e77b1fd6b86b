using System.Net;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>Organizers compare Stripe's sessions and refunds with the symposium's bookings.</summary>
public sealed class ReconciliationTests(StripeApp app) : IClassFixture<StripeApp>
{
    [Fact]
    public async Task The_report_lists_paid_but_not_confirmed_confirmed_but_unpaid_and_refunded_but_active_and_nothing_else()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var fine = await client.BookOnlineAsync(schedule.Slots[0].Id);
        await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(fine.Id)));
        var webhookLost = await client.BookOnlineAsync(schedule.Slots[1].Id);
        app.Stripe.Pay(webhookLost.Id); // paid at Stripe; the event never arrived
        var notReallyPaid = await client.BookOnlineAsync(schedule.Slots[2].Id);
        var claimed = app.Stripe.Pay(notReallyPaid.Id);
        app.Stripe.SessionOf(notReallyPaid.Id)["payment_status"] = "unpaid"; // Stripe's record says otherwise than the event we applied
        await app.DeliverAsync(client, app.Event("checkout.session.completed", claimed));
        var refundedQuietly = await client.BookOnlineAsync(schedule.Slots[3].Id);
        await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(refundedQuietly.Id)));
        app.Stripe.RefundInDashboard(refundedQuietly.Id); // charge.refunded never arrived
        var stillHeld = await client.BookOnlineAsync(schedule.Slots[4].Id); // unpaid and on hold: nothing wrong
        var organizer = await app.SignedInClientAsync();

        var report = await (await organizer.PostAsync($"/api/v1/symposia/{schedule.Id}/payments/reconcile", null, TestContext.Current.CancellationToken))
            .OkAsync<ReconciliationReport>();

        Assert.Equal(
            [("confirmed_unpaid", notReallyPaid.Id), ("paid_not_confirmed", webhookLost.Id), ("refunded_but_active", refundedQuietly.Id)],
            report.Mismatches.Select(m => (m.Kind, m.BookingId!.Value)).Order());
        Assert.DoesNotContain(report.Mismatches, m => m.BookingId == fine.Id || m.BookingId == stillHeld.Id);
        Assert.Equal(5, report.SessionsChecked);
    }

    [Fact]
    public async Task Only_organizers_may_reconcile_and_stripe_being_down_is_503()
    {
        var schedule = await app.ScheduleAsync();
        var anonymous = await app.CreateClient().PostAsync($"/api/v1/symposia/{schedule.Id}/payments/reconcile", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var organizer = await app.SignedInClientAsync();
        app.Stripe.Down = true;
        try
        {
            var down = await Problem.ReadAsync(await organizer.PostAsync($"/api/v1/symposia/{schedule.Id}/payments/reconcile", null, TestContext.Current.CancellationToken));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "payment.provider_unavailable"), (down.Status, down.Code));
        }
        finally
        {
            app.Stripe.Down = false;
        }
    }
}
