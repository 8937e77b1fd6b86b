using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Payments;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>
/// Two changes of one booking at the same moment (docs/adr/0051): a cancel and the payment webhook, a cancel and a
/// move, moves against each other. Each round books several bookings, holds their rows (<see cref="RowGate"/>) while
/// every request of the round starts, reads and queues, then lets them all go: the widest race, on every run, in both
/// orders. The end state is checked in the database, the outbox and the fake Stripe.
/// </summary>
public sealed class BookingChangeRaceTests(StripeApp app) : IClassFixture<StripeApp>
{
    private const int Rounds = 3;
    private const int PerRound = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cancel_racing_the_payment_webhook_ends_refunded_in_either_order_and_never_cancelled_but_paid()
    {
        var schedule = await app.ScheduleAsync(therapists: 2);
        var clients = Enumerable.Range(0, PerRound).Select(_ => app.CreateClient()).ToList();
        var outcomes = new HashSet<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var booked = new List<BookingView>();
            for (var i = 0; i < PerRound; i++)
            {
                booked.Add(await clients[i].BookOnlineAsync(schedule.Slots[(round * PerRound) + i].Id));
            }

            var paid = booked.Select(b => app.Event("checkout.session.completed", app.Stripe.Pay(b.Id))).ToList();
            Task<HttpResponseMessage> Cancel(int i) => clients[i].WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked[i].Id}/cancel", booked[i].Token);
            Task<HttpResponseMessage> Pay(int i) => app.PostEventAsync(clients[i], paid[i]);

            // Even pairs queue the cancel first, odd pairs the payment.
            await using var gate = await RowGate.LockAsync(app, booked.Select(b => b.Id));
            var first = Enumerable.Range(0, PerRound).Select(i => i % 2 == 0 ? Cancel(i) : Pay(i)).ToList();
            await gate.WaitForWaitersAsync(PerRound);
            var second = Enumerable.Range(0, PerRound).Select(i => i % 2 == 0 ? Pay(i) : Cancel(i)).ToList();
            await gate.WaitForWaitersAsync(2 * PerRound);
            await gate.ReleaseAsync();
            await Task.WhenAll(first.Concat(second));

            for (var i = 0; i < PerRound; i++)
            {
                var (cancel, payment) = i % 2 == 0 ? (await first[i], await second[i]) : (await second[i], await first[i]);
                Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
                var outcome = (string)(await payment.OkAsync<JsonObject>())["outcome"]!;
                outcomes.Add(outcome);
                var id = booked[i].Id;
                var row = await app.BookingRowAsync(id);
                await using var db = app.OpenDb();
                var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.BookingId == id, Ct); // paid, so refunded: exactly once
                Assert.Single(app.Stripe.RequestsTo("POST", "/v1/refunds"), r => r.IdempotencyKey == $"refund-{id}");
                switch (outcome)
                {
                    case "confirmed": // the payment first: the cancel saw a paid booking and refunded it
                        Assert.Equal((BookingStatus.Cancelled, RefundReason.AttendeeCancelled), (row.Status, refund.Reason));
                        Assert.Equal(1, await app.MailsAsync(id, OutboxTypes.PaymentReceived));
                        Assert.Equal(1, await app.MailsAsync(id, OutboxTypes.BookingCancelled));
                        break;
                    case "refunded_late": // the cancel first: the payment found a cancelled booking and went back
                        Assert.Equal((BookingStatus.Refunded, RefundReason.SlotTakenAfterHold), (row.Status, refund.Reason));
                        Assert.Equal(0, await app.MailsAsync(id, OutboxTypes.PaymentReceived));
                        Assert.Equal(1, await app.MailsAsync(id, OutboxTypes.PaymentRefunded));
                        break;
                    default:
                        Assert.Fail($"The payment of booking {i} in round {round} answered {outcome}.");
                        break;
                }
            }
        }

        Assert.Equal(["confirmed", "refunded_late"], outcomes.Order());
        Assert.Empty(await app.SlotHoldMismatchesAsync(schedule.Id));
    }

    [Fact]
    public async Task A_cancel_racing_a_reschedule_ends_cancelled_and_never_sends_a_moved_mail_after_the_cancel()
    {
        var schedule = await app.ScheduleAsync(therapists: 3);
        var clients = Enumerable.Range(0, PerRound).Select(_ => app.CreateClient()).ToList();
        var movedFirst = 0;
        var cancelledFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var from = schedule.Slots.Skip(round * 2 * PerRound).Take(PerRound).ToList();
            var to = schedule.Slots.Skip((round * 2 * PerRound) + PerRound).Take(PerRound).ToList();
            var booked = new List<BookingView>();
            for (var i = 0; i < PerRound; i++)
            {
                booked.Add(await clients[i].BookAtTableAsync(from[i].Id));
            }

            Task<HttpResponseMessage> Cancel(int i) => clients[i].WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked[i].Id}/cancel", booked[i].Token);
            Task<HttpResponseMessage> Move(int i) =>
                clients[i].WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked[i].Id}/reschedule", booked[i].Token, new { slotId = to[i].Id });

            await using var gate = await RowGate.LockAsync(app, booked.Select(b => b.Id));
            var first = Enumerable.Range(0, PerRound).Select(i => i % 2 == 0 ? Cancel(i) : Move(i)).ToList();
            await gate.WaitForWaitersAsync(PerRound);
            var second = Enumerable.Range(0, PerRound).Select(i => i % 2 == 0 ? Move(i) : Cancel(i)).ToList();
            await gate.WaitForWaitersAsync(2 * PerRound);
            await gate.ReleaseAsync();
            await Task.WhenAll(first.Concat(second));

            for (var i = 0; i < PerRound; i++)
            {
                var (cancel, move) = i % 2 == 0 ? (await first[i], await second[i]) : (await second[i], await first[i]);
                Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
                var id = booked[i].Id;
                var row = await app.BookingRowAsync(id);
                Assert.Equal(BookingStatus.Cancelled, row.Status);
                var mails = await MailsAsync(id);
                var cancelMail = Assert.Single(mails, m => m.Type == OutboxTypes.BookingCancelled);
                if (move.StatusCode == HttpStatusCode.OK)
                {
                    // Moved, then cancelled where it had moved to: the moved mail went out before the cancel's.
                    movedFirst++;
                    var moved = Assert.Single(mails, m => m.Type == OutboxTypes.BookingRescheduled);
                    Assert.True(moved.Sequence < cancelMail.Sequence);
                    Assert.Equal(to[i].Id, row.SlotId);
                }
                else
                {
                    cancelledFirst++;
                    var problem = await Problem.ReadAsync(move);
                    Assert.Equal((HttpStatusCode.Conflict, "booking.changed"), (problem.Status, problem.Code));
                    Assert.DoesNotContain(mails, m => m.Type == OutboxTypes.BookingRescheduled);
                    Assert.Equal(from[i].Id, row.SlotId);
                }
            }

            var free = (await clients[0].AvailableSlotsAsync(schedule.Id)).Select(s => s.Id).ToHashSet();
            Assert.All(from.Concat(to), s => Assert.Contains(s.Id, free)); // both times free again, whichever won
        }

        Assert.True(movedFirst > 0 && cancelledFirst > 0, $"moved first {movedFirst}, cancelled first {cancelledFirst}");
        Assert.Empty(await app.SlotHoldMismatchesAsync(schedule.Id));
    }

    [Fact]
    public async Task Three_reschedules_racing_on_one_booking_apply_exactly_one_and_answer_409_booking_changed_to_the_others()
    {
        const int Bookings = 3;
        const int Moves = 3;
        var schedule = await app.ScheduleAsync(therapists: 3);
        var clients = Enumerable.Range(0, Moves).Select(_ => app.CreateClient()).ToList();
        for (var round = 0; round < 2; round++)
        {
            var slots = schedule.Slots.Skip(round * Bookings * (Moves + 1)).Take(Bookings * (Moves + 1)).ToList();
            var booked = new List<BookingView>();
            var targets = new List<List<Guid>>();
            for (var b = 0; b < Bookings; b++)
            {
                booked.Add(await clients[0].BookAtTableAsync(slots[b * (Moves + 1)].Id));
                targets.Add([.. slots.Skip((b * (Moves + 1)) + 1).Take(Moves).Select(s => s.Id)]);
            }

            await using var gate = await RowGate.LockAsync(app, booked.Select(b => b.Id));
            var started = (
                    from b in Enumerable.Range(0, Bookings)
                    from m in Enumerable.Range(0, Moves)
                    select (b, Target: targets[b][m], Answer: clients[m].WithTokenAsync(
                        HttpMethod.Post, $"/api/v1/bookings/{booked[b].Id}/reschedule", booked[b].Token, new { slotId = targets[b][m] })))
                .ToList();
            await gate.WaitForWaitersAsync(Bookings * Moves); // every move has read the booking as it was
            await gate.ReleaseAsync();
            var answers = await Task.WhenAll(started.Select(m => m.Answer));
            var moves = started.Zip(answers, (m, answer) => (m.b, m.Target, Answer: answer)).ToList();

            var free = (await clients[0].AvailableSlotsAsync(schedule.Id)).Select(s => s.Id).ToHashSet();
            for (var b = 0; b < Bookings; b++)
            {
                var mine = moves.Where(m => m.b == b).ToList();
                var won = Assert.Single(mine, m => m.Answer.StatusCode == HttpStatusCode.OK);
                foreach (var lost in mine.Where(m => m.Answer.StatusCode != HttpStatusCode.OK))
                {
                    var problem = await Problem.ReadAsync(lost.Answer);
                    Assert.Equal((HttpStatusCode.Conflict, "booking.changed"), (problem.Status, problem.Code));
                    Assert.Contains(lost.Target, free);
                }

                var row = await app.BookingRowAsync(booked[b].Id);
                Assert.Equal((BookingStatus.Confirmed, won.Target, 1), (row.Status, row.SlotId, row.Sequence));
                Assert.Equal((await won.Answer.ReadAsync<BookingView>()).Slot.Id, won.Target);
                var moved = Assert.Single(await MailsAsync(booked[b].Id), m => m.Type == OutboxTypes.BookingRescheduled);
                Assert.Equal(1, moved.Sequence);
                Assert.Contains(slots[b * (Moves + 1)].Id, free);
                Assert.DoesNotContain(won.Target, free);
            }
        }

        Assert.Empty(await app.SlotHoldMismatchesAsync(schedule.Id));
    }

    private async Task<List<Mail>> MailsAsync(Guid bookingId)
    {
        await using var db = app.OpenDb();
        return await db.Database.SqlQuery<Mail>($"""
            SELECT type AS "Type", (payload->>'sequence')::int AS "Sequence"
            FROM outbox_messages WHERE payload->>'bookingId' = {bookingId.ToString()}
            """).ToListAsync(Ct);
    }

    private sealed record Mail(string Type, int Sequence);
}
