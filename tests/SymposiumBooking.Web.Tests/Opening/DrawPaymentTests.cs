using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Payments;
using static SymposiumBooking.Web.Tests.Opening.DrawCalls;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Opening;

/// <summary>
/// A request paid online that wins (docs/fair-opening.md, docs/adr/0151): its slot is held for the policy's hold from
/// the draw, its result mail is queued, its Checkout Session is made when it comes to pay, and Stripe's word confirms it.
/// </summary>
public sealed class DrawPaymentTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_online_winner_is_held_pays_through_a_session_made_when_asked_and_is_confirmed_by_the_webhook()
    {
        var (schedule, _) = await app.OpenForRequestsAsync();
        var made = await app.SubmitAsync(schedule.Id, Request(BookingSeed.UniqueEmail("online"), [Slot(schedule.Slots[0].Id)], payment: "online"));
        var token = made.Text("token");
        app.Clock.Advance(TimeSpan.FromDays(1));
        var organizer = await app.SignedInClientAsync();
        await organizer.PostEmptyAsync(DrawPath(schedule.Id)).ExpectAsync(HttpStatusCode.OK);

        var client = app.CreateClient();
        var request = await client.SendAsync(WithToken(HttpMethod.Get, $"/api/v1/requests/{made.Id()}", token), Ct).ExpectAsync(HttpStatusCode.OK);
        var bookingId = request.GetProperty("bookingId").GetGuid();
        var booking = await app.BookingRowAsync(bookingId);
        Assert.Equal(BookingStatus.AwaitingPayment, booking.Status);
        Assert.Equal(app.Now() + Duration.FromMinutes(30), booking.HoldExpiresAt);
        await using (var db = app.OpenDb())
        {
            var results = await db.Outbox.Where(m => m.Type == OutboxTypes.DrawResult).Select(m => m.Payload).ToListAsync(Ct);
            Assert.Contains(results, p => p.Contains(made.Id(), StringComparison.Ordinal));
        }

        var checkoutPath = $"/api/v1/bookings/{bookingId}/checkout";
        var first = await client.SendAsync(WithToken(HttpMethod.Post, checkoutPath, token, "X-Booking-Token"), Ct).ExpectAsync(HttpStatusCode.OK);
        var second = await client.SendAsync(WithToken(HttpMethod.Post, checkoutPath, token, "X-Booking-Token"), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.StartsWith("http", first.Text("checkoutUrl"), StringComparison.Ordinal);
        Assert.Equal(first.Text("checkoutUrl"), second.Text("checkoutUrl"));

        Assert.Equal("confirmed", await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(bookingId))));
        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(bookingId));
        Assert.Equal(1, await app.MailsAsync(bookingId, OutboxTypes.PaymentReceived));
        var paid = await client.SendAsync(WithToken(HttpMethod.Post, checkoutPath, token, "X-Booking-Token"), Ct);
        Assert.Equal("payment.not_payable", (await Problem.ReadAsync(paid)).Code);
    }
}
