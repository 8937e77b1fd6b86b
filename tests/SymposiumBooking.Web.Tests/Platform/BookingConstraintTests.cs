using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>The booking guarantees hold in PostgreSQL itself, whatever the application does (docs/adr/0003).</summary>
public sealed class BookingConstraintTests : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 15, 0);
    private string _database = "";

    public async ValueTask InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(_database);

    [Fact]
    public async Task Twenty_clients_racing_for_one_slot_leave_exactly_one_active_booking()
    {
        Slot slot;
        Guid symposiumId;
        await using (var db = TestPostgres.OpenDb(_database))
        {
            var (symposium, _, slots) = await Seed.ScheduleAsync(db, Now);
            slot = slots[0];
            symposiumId = symposium.Id;
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await using var db = TestPostgres.OpenDb(_database);
            db.Bookings.Add(NewBooking(symposiumId, slot.Id, $"racer{i}@example.org"));
            await db.Database.OpenConnectionAsync();
            await start.Task;
            try
            {
                await db.SaveChangesAsync();
                return "booked";
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException
            {
                SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: BookingConfiguration.OneActiveBookingPerSlot,
            })
            {
                return "refused";
            }
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(o => o == "booked"));
        Assert.Equal(19, outcomes.Count(o => o == "refused"));
        await using var check = TestPostgres.OpenDb(_database);
        Assert.Equal(1, await check.Bookings.CountAsync(b => b.SlotId == slot.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_cancelled_booking_frees_its_slot_for_a_new_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = TestPostgres.OpenDb(_database);
        var (symposium, _, slots) = await Seed.ScheduleAsync(db, Now);
        var first = NewBooking(symposium.Id, slots[1].Id, "first@example.org");
        db.Bookings.Add(first);
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync($"UPDATE bookings SET status = 'Cancelled' WHERE id = {first.Id}", ct);

        await using var again = TestPostgres.OpenDb(_database);
        again.Bookings.Add(NewBooking(symposium.Id, slots[1].Id, "second@example.org"));
        await again.SaveChangesAsync(ct);

        Assert.Equal(2, await again.Bookings.CountAsync(b => b.SlotId == slots[1].Id, ct));
    }

    [Fact]
    public async Task A_therapist_cannot_have_overlapping_slots()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = TestPostgres.OpenDb(_database);
        var (symposium, therapist, slots) = await Seed.ScheduleAsync(db, Now);

        // A second shift on the same morning: its slots overlap the first shift's.
        var overlapping = Shift.Create(symposium.Id, therapist.Id,
            new ShiftPlan(symposium.StartDate, new LocalTime(9, 30), new LocalTime(11, 0), 50, 0, []), "Room C");
        await using var second = TestPostgres.OpenDb(_database);
        second.Shifts.Add(overlapping);
        second.Slots.AddRange(overlapping.CreateSlots(symposium.Zone));

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(ct));
        var postgres = Assert.IsType<PostgresException>(refused.InnerException);
        Assert.Equal(PostgresErrorCodes.ExclusionViolation, postgres.SqlState);
        Assert.Equal(SlotConfiguration.NoOverlap, postgres.ConstraintName);
        Assert.NotEmpty(slots);
    }

    private static Booking NewBooking(Guid symposiumId, Guid slotId, string email) => Booking.Create(
        new BookingRequest(symposiumId, slotId, "Test Attendee", email, null, Rate.Reduced, PaymentMethod.AtTable, 2500, "USD", null),
        SecretToken.Create().Hash,
        Now);
}
