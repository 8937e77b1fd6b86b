using System.Net;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>
/// Many attendees at once, through HTTP, on a real PostgreSQL: every request is started before any is awaited, so
/// they contend in the database (the harness pool holds 30 connections; the rest queue for one, as on a server).
/// </summary>
public sealed class BookingRaceTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Two_hundred_attendees_racing_for_twenty_slots_leave_exactly_one_booking_per_slot_and_409_for_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        var schedule = await app.ScheduleAsync(therapists: 3);
        var contested = schedule.Slots.Take(20).Select(s => s.Id).ToList();
        var client = app.CreateClient();

        // Warm the app (EF compiles its queries once) so that the race measures PostgreSQL, not the JIT.
        await client.BookAtTableAsync(schedule.Slots[^1].Id);

        var attempts = Enumerable.Range(0, 200)
            .Select(i => client.BookAsync(BookingBodies.Booking(contested[i % 20], $"racer{i}@example.org", rate: "standard")))
            .ToList();
        var answers = await Task.WhenAll(attempts);

        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500);
        var won = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        var lost = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(20, won.Count);
        Assert.Equal(180, lost.Count);
        foreach (var (loser, i) in answers.Select((a, i) => (a, i)).Where(x => x.a.StatusCode != HttpStatusCode.Created))
        {
            var problem = await Problem.ReadAsync(loser);
            Assert.Equal(HttpStatusCode.Conflict, problem.Status);
            Assert.Equal("booking.slot_unavailable", problem.Code);
            // Whether it lost at the lookup or at the unique index, it is offered other times (the day has 24 slots, at
            // most 21 of them taken), never the one it lost.
            var offered = problem.Body.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
            Assert.NotEmpty(offered);
            Assert.DoesNotContain(contested[i % 20], offered);
        }

        var winners = await Task.WhenAll(won.Select(w => w.ReadAsync<BookingView>()));
        Assert.Equal(contested.Order(), winners.Select(w => w.Slot.Id).Order());

        await using var db = app.OpenDb();
        var rows = await db.Bookings.Where(b => contested.Contains(b.SlotId)).ToListAsync(ct);
        Assert.Equal(20, rows.Count);
        Assert.Equal(contested.Order(), rows.Select(b => b.SlotId).Order());
        Assert.All(rows, b => Assert.Equal(BookingStatus.Confirmed, b.Status));
        var ids = rows.Select(b => b.Id).ToList();
        Assert.Equal(20, await db.Intakes.CountAsync(i => ids.Contains(i.BookingId), ct));
        Assert.Empty(await app.SlotHoldMismatchesAsync(schedule.Id));
    }

    [Fact]
    public async Task Fifty_parallel_reduced_rate_bookings_from_one_person_make_exactly_one_and_refuse_the_rest_with_422()
    {
        var ct = TestContext.Current.CancellationToken;
        var schedule = await app.ScheduleAsync(therapists: 7); // 56 slots, limit 1
        var client = app.CreateClient();
        // One person, written the ways a phone's autofill and a hurried thumb write it.
        string[] spellings = ["sam.lee@example.org", "Sam.Lee@Example.org", " sam.lee@example.org ", "SAM.LEE@EXAMPLE.ORG"];
        await client.BookAtTableAsync(schedule.Slots[^1].Id, rate: "reduced"); // warm-up, someone else

        var attempts = Enumerable.Range(0, 50)
            .Select(i => client.BookAsync(BookingBodies.Booking(schedule.Slots[i].Id, spellings[i % spellings.Length], rate: "reduced")))
            .ToList();
        var answers = await Task.WhenAll(attempts);

        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            var problem = await Problem.ReadAsync(refused);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, problem.Status);
            Assert.Equal("booking.reduced_rate_limit", problem.Code);
        }

        await using var db = app.OpenDb();
        var rows = await db.Bookings.Where(b => b.SymposiumId == schedule.Id && b.NormalizedEmail == "sam.lee@example.org").ToListAsync(ct);
        var only = Assert.Single(rows);
        Assert.Equal(Rate.Reduced, only.Rate);
        Assert.Equal("sam.lee@example.org", only.NormalizedEmail);
    }

    [Fact]
    public async Task A_reschedule_racing_a_new_booking_for_the_same_slot_lets_exactly_one_win_and_leaves_the_loser_unchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        const int pairs = 20;
        var schedule = await app.ScheduleAsync(therapists: 5); // 40 slots: an old and a target slot per pair
        var client = app.CreateClient();
        var olds = schedule.Slots.Take(pairs).ToList();
        var targets = schedule.Slots.Skip(pairs).Take(pairs).ToList();
        var movers = new List<BookingView>();
        foreach (var old in olds)
        {
            movers.Add(await client.BookAtTableAsync(old.Id));
        }

        var newcomers = Enumerable.Range(0, pairs).Select(i => $"newcomer{i}@example.org").ToList();
        var reschedules = new List<Task<HttpResponseMessage>>();
        var bookings = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < pairs; i++)
        {
            // Alternate who is sent first, so neither side always has a head start.
            var move = () => client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{movers[i].Id}/reschedule", movers[i].Token, new { slotId = targets[i].Id });
            var book = () => client.BookAsync(BookingBodies.Booking(targets[i].Id, newcomers[i], rate: "standard"));
            if (i % 2 == 0)
            {
                reschedules.Add(move());
                bookings.Add(book());
            }
            else
            {
                bookings.Add(book());
                reschedules.Add(move());
            }
        }

        var moved = await Task.WhenAll(reschedules);
        var booked = await Task.WhenAll(bookings);

        await using var db = app.OpenDb();
        var rows = await db.Bookings.AsNoTracking().Where(b => b.SymposiumId == schedule.Id).ToListAsync(ct);
        for (var i = 0; i < pairs; i++)
        {
            Assert.True((int)moved[i].StatusCode < 500 && (int)booked[i].StatusCode < 500, $"pair {i}: {moved[i].StatusCode} / {booked[i].StatusCode}");
            var moveWon = moved[i].StatusCode == HttpStatusCode.OK;
            var bookWon = booked[i].StatusCode == HttpStatusCode.Created;
            Assert.True(moveWon ^ bookWon, $"pair {i}: exactly one wins, got {moved[i].StatusCode} / {booked[i].StatusCode}");
            var loser = await Problem.ReadAsync(moveWon ? booked[i] : moved[i]);
            Assert.Equal(HttpStatusCode.Conflict, loser.Status);
            Assert.Equal("booking.slot_unavailable", loser.Code);

            var mover = rows.Single(b => b.Id == movers[i].Id);
            Assert.Equal(BookingStatus.Confirmed, mover.Status);
            if (moveWon)
            {
                Assert.Equal(targets[i].Id, mover.SlotId);
                Assert.Equal(1, mover.Sequence);
                Assert.DoesNotContain(rows, b => b.NormalizedEmail == newcomers[i]);
            }
            else
            {
                Assert.Equal(olds[i].Id, mover.SlotId);
                Assert.Equal(0, mover.Sequence);
                Assert.Equal(targets[i].Id, rows.Single(b => b.NormalizedEmail == newcomers[i]).SlotId);
            }
        }

        Assert.Equal(pairs, rows.Count(b => targets.Any(t => t.Id == b.SlotId)));
        // Every moved booking freed its old slot and holds its new one in the slots' own rows too (docs/adr/0032).
        Assert.Empty(await app.SlotHoldMismatchesAsync(schedule.Id));
        var free = await client.AvailableSlotsAsync(schedule.Id);
        for (var i = 0; i < pairs; i++)
        {
            Assert.Equal(moved[i].StatusCode == HttpStatusCode.OK, free.Any(s => s.Id == olds[i].Id));
            Assert.DoesNotContain(free, s => s.Id == targets[i].Id);
        }
    }
}
