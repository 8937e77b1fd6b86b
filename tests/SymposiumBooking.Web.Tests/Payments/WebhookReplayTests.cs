using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>
/// A thousand signed deliveries — 700 distinct events, 300 redeliveries — in shuffled order from four concurrent
/// posters: every booking ends where its events say, and no mail or refund happens twice.
/// </summary>
public sealed class WebhookReplayTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_shuffled_deliveries_with_30_percent_duplicates_leave_every_booking_right_and_no_side_effect_twice()
    {
        var schedule = await app.ScheduleAsync(therapists: 37); // 296 slots
        var client = app.CreateClient();
        var slots = new Queue<Guid>(schedule.Slots.Select(s => s.Id));

        // Late payers: their hold lapses and someone else books the slot before Stripe's "completed" arrives.
        var late = await BookAsync(client, slots, 40);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var takers = new List<Guid>();
        foreach (var booking in late)
        {
            takers.Add((await client.BookAtTableAsync((await app.BookingRowAsync(booking)).SlotId)).Id);
        }

        var paid = await BookAsync(client, slots, 120);
        var expired = await BookAsync(client, slots, 100);
        var refundedAtStripe = await BookAsync(client, slots, 30);

        var events = new List<string>();
        foreach (var b in paid)
        {
            var session = app.Stripe.Pay(b);
            events.Add(app.Event("checkout.session.completed", session));
            events.Add(app.Event("payment_intent.succeeded", new JsonObject { ["id"] = session["payment_intent"]!.DeepClone(), ["object"] = "payment_intent" }));
            events.Add(app.Event("charge.succeeded", new JsonObject { ["id"] = $"ch_{b:N}", ["object"] = "charge", ["refunded"] = false }));
        }

        foreach (var b in expired)
        {
            events.Add(app.Event("checkout.session.expired", app.Stripe.Expire(b)));
            events.Add(app.Event("payment_intent.canceled", new JsonObject { ["id"] = $"pi_{b:N}", ["object"] = "payment_intent" }));
        }

        foreach (var b in late)
        {
            events.Add(app.Event("checkout.session.completed", app.Stripe.Pay(b)));
            events.Add(app.Event("charge.succeeded", new JsonObject { ["id"] = $"ch_{b:N}", ["object"] = "charge", ["refunded"] = false }));
        }

        foreach (var b in refundedAtStripe)
        {
            events.Add(app.Event("checkout.session.completed", app.Stripe.Pay(b)));
            events.Add(app.Event("charge.refunded", app.Stripe.RefundInDashboard(b)));
        }

        Assert.Equal(700, events.Count);
        var random = new Random(2027);
        var deliveries = events.Concat(Enumerable.Range(0, 300).Select(_ => events[random.Next(events.Count)])).ToArray();
        random.Shuffle(deliveries);
        var refundCallsBefore = app.Stripe.RequestsTo("POST", "/v1/refunds").Count;

        var outcomes = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (payload, _) =>
            outcomes.Add(await app.DeliverAsync(client, payload)));

        Assert.Equal(1000, outcomes.Count);
        Assert.Equal(300, outcomes.Count(o => o == "duplicate"));
        Assert.Equal(700, await app.ProcessedEventsAsync());

        var mails = await MailsByBookingAsync();
        var refunds = await RefundsByBookingAsync();
        var statuses = await StatusesAsync();
        Assert.All(paid, b => Assert.Equal((BookingStatus.Confirmed, 1), (statuses[b], mails.GetValueOrDefault((b, OutboxTypes.PaymentReceived)))));
        Assert.All(expired, b => Assert.Equal((BookingStatus.Expired, 0), (statuses[b], mails.Keys.Count(k => k.Booking == b))));
        Assert.All(late, b => Assert.Equal(
            (BookingStatus.Refunded, 1, 0, 1),
            (statuses[b], mails.GetValueOrDefault((b, OutboxTypes.PaymentRefunded)), mails.GetValueOrDefault((b, OutboxTypes.PaymentReceived)), refunds.GetValueOrDefault(b))));
        Assert.All(takers, b => Assert.Equal(BookingStatus.Confirmed, statuses[b]));
        Assert.All(refundedAtStripe, b =>
        {
            Assert.Equal((BookingStatus.Refunded, 1), (statuses[b], refunds.GetValueOrDefault(b)));
            Assert.InRange(mails.GetValueOrDefault((b, OutboxTypes.PaymentReceived)), 0, 1); // 1 when "completed" came first
            Assert.Equal(mails.GetValueOrDefault((b, OutboxTypes.PaymentReceived)), mails.GetValueOrDefault((b, OutboxTypes.BookingCancelled)));
        });

        var refundCalls = app.Stripe.RequestsTo("POST", "/v1/refunds").Skip(refundCallsBefore).ToList();
        Assert.Equal(40, refundCalls.Count); // one per late payer, none for anyone else
        Assert.Equal(late.Select(b => $"refund-{b}").Order(), refundCalls.Select(r => r.IdempotencyKey).Order());
    }

    private static async Task<List<Guid>> BookAsync(HttpClient client, Queue<Guid> slots, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await client.BookOnlineAsync(slots.Dequeue())).Id);
        }

        return ids;
    }

    private async Task<Dictionary<(Guid Booking, string Type), int>> MailsByBookingAsync()
    {
        await using var db = app.OpenDb();
        var rows = await db.Outbox.AsNoTracking().Select(o => new { o.Type, o.Payload }).ToListAsync(Ct);
        return rows
            .GroupBy(r => (Guid.Parse(JsonNode.Parse(r.Payload)!["bookingId"]!.GetValue<string>()), r.Type))
            .ToDictionary(g => g.Key, g => g.Count());
    }

    private async Task<Dictionary<Guid, int>> RefundsByBookingAsync()
    {
        await using var db = app.OpenDb();
        return await db.Refunds.AsNoTracking().GroupBy(r => r.BookingId).ToDictionaryAsync(g => g.Key, g => g.Count(), Ct);
    }

    private async Task<Dictionary<Guid, BookingStatus>> StatusesAsync()
    {
        await using var db = app.OpenDb();
        return await db.Bookings.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Status, Ct);
    }
}
