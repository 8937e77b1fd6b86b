using NodaTime;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>Builds editions, therapists and slots through the domain model, for tests that need them in the database.</summary>
public static class Seed
{
    public static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];

    public static EditionDetails Details(int year = 2027, string city = "Chicago", string zone = "America/Chicago") =>
        new(year, city, "Lakeshore Conference Center", "301 E North Water St", zone,
            new LocalDate(year, 6, 11), new LocalDate(year, 6, 13), "USD", 2500, 6000);

    public static SymposiumEdition Edition(Instant now, EditionDetails? details = null, bool publish = false)
    {
        var edition = SymposiumEdition.Create(details ?? Details(), now).Value;
        edition.SetPolicy(new BookingPolicy(now, now.Plus(Duration.FromDays(200)), 1, 30, 24), now);
        if (publish)
        {
            Assert.True(edition.Publish(now, hasSlots: true).IsSuccess);
        }

        return edition;
    }

    /// <summary>An edition with one therapist and one day of 50-minute slots, saved.</summary>
    public static async Task<(SymposiumEdition Edition, Therapist Therapist, List<Slot> Slots)> ScheduleAsync(
        BookingDb db, Instant now, EditionDetails? details = null)
    {
        var edition = Edition(now, details, publish: true);
        var therapist = Therapist.Create(edition.Id, "Maria Keller", $"maria.{Guid.NewGuid():N}@test.symposium", null, now);
        var plan = new ShiftPlan(edition.StartDate, new LocalTime(9, 0), new LocalTime(17, 0), 50, 10, []);
        var shift = Shift.Create(edition.Id, therapist.Id, plan, "Room B, table 1");
        var slots = shift.CreateSlots(edition.Zone).ToList();
        db.AddRange(edition, therapist, shift);
        db.AddRange(slots);
        await db.SaveChangesAsync();
        return (edition, therapist, slots);
    }
}
