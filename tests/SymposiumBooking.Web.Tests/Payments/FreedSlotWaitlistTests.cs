using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>
/// Every way a booking lets go of its slot offers the slot to the person waiting: no handler calls the waitlist, so
/// this fails for any freeing transition that does not raise <c>SlotFreed</c> (docs/adr/0061).
/// </summary>
public sealed class FreedSlotWaitlistTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> FreeingPaths =>
        ["cancel", "reschedule", "checkout_expired", "hold_lapsed", "refund_by_organizer", "refund_at_stripe", "cancel_paid"];

    [Theory]
    [MemberData(nameof(FreeingPaths))]
    public async Task The_freed_slot_is_offered_to_the_person_waiting(string path)
    {
        var schedule = await app.ScheduleAsync();
        var (slot, other) = (schedule.Slots[0].Id, schedule.Slots[^1].Id);
        var client = app.CreateClient();
        var online = path is "checkout_expired" or "hold_lapsed" or "refund_by_organizer" or "refund_at_stripe" or "cancel_paid";
        var booked = online
            ? await client.BookOnlineAsync(slot)
            : await client.BookOkAsync(BookingBodies.Booking(slot, email: WaitlistCalls.Email("booker")));
        if (path is "refund_by_organizer" or "refund_at_stripe" or "cancel_paid")
        {
            Assert.Equal("confirmed", await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id))));
        }

        var waiting = WaitlistCalls.Email("waiting");
        await client.JoinConfirmedAsync(app, schedule.Id, WaitlistCalls.Entry(waiting));

        switch (path)
        {
            case "cancel" or "cancel_paid":
                Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/cancel", booked.Token)).StatusCode);
                break;
            case "reschedule":
                Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(
                    HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/reschedule", booked.Token, new { slotId = other })).StatusCode);
                break;
            case "checkout_expired":
                Assert.Equal("released", await app.DeliverAsync(client, app.Event("checkout.session.expired", app.Stripe.Expire(booked.Id))));
                break;
            case "hold_lapsed":
                await using (var db = app.OpenDb())
                {
                    // The hold ran out a minute ago: the housekeeping round, not a clock move other tests would feel.
                    await db.Database.ExecuteSqlAsync($"UPDATE bookings SET hold_expires_at = {app.Now() - NodaTime.Duration.FromMinutes(1)} WHERE id = {booked.Id}", Ct);
                }

                Assert.True((await app.Services.GetRequiredService<HousekeepingWorker>().RunOnceAsync(Ct)).HoldsReleased >= 1);
                break;
            case "refund_by_organizer":
                var organizer = await app.SignedInClientAsync();
                Assert.Equal(HttpStatusCode.OK, (await organizer.RefundAsync(schedule.Id, booked.Id)).StatusCode);
                break;
            case "refund_at_stripe":
                Assert.Equal("refunded", await app.DeliverAsync(client, app.Event("charge.refunded", app.Stripe.RefundInDashboard(booked.Id))));
                break;
        }

        await using var check = app.OpenDb();
        var entry = await check.WaitlistEntries.AsNoTracking().SingleAsync(w => w.NormalizedEmail == waiting, Ct);
        Assert.Equal((WaitlistStatus.Offered, (Guid?)slot), (entry.Status, entry.OfferedSlotId));
    }

    [Fact]
    public async Task A_lapsed_hold_on_the_slot_being_booked_is_not_offered_to_the_person_waiting()
    {
        var schedule = await app.ScheduleAsync();
        var slot = schedule.Slots[0].Id;
        var client = app.CreateClient();
        var held = await client.BookOnlineAsync(slot);
        var waiting = WaitlistCalls.Email("waiting");
        await client.JoinConfirmedAsync(app, schedule.Id, WaitlistCalls.Entry(waiting));
        await using var db = app.OpenDb();
        await db.Database.ExecuteSqlAsync($"UPDATE bookings SET hold_expires_at = {app.Now() - NodaTime.Duration.FromMinutes(1)} WHERE id = {held.Id}", Ct);

        var booked = await client.BookOkAsync(BookingBodies.Booking(slot, email: WaitlistCalls.Email("booker")));

        Assert.Equal(slot, booked.Slot.Id);
        var entry = await db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.NormalizedEmail == waiting, Ct);
        Assert.Equal(WaitlistStatus.Waiting, entry.Status);
    }
}
