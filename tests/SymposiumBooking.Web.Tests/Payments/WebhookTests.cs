using System.Net;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>Stripe's signed events posted to the webhook, in every order Stripe may send them.</summary>
public sealed class WebhookTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Schedule Schedule, BookingView Booking, HttpClient Client)> HeldAsync()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        return (schedule, await client.BookOnlineAsync(schedule.Slots[0].Id), client);
    }

    [Fact]
    public async Task A_completed_paid_session_confirms_the_booking_and_queues_one_payment_received_mail()
    {
        var (_, booked, client) = await HeldAsync();

        var outcome = await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id)));

        Assert.Equal("confirmed", outcome);
        var seen = await (await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", booked.Token)).ReadAsync<BookingView>();
        Assert.Equal((BookingStatus.Confirmed, null, null), (seen.Status, seen.HoldExpiresAt, seen.CheckoutUrl));
        Assert.Equal(1, await app.MailsAsync(booked.Id, OutboxTypes.PaymentReceived));
    }

    [Fact]
    public async Task The_same_completed_event_delivered_five_times_confirms_once_and_mails_once()
    {
        var (_, booked, client) = await HeldAsync();
        var payload = app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id));

        var outcomes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await app.DeliverAsync(client, payload));
        }

        Assert.Equal(["confirmed", "duplicate", "duplicate", "duplicate", "duplicate"], outcomes);
        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(booked.Id));
        Assert.Equal(1, (await app.BookingRowAsync(booked.Id)).Sequence);
        Assert.Equal(1, await app.MailsAsync(booked.Id, OutboxTypes.PaymentReceived));
    }

    [Fact]
    public async Task An_expired_event_after_completed_leaves_the_booking_confirmed()
    {
        var (schedule, booked, client) = await HeldAsync();
        var completed = app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id));
        var expired = app.Event("checkout.session.expired", app.Stripe.Expire(booked.Id));

        await app.DeliverAsync(client, completed);
        Assert.Equal("already_applied", await app.DeliverAsync(client, expired));

        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(booked.Id));
        Assert.DoesNotContain(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
    }

    [Fact]
    public async Task An_expired_event_releases_an_unpaid_hold_and_the_slot_is_free_again()
    {
        var (schedule, booked, client) = await HeldAsync();

        Assert.Equal("released", await app.DeliverAsync(client, app.Event("checkout.session.expired", app.Stripe.Expire(booked.Id))));

        Assert.Equal(BookingStatus.Expired, await app.StatusAsync(booked.Id));
        Assert.Contains(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
        Assert.Equal(0, await app.MailsAsync(booked.Id, OutboxTypes.BookingCancelled)); // an unpaid hold never had an invite
    }

    [Fact]
    public async Task A_completed_event_after_expired_still_confirms_when_the_slot_is_free()
    {
        var (schedule, booked, client) = await HeldAsync();
        var expired = app.Event("checkout.session.expired", app.Stripe.Expire(booked.Id));
        var completed = app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id));

        await app.DeliverAsync(client, expired);
        Assert.Equal("confirmed_late", await app.DeliverAsync(client, completed));

        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(booked.Id));
        Assert.DoesNotContain(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
        Assert.Equal(1, await app.MailsAsync(booked.Id, OutboxTypes.PaymentReceived));
        Assert.DoesNotContain(app.Stripe.RequestsTo("POST", "/v1/refunds"), r => r.IdempotencyKey == $"refund-{booked.Id}");
    }

    [Fact]
    public async Task A_late_payment_whose_slot_was_taken_is_refunded_exactly_once_and_the_attendee_is_told()
    {
        var (schedule, booked, client) = await HeldAsync();
        app.Clock.SetUtcNow(booked.HoldExpiresAt!.Value.AddMinutes(5));
        var other = await client.BookAtTableAsync(schedule.Slots[0].Id); // the lapsed hold's slot goes to someone else
        var completed = app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id));

        Assert.Equal("refunded_late", await app.DeliverAsync(client, completed));
        Assert.Equal("duplicate", await app.DeliverAsync(client, completed));

        var refundCall = Assert.Single(app.Stripe.RequestsTo("POST", "/v1/refunds"), r => r.Fields["metadata[booking_id]"] == booked.Id.ToString());
        Assert.Equal(($"refund-{booked.Id}", (string)app.Stripe.SessionOf(booked.Id)["payment_intent"]!), (refundCall.IdempotencyKey, refundCall["payment_intent"]));
        Assert.Equal(BookingStatus.Refunded, await app.StatusAsync(booked.Id));
        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(other.Id));
        await using var db = app.OpenDb();
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.BookingId == booked.Id, Ct);
        Assert.Equal((RefundReason.SlotTakenAfterHold, 6000L, "USD"), (refund.Reason, refund.AmountCents, refund.Currency));
        Assert.Equal(app.Stripe.Refunds.Single(r => (string?)r["payment_intent"] == refundCall["payment_intent"])["id"]!.ToString(), refund.StripeRefundId);
        Assert.Equal(1, await app.MailsAsync(booked.Id, OutboxTypes.PaymentRefunded));
        Assert.Equal(0, await app.MailsAsync(booked.Id, OutboxTypes.PaymentReceived));

        // Stripe then reports the refund it made for us: recorded already, nothing more happens.
        var echo = app.Event("charge.refunded", FakeStripe.Charge(app.Stripe.SessionOf(booked.Id), app.Stripe.Refunds.Single(r => (string?)r["id"] == refund.StripeRefundId)));
        Assert.Equal("already_applied", await app.DeliverAsync(client, echo));
        Assert.Single(app.Stripe.RequestsTo("POST", "/v1/refunds"), r => r.Fields["metadata[booking_id]"] == booked.Id.ToString());
        Assert.Equal(1, await db.Refunds.CountAsync(r => r.BookingId == booked.Id, Ct));
    }

    [Fact]
    public async Task A_forged_signature_is_400_invalid_signature_and_changes_nothing()
    {
        var (_, booked, client) = await HeldAsync();
        var payload = app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id));
        var events = await app.ProcessedEventsAsync();

        var forged = await Problem.ReadAsync(await app.PostEventAsync(client, payload, app.Sign(payload, secret: "whsec_someone_else")));
        var unsigned = await Problem.ReadAsync(await app.PostEventAsync(client, payload, withoutSignature: true));
        var tampered = await Problem.ReadAsync(await app.PostEventAsync(client, payload.Replace("\"paid\"", "\"paid\" ", StringComparison.Ordinal), app.Sign(payload)));

        Assert.All([forged, unsigned, tampered], p => Assert.Equal((HttpStatusCode.BadRequest, "payment.invalid_signature"), (p.Status, p.Code)));
        Assert.Equal(BookingStatus.AwaitingPayment, await app.StatusAsync(booked.Id));
        Assert.Equal(events, await app.ProcessedEventsAsync());
        Assert.Equal("confirmed", await app.DeliverAsync(client, payload)); // the genuine event, later, still counts
    }

    [Fact]
    public async Task An_event_signed_more_than_five_minutes_ago_is_400_and_changes_nothing()
    {
        var (_, booked, client) = await HeldAsync();
        var payload = app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id));

        var stale = await Problem.ReadAsync(await app.PostEventAsync(client, payload, app.Sign(payload, app.Clock.GetUtcNow().AddSeconds(-301))));

        Assert.Equal((HttpStatusCode.BadRequest, "payment.invalid_signature"), (stale.Status, stale.Code));
        Assert.Equal(BookingStatus.AwaitingPayment, await app.StatusAsync(booked.Id));
        Assert.Equal(0, await app.MailsAsync(booked.Id, OutboxTypes.PaymentReceived));
    }

    [Fact]
    public async Task A_refund_made_in_stripes_dashboard_ends_a_confirmed_booking_and_frees_its_slot()
    {
        var (schedule, booked, client) = await HeldAsync();
        await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id)));

        Assert.Equal("refunded", await app.DeliverAsync(client, app.Event("charge.refunded", app.Stripe.RefundInDashboard(booked.Id))));

        Assert.Equal(BookingStatus.Refunded, await app.StatusAsync(booked.Id));
        Assert.Contains(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
        Assert.Equal(1, await app.MailsAsync(booked.Id, OutboxTypes.BookingCancelled)); // the invite it had is withdrawn
        Assert.DoesNotContain(app.Stripe.RequestsTo("POST", "/v1/refunds"), r => r.Fields["metadata[booking_id]"] == booked.Id.ToString());
    }

    [Fact]
    public async Task Events_of_other_types_or_for_unknown_bookings_are_acknowledged_and_change_nothing()
    {
        var (_, booked, client) = await HeldAsync();
        var stranger = app.Stripe.Pay(booked.Id);
        stranger["client_reference_id"] = Guid.NewGuid().ToString();
        stranger["metadata"]!["booking_id"] = stranger["client_reference_id"]!.ToString();

        Assert.Equal("unknown_booking", await app.DeliverAsync(client, app.Event("checkout.session.completed", stranger)));
        Assert.Equal("ignored", await app.DeliverAsync(client, app.Event("customer.created", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_1", ["object"] = "customer" })));
        Assert.Equal(BookingStatus.AwaitingPayment, await app.StatusAsync(booked.Id));
    }
}
