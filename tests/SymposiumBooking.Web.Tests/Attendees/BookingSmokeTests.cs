using System.Net;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

public sealed class BookingSmokeTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Attendee_books_at_the_table_sees_it_with_the_token_and_cancels_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var (symposium, _, slots) = await Seed.ScheduleAsync(db, NodaTime.Instant.FromDateTimeOffset(app.Clock.GetUtcNow()));
        var client = app.CreateClient();

        var booked = await client.BookOkAsync(BookingBodies.Booking(slots[0].Id));
        Assert.Equal(BookingStatus.Confirmed, booked.Status);
        Assert.Equal(2500, booked.PriceCents);
        Assert.NotNull(booked.Token);

        var again = await client.BookAsync(BookingBodies.Booking(slots[0].Id, email: "other@example.org"));
        Assert.Equal("booking.slot_unavailable", (await Problem.ReadAsync(again)).Code);

        var seen = await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", booked.Token);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);

        var list = await (await client.GetAsync($"/api/v1/symposia/{symposium.Id}/slots?available=true", ct)).ReadAsync<List<SlotView>>();
        Assert.DoesNotContain(list, s => s.Id == slots[0].Id);

        var cancelled = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/cancel", booked.Token);
        Assert.Equal(BookingStatus.Cancelled, (await cancelled.ReadAsync<BookingView>()).Status);
        list = await (await client.GetAsync($"/api/v1/symposia/{symposium.Id}/slots?available=true", ct)).ReadAsync<List<SlotView>>();
        Assert.Contains(list, s => s.Id == slots[0].Id);
    }
}
