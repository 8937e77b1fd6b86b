using System.Net;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>An online booking gets its Stripe Checkout Session, made through Stripe.net against the fake Stripe.</summary>
public sealed class CheckoutTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static BookingPolicy Hold(Instant now, int minutes) => new(now, now + Duration.FromDays(366 * 300), 1, minutes, 24);

    [Fact]
    public async Task An_online_booking_gets_a_checkout_session_for_its_price_with_the_booking_in_metadata_expiring_with_the_hold()
    {
        var schedule = await app.ScheduleAsync(policy: now => Hold(now, 45));
        var client = app.CreateClient();
        var email = BookingSeed.UniqueEmail("pay");

        var booked = await client.BookOnlineAsync(schedule.Slots[0].Id, email);

        Assert.Equal(BookingStatus.AwaitingPayment, booked.Status);
        var call = Assert.Single(app.Stripe.RequestsTo("POST", "/v1/checkout/sessions"), r => r.Fields["client_reference_id"] == booked.Id.ToString());
        Assert.Equal($"checkout-{booked.Id}", call.IdempotencyKey);
        Assert.Equal("payment", call["mode"]);
        Assert.Equal("6000", call["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("usd", call["line_items[0][price_data][currency]"]);
        Assert.Equal("1", call["line_items[0][quantity]"]);
        Assert.Equal(booked.Id.ToString(), call["metadata[booking_id]"]);
        Assert.Equal(schedule.Id.ToString(), call["metadata[symposium_id]"]);
        Assert.Equal(email, call["customer_email"]);
        Assert.Equal(booked.HoldExpiresAt!.Value.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), call["expires_at"]);
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(45), booked.HoldExpiresAt);
        Assert.Equal($"http://127.0.0.1:5080/bookings/{booked.Id}?payment=done", call["success_url"]);
        Assert.Equal($"http://127.0.0.1:5080/bookings/{booked.Id}?payment=cancelled", call["cancel_url"]);
        Assert.Equal((string)app.Stripe.SessionOf(booked.Id)["url"]!, booked.CheckoutUrl);

        var seen = await (await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", booked.Token)).ReadAsync<BookingView>();
        Assert.Equal(booked.CheckoutUrl, seen.CheckoutUrl); // "Pay now" goes back to the same session
    }

    [Fact]
    public async Task A_thirty_minute_hold_gets_a_session_that_expires_a_minute_later_because_stripe_refuses_less_than_thirty_minutes()
    {
        var schedule = await app.ScheduleAsync(policy: now => Hold(now, 30));
        var booked = await app.CreateClient().BookOnlineAsync(schedule.Slots[0].Id);

        var call = Assert.Single(app.Stripe.RequestsTo("POST", "/v1/checkout/sessions"), r => r.Fields["client_reference_id"] == booked.Id.ToString());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30), booked.HoldExpiresAt);
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(31).ToUnixTimeSeconds(), long.Parse(call["expires_at"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_hold_shorter_than_thirty_minutes_in_an_old_policy_is_raised_to_thirty_for_online_payment()
    {
        var schedule = await app.ScheduleAsync(policy: now => Hold(now, 10));
        var booked = await app.CreateClient().BookOnlineAsync(schedule.Slots[0].Id);

        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30), booked.HoldExpiresAt);
    }

    [Fact]
    public async Task A_retried_booking_with_the_same_idempotency_key_answers_the_same_checkout_url_and_makes_one_session()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var body = BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail(), rate: "standard", payment: "online");
        var key = Guid.NewGuid().ToString();

        var first = await (await client.BookAsync(body, key)).ReadAsync<BookingView>();
        var again = await client.BookAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var second = await again.ReadAsync<BookingView>();
        Assert.Equal((first.Id, first.CheckoutUrl), (second.Id, second.CheckoutUrl));
        Assert.NotNull(first.CheckoutUrl);
        Assert.Single(app.Stripe.RequestsTo("POST", "/v1/checkout/sessions"), r => r.Fields["client_reference_id"] == first.Id.ToString());
    }

    [Fact]
    public async Task When_stripe_is_down_the_booking_is_503_provider_unavailable_nothing_is_written_and_the_slot_stays_free()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var before = await app.RowCountsAsync();
        app.Stripe.Down = true;
        try
        {
            var refused = await Problem.ReadAsync(await client.BookAsync(
                BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail(), rate: "standard", payment: "online"), Guid.NewGuid().ToString()));

            Assert.Equal((HttpStatusCode.ServiceUnavailable, "payment.provider_unavailable"), (refused.Status, refused.Code));
        }
        finally
        {
            app.Stripe.Down = false;
        }

        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Contains(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
        var later = await client.BookOnlineAsync(schedule.Slots[0].Id); // once Stripe is back the same slot books
        Assert.NotNull(later.CheckoutUrl);
    }
}
