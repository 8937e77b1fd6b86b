using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>A booking sent with an Idempotency-Key is made at most once, however often the phone retries it.</summary>
public sealed class BookingIdempotencyTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task The_same_key_and_body_twice_answer_the_same_booking_and_token_and_make_one_row()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var body = BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail());

        var first = await client.BookAsync(body, key);
        var again = await client.BookAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var (a, b) = (await first.ReadAsync<BookingView>(), await again.ReadAsync<BookingView>());
        Assert.Equal((a.Id, a.Token), (b.Id, b.Token));
        Assert.Equal(a, b);
        Assert.Equal(1, await BookingsOnAsync(schedule.Slots[0].Id));
    }

    [Fact]
    public async Task Ten_parallel_requests_with_one_key_all_answer_the_one_booking()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var body = BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail());

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.BookAsync(body, key)).ToList());

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var views = await Task.WhenAll(answers.Select(a => a.ReadAsync<BookingView>()));
        Assert.Single(views.Select(v => (v.Id, v.Token)).Distinct());
        Assert.Equal(1, await BookingsOnAsync(schedule.Slots[0].Id));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_key_reused_and_books_nothing()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await client.BookAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail()), key)).StatusCode);

        var other = await client.BookAsync(BookingBodies.Booking(schedule.Slots[1].Id, BookingSeed.UniqueEmail()), key);

        var problem = await Problem.ReadAsync(other);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "idempotency.key_reused"), (problem.Status, problem.Code));
        Assert.Equal(0, await BookingsOnAsync(schedule.Slots[1].Id));
    }

    [Fact]
    public async Task The_same_key_with_another_body_for_the_slot_it_booked_is_422_key_reused()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var slot = schedule.Slots[0].Id;
        var booked = await (await client.BookAsync(BookingBodies.Booking(slot, BookingSeed.UniqueEmail()), key)).ReadAsync<BookingView>();

        var other = await client.BookAsync(BookingBodies.Booking(slot, BookingSeed.UniqueEmail()), key);

        var problem = await Problem.ReadAsync(other);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "idempotency.key_reused"), (problem.Status, problem.Code));
        await using var db = app.OpenDb();
        Assert.Equal([booked.Id], await db.Bookings.Where(b => b.SlotId == slot).Select(b => b.Id).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_refused_request_keeps_no_answer_so_its_retry_runs_again_once_the_slot_is_free()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var slot = schedule.Slots[0].Id;
        var holder = await client.BookAtTableAsync(slot);
        var key = Guid.NewGuid().ToString();
        var body = BookingBodies.Booking(slot, BookingSeed.UniqueEmail());

        var refused = await client.BookAsync(body, key);
        Assert.Equal("booking.slot_unavailable", (await Problem.ReadAsync(refused)).Code);
        Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{holder.Id}/cancel", holder.Token)).StatusCode);

        var retried = await client.BookAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var booked = await retried.ReadAsync<BookingView>();
        Assert.Equal(slot, booked.Slot.Id);
        Assert.Equal(booked.Id, (await (await client.BookAsync(body, key)).ReadAsync<BookingView>()).Id); // and now it is kept
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("naïve-key")]
    [InlineData(LongKey)]
    public async Task A_malformed_key_is_400_and_books_nothing(string key)
    {
        var schedule = await app.ScheduleAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail())),
        };
        Assert.True(request.Headers.TryAddWithoutValidation(BookingsApi.IdempotencyHeader, key));

        var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("idempotency.bad_key", problem.Code);
        Assert.Equal(0, await BookingsOnAsync(schedule.Slots[0].Id));
    }

    [Fact]
    public async Task A_key_of_255_visible_characters_is_accepted()
    {
        var schedule = await app.ScheduleAsync();

        var response = await app.CreateClient().BookAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail()), LongKey[..255]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>256 characters: one more than a key may have.</summary>
    private const string LongKey =
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" +
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" +
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" +
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private async Task<int> BookingsOnAsync(Guid slotId)
    {
        await using var db = app.OpenDb();
        return await db.Bookings.CountAsync(b => b.SlotId == slotId, TestContext.Current.CancellationToken);
    }
}
