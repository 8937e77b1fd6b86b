using System.Net;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>An online booking holds its slot until the policy's hold runs out, then gives it back.</summary>
public sealed class BookingHoldTests(StripeApp app) : IClassFixture<StripeApp>
{
    [Fact]
    public async Task An_online_booking_awaits_payment_and_holds_its_slot_until_the_hold_expires()
    {
        var schedule = await app.ScheduleAsync(); // hold: 30 minutes
        var slot = schedule.Slots[0];
        var client = app.CreateClient();
        var now = app.Clock.GetUtcNow();

        var held = await client.BookOkAsync(BookingBodies.Booking(slot.Id, BookingSeed.UniqueEmail(), payment: "online"));

        Assert.Equal(BookingStatus.AwaitingPayment, held.Status);
        Assert.Equal(now.AddMinutes(30), held.HoldExpiresAt);
        Assert.DoesNotContain(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == slot.Id);
        var second = await client.BookAsync(BookingBodies.Booking(slot.Id, BookingSeed.UniqueEmail()));
        Assert.Equal("booking.slot_unavailable", (await Problem.ReadAsync(second)).Code);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.DoesNotContain(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == slot.Id);
        var seen = await (await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{held.Id}", held.Token)).ReadAsync<BookingView>();
        Assert.Equal(BookingStatus.AwaitingPayment, seen.Status);
    }

    [Fact]
    public async Task After_the_hold_expires_the_slot_is_available_someone_else_books_it_and_the_first_booking_reads_expired()
    {
        var schedule = await app.ScheduleAsync();
        var slot = schedule.Slots[0];
        var client = app.CreateClient();
        var held = await client.BookOkAsync(BookingBodies.Booking(slot.Id, BookingSeed.UniqueEmail(), payment: "online"));

        app.Clock.SetUtcNow(held.HoldExpiresAt!.Value.AddSeconds(1));

        Assert.Contains(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == slot.Id);
        var lapsed = await (await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{held.Id}", held.Token)).ReadAsync<BookingView>();
        Assert.Equal(BookingStatus.Expired, lapsed.Status);
        Assert.Null(lapsed.HoldExpiresAt);

        var taken = await client.BookOkAsync(BookingBodies.Booking(slot.Id, BookingSeed.UniqueEmail()));

        Assert.Equal(BookingStatus.Confirmed, taken.Status);
        var row = await app.BookingRowAsync(held.Id);
        Assert.Equal(BookingStatus.Expired, row.Status); // released in the new booking's transaction
        Assert.Equal(1, row.Sequence);
        var after = await (await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{held.Id}", held.Token)).ReadAsync<BookingView>();
        Assert.Equal(BookingStatus.Expired, after.Status);
        Assert.DoesNotContain(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == slot.Id);
        Assert.Empty(await app.SlotHoldMismatchesAsync(schedule.Id));
    }

    [Fact]
    public async Task A_lapsed_hold_cannot_be_cancelled_or_rescheduled_and_says_so()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var held = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail(), payment: "online"));
        app.Clock.SetUtcNow(held.HoldExpiresAt!.Value);

        var move = await Problem.ReadAsync(await client.WithTokenAsync(
            HttpMethod.Post, $"/api/v1/bookings/{held.Id}/reschedule", held.Token, new { slotId = schedule.Slots[1].Id }));
        var cancel = await Problem.ReadAsync(await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{held.Id}/cancel", held.Token));

        Assert.Equal((HttpStatusCode.Conflict, "booking.hold_expired"), (move.Status, move.Code));
        Assert.Equal((HttpStatusCode.Conflict, "booking.hold_expired"), (cancel.Status, cancel.Code));
        var row = await app.BookingRowAsync(held.Id);
        Assert.Equal((schedule.Slots[0].Id, BookingStatus.AwaitingPayment, 0), (row.SlotId, row.Status, row.Sequence));
    }
}
