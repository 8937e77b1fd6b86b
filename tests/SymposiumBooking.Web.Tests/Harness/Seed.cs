using NodaTime;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>Builds symposia, therapists and slots through the domain model, for tests that need them in the database.</summary>
public static class Seed
{
    public static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];

    public static SymposiumDetails Details(int year = 2027, string city = "Chicago", string zone = "America/Chicago") =>
        new(year, city, "Lakeshore Conference Center", "301 E North Water St", zone,
            new LocalDate(year, 6, 11), new LocalDate(year, 6, 13), "USD", 2500, 6000);

    public static Symposium Symposium(Instant now, SymposiumDetails? details = null, bool publish = false)
    {
        var symposium = Domain.Symposia.Symposium.Create(details ?? Details(), now).Value;
        symposium.SetPolicy(new BookingPolicy(now, now.Plus(Duration.FromDays(200)), 1, 30, 24), now);
        if (publish)
        {
            Assert.True(symposium.Publish(now, hasSlots: true).IsSuccess);
        }

        return symposium;
    }

    /// <summary>A symposium with one therapist and one day of 50-minute slots, saved.</summary>
    public static async Task<(Symposium Symposium, Therapist Therapist, List<Slot> Slots)> ScheduleAsync(
        BookingDb db, Instant now, SymposiumDetails? details = null)
    {
        var symposium = Symposium(now, details, publish: true);
        var therapist = Therapist.Create(symposium.Id, "Maria Keller", $"maria.{Guid.NewGuid():N}@test.symposium", null, now);
        var plan = new ShiftPlan(symposium.StartDate, new LocalTime(9, 0), new LocalTime(17, 0), 50, 10, []);
        var shift = Shift.Create(symposium.Id, therapist.Id, plan, "Room B, table 1");
        var slots = shift.CreateSlots(symposium.Zone).ToList();
        db.AddRange(symposium, therapist, shift);
        db.AddRange(slots);
        await db.SaveChangesAsync();
        return (symposium, therapist, slots);
    }
}
