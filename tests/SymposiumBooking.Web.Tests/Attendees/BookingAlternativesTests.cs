using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>
/// A refused booking of a taken slot names the free times nearest it on the same day (docs/attendees.md), so that a
/// phone can offer them at once instead of reloading the whole list.
/// </summary>
public sealed class BookingAlternativesTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task A_taken_slot_is_refused_with_the_five_nearest_free_times_of_that_day_nearest_first()
    {
        var ct = TestContext.Current.CancellationToken;
        // Two therapists, 09:00–16:00 on the first day (an hour apart); the first also works the next day.
        var schedule = await app.ScheduleAsync(therapists: 2);
        var (first, second) = (schedule.Slots.Take(8).ToList(), schedule.Slots.Skip(8).ToList());
        await using (var db = app.OpenDb())
        {
            var nextDay = Shift.Create(schedule.Symposium.Id, schedule.Therapists[0].Id,
                new ShiftPlan(schedule.Symposium.StartDate.PlusDays(1), new LocalTime(9, 0), new LocalTime(17, 0), 50, 10, []), "Room B, table 1");
            db.AddRange(nextDay);
            db.AddRange(nextDay.CreateSlots(schedule.Symposium.Zone));
            await db.SaveChangesAsync(ct);
        }

        var client = app.CreateClient();
        var noon = first[3];
        foreach (var taken in new[] { noon, second[2], second[3] }) // 12:00 with the first, 11:00 and 12:00 with the second
        {
            await client.BookAtTableAsync(taken.Id);
        }

        var refused = await client.BookAsync(BookingBodies.Booking(noon.Id, "late@example.org", rate: "standard"));

        var problem = await Problem.ReadAsync(refused);
        Assert.Equal((HttpStatusCode.Conflict, "booking.slot_unavailable"), (problem.Status, problem.Code));
        var offered = problem.Body.GetProperty("alternatives").Deserialize<List<SlotView>>(AttendeeCalls.Json)!;
        // One hour away: 11:00 (earlier first) and 13:00 with both; then two hours away: 10:00 with both. The next
        // day's 12:00 is nearer than 10:00 in therapist order but on another day.
        Assert.Equal(
            [first[2].Id, first[4].Id, second[4].Id, first[1].Id, second[1].Id],
            offered.Select(o => o.Id));
        Assert.All(offered, o => Assert.True(o.Available));
        var eleven = offered[0];
        Assert.Equal(("Therapist 00", "Room B, table 1"), (eleven.TherapistName, eleven.Location));
        Assert.Equal(
            new DateTimeOffset(schedule.Symposium.StartDate.Year, 6, 11, 11, 0, 0, TimeSpan.FromHours(-5)),
            eleven.StartsAt); // the symposium's local time (Chicago, summer)
    }

    [Fact]
    public async Task When_the_day_is_full_the_refusal_offers_no_times()
    {
        var schedule = await app.ScheduleAsync(therapists: 1);
        var client = app.CreateClient();
        foreach (var slot in schedule.Slots)
        {
            await client.BookAtTableAsync(slot.Id);
        }

        var refused = await client.BookAsync(BookingBodies.Booking(schedule.Slots[0].Id, "late@example.org", rate: "standard"));

        var problem = await Problem.ReadAsync(refused);
        Assert.Equal((HttpStatusCode.Conflict, "booking.slot_unavailable"), (problem.Status, problem.Code));
        Assert.Equal(JsonValueKind.Array, problem.Body.GetProperty("alternatives").ValueKind);
        Assert.Equal(0, problem.Body.GetProperty("alternatives").GetArrayLength());
    }

    [Fact]
    public async Task A_refusal_hands_back_the_attendees_place_in_line_and_their_next_refusal_keeps_the_first_one()
    {
        var schedule = await app.ScheduleAsync(therapists: 1);
        var client = app.CreateClient();
        await client.BookAtTableAsync(schedule.Slots[0].Id);
        await client.BookAtTableAsync(schedule.Slots[1].Id);
        var places = app.Services.GetRequiredService<PlaceInLine>();
        var firstTry = DateTimeOffset.FromUnixTimeMilliseconds(app.Clock.GetUtcNow().ToUnixTimeMilliseconds());

        var refused = await client.BookAsync(BookingBodies.Booking(schedule.Slots[0].Id, "late@example.org", rate: "standard"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(firstTry, places.Read(Assert.Single(refused.Headers.GetValues(PlaceInLine.Header))));

        // Twenty seconds later the attendee tries the time after it, which someone else took meanwhile: the refusal
        // still names the first try.
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var again = app.CreateClient();
        again.DefaultRequestHeaders.Add(PlaceInLine.Header, refused.Headers.GetValues(PlaceInLine.Header));
        var refusedAgain = await again.BookAsync(BookingBodies.Booking(schedule.Slots[1].Id, "late@example.org", rate: "standard"));
        Assert.Equal(HttpStatusCode.Conflict, refusedAgain.StatusCode);
        Assert.Equal(firstTry, places.Read(Assert.Single(refusedAgain.Headers.GetValues(PlaceInLine.Header))));

        // A booking, or any other refusal, hands nothing back.
        var booked = await again.BookAsync(BookingBodies.Booking(schedule.Slots[2].Id, "late@example.org", rate: "standard"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.False(booked.Headers.Contains(PlaceInLine.Header));
        var invalid = await again.BookAsync(BookingBodies.Booking(schedule.Slots[3].Id, "not an address", rate: "standard"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.False(invalid.Headers.Contains(PlaceInLine.Header));
    }
}
