using System.Net;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>Paid online bookings go back: the attendee cancelling in time, or an organizer from the bookings list.</summary>
public sealed class RefundTests(StripeApp app) : IClassFixture<StripeApp>
{
    private async Task<(Schedule Schedule, Features.Bookings.BookingView Booking, HttpClient Client)> PaidAsync()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var booked = await client.BookOnlineAsync(schedule.Slots[0].Id);
        Assert.Equal("confirmed", await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id))));
        return (schedule, booked, client);
    }

    private int RefundCalls(Guid bookingId) => app.Stripe.RequestsTo("POST", "/v1/refunds").Count(r => r.IdempotencyKey == $"refund-{bookingId}");

    [Fact]
    public async Task Cancelling_a_paid_booking_before_the_cutoff_refunds_it_in_full_once_even_when_cancelled_twice()
    {
        var (schedule, booked, client) = await PaidAsync();

        var first = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/cancel", booked.Token);
        var again = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/cancel", booked.Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(1, RefundCalls(booked.Id));
        Assert.Equal(BookingStatus.Cancelled, await app.StatusAsync(booked.Id));
        await using var db = app.OpenDb();
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.BookingId == booked.Id, TestContext.Current.CancellationToken);
        Assert.Equal((RefundReason.AttendeeCancelled, 6000L), (refund.Reason, refund.AmountCents));
        Assert.StartsWith("re_", refund.StripeRefundId, StringComparison.Ordinal);
        Assert.Contains(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
    }

    [Fact]
    public async Task When_stripe_is_down_a_paid_booking_cannot_be_cancelled_and_stays_booked()
    {
        var (_, booked, client) = await PaidAsync();
        app.Stripe.Down = true;
        try
        {
            var refused = await Problem.ReadAsync(await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/cancel", booked.Token));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "payment.provider_unavailable"), (refused.Status, refused.Code));
        }
        finally
        {
            app.Stripe.Down = false;
        }

        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(booked.Id));
        await using var db = app.OpenDb();
        Assert.False(await db.Refunds.AnyAsync(r => r.BookingId == booked.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_organizer_refunds_a_paid_booking_once_and_it_ends_refunded_with_its_slot_free()
    {
        var (schedule, booked, client) = await PaidAsync();
        var organizer = await app.SignedInClientAsync();

        var first = await (await organizer.RefundAsync(schedule.Id, booked.Id)).OkAsync<RefundView>();
        var again = await (await organizer.RefundAsync(schedule.Id, booked.Id)).OkAsync<RefundView>();

        Assert.Equal((BookingStatus.Refunded, "organizer", 6000L, "USD"), (first.Status, first.Reason, first.AmountCents, first.Currency));
        Assert.Equal(first.StripeRefundId, again.StripeRefundId);
        Assert.Equal(1, RefundCalls(booked.Id));
        Assert.Equal(BookingStatus.Refunded, await app.StatusAsync(booked.Id));
        Assert.Contains(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
    }

    [Fact]
    public async Task Organizers_racing_to_refund_one_booking_make_one_refund_request()
    {
        var (schedule, booked, _) = await PaidAsync();
        var organizer = await app.SignedInClientAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => organizer.RefundAsync(schedule.Id, booked.Id)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, RefundCalls(booked.Id));
    }

    [Fact]
    public async Task Refunding_a_booking_paid_at_the_table_is_422_not_paid_and_only_organizers_may_refund()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var atTable = await client.BookAtTableAsync(schedule.Slots[1].Id);
        var organizer = await app.SignedInClientAsync();

        var notPaid = await Problem.ReadAsync(await organizer.RefundAsync(schedule.Id, atTable.Id));
        var anonymous = await client.RefundAsync(schedule.Id, atTable.Id);
        var otherSymposium = await organizer.RefundAsync(Guid.NewGuid(), atTable.Id);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "payment.not_paid"), (notPaid.Status, notPaid.Code));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherSymposium.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(atTable.Id));
    }
}
