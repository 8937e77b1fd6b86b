using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Whether a slot is free is read from the slot's own <c>held_until</c>, which triggers on <c>bookings</c> keep
/// (docs/adr/0032). Every way a booking row changes (each status, a hold's expiry, a slot change, a deleted row)
/// moves the slot in and out of the availability list.
/// </summary>
public sealed class SlotHeldUntilTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Every_change_to_a_booking_row_frees_or_takes_its_slot_in_the_availability_list()
    {
        var schedule = await app.ScheduleAsync();
        var (a, b) = (schedule.Slots[0].Id, schedule.Slots[1].Id);
        var client = app.CreateClient();
        var booking = await client.BookAtTableAsync(a);

        async Task<(bool A, bool B)> FreeAsync()
        {
            Assert.Empty(await app.SlotHoldMismatchesAsync(schedule.Id));
            var free = await client.AvailableSlotsAsync(schedule.Id);
            return (free.Any(s => s.Id == a), free.Any(s => s.Id == b));
        }

        async Task ChangeAsync(FormattableString sql)
        {
            await using var db = app.OpenDb();
            await db.Database.ExecuteSqlInterpolatedAsync(sql, TestContext.Current.CancellationToken);
        }

        Assert.Equal((false, true), await FreeAsync());

        // Every status, in both directions: the triggers' SQL names the holding statuses, and must name the ones
        // the domain does (a status added to the enum lands here).
        foreach (var status in Enum.GetValues<BookingStatus>().Where(s => s != BookingStatus.AwaitingPayment))
        {
            await ChangeAsync($"UPDATE bookings SET status = {status.ToString()} WHERE id = {booking.Id}");
            Assert.Equal((!BookingStatuses.HoldingSlot.Contains(status), true), await FreeAsync());
        }

        await ChangeAsync($"UPDATE bookings SET status = 'Cancelled' WHERE id = {booking.Id}");
        Assert.Equal((true, true), await FreeAsync());

        // An online hold takes the slot until it runs out, and gives it back then without any write.
        var expires = app.Clock.GetUtcNow().AddMinutes(10);
        await ChangeAsync($"UPDATE bookings SET status = 'AwaitingPayment', hold_expires_at = {expires} WHERE id = {booking.Id}");
        Assert.Equal((false, true), await FreeAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal((true, true), await FreeAsync());

        await ChangeAsync($"UPDATE bookings SET status = 'Confirmed', hold_expires_at = NULL, slot_id = {b} WHERE id = {booking.Id}");
        Assert.Equal((true, false), await FreeAsync());

        await ChangeAsync($"DELETE FROM bookings WHERE id = {booking.Id}");
        Assert.Equal((true, true), await FreeAsync());
    }
}
