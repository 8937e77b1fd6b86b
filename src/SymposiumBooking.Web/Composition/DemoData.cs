using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Composition;

public sealed class DemoOptions
{
    /// <summary>
    /// Load the demo symposium into an empty database. Honoured only in the Development environment (the run command
    /// sets it and runs there); anywhere else it is ignored with a warning (docs/adr/0057).
    /// </summary>
    public bool Seed { get; set; }
}

/// <summary>
/// A published symposium in Chicago a few weeks ahead, three therapists with shifts, a few bookings, and the guidebook
/// on sale, so a newcomer sees a working service at once. It only fills an empty database, only in the Development environment
/// and only when <see cref="DemoOptions.Seed"/> asks for it. Its sign-ins are printed by the run command (infra/run.sh),
/// never logged by the app: a password in a log outlives the demo.
/// </summary>
public sealed partial class DemoData(
    BookingDb db, StaffAccounts accounts, IClock clock, IHostEnvironment environment, IOptions<DemoOptions> options, ILogger<DemoData> logger)
{
    /// <summary>The demo therapists' password; infra/run.sh and README.md print the same one.</summary>
    public const string TherapistPassword = "Demo-Therapist-2027!";

    /// <summary>Seeds when asked to and the environment is Development; otherwise a warning says the flag was ignored.</summary>
    public async Task SeedIfAskedAsync()
    {
        if (!options.Value.Seed)
        {
            return;
        }

        if (!environment.IsDevelopment())
        {
            LogIgnoredOutsideDevelopment(logger, environment.EnvironmentName);
            return;
        }

        await SeedAsync();
    }

    private static readonly (string Name, string Email)[] DemoTherapists =
    [
        ("Maria Keller", "maria.keller@demo.symposium.test"),
        ("Tomás Ortega", "tomas.ortega@demo.symposium.test"),
        ("Aiko Tanaka", "aiko.tanaka@demo.symposium.test"),
    ];

    public async Task SeedAsync()
    {
        await SeedGuidebookAsync();
        if (await db.Symposia.AnyAsync())
        {
            LogSkipped(logger);
            return;
        }

        var now = clock.GetCurrentInstant();
        var zone = DateTimeZoneProviders.Tzdb["America/Chicago"];
        var today = now.InZone(zone).Date;
        var start = today.PlusDays(35).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Friday));
        var end = start.PlusDays(2);

        var symposium = Symposium.Create(
            new SymposiumDetails(start.Year, "Chicago", "Lakeshore Conference Center", "301 E North Water St, Chicago, IL 60611",
                zone.Id, start, end, "USD", ReducedRateCents: 2500, StandardRateCents: 6000),
            now).Value;
        symposium.SetPolicy(new BookingPolicy(
            BookingOpensAt: today.PlusDays(-1).AtStartOfDayInZone(zone).ToInstant(),
            BookingClosesAt: end.At(new LocalTime(17, 0)).InZoneLeniently(zone).ToInstant(),
            ReducedRateLimitPerAttendee: 1,
            HoldMinutes: 30,
            CancellationCutoffHours: 24), now);
        db.Symposia.Add(symposium);

        var slots = new List<Slot>();
        var table = 1;
        foreach (var (name, email) in DemoTherapists)
        {
            var user = await accounts.EnsureAsync(email, name, Roles.Therapist, TherapistPassword);
            var therapist = Therapist.Create(symposium.Id, name, email, user.Id, now);
            db.Therapists.Add(therapist);
            for (var day = start; day <= end; day = day.PlusDays(1))
            {
                var plan = new ShiftPlan(day, new LocalTime(9, 0), new LocalTime(17, 0), SessionMinutes: 50, BufferMinutes: 10,
                    Breaks: [new ShiftBreak(new LocalTime(12, 0), new LocalTime(13, 0))]);
                var shift = Shift.Create(symposium.Id, therapist.Id, plan, $"Room B, table {table}");
                db.Shifts.Add(shift);
                slots.AddRange(shift.CreateSlots(zone));
            }

            table++;
        }

        db.Slots.AddRange(slots);
        (string Name, string Email, Rate Rate, Intake Intake)[] attendees =
        [
            ("Jordan Lee", "jordan.lee@example.org", Rate.Reduced,
                new Intake(HeadTurn.Left, HeadTilt.None, [PainArea.NeckLeft, PainArea.UpperBack], start.PlusDays(-10), DbsImplant.None,
                    BloodThinners: false, RecentNeckSurgery: false, [ComfortablePosition.Seated], "Left shoulder is sore after the flight.", Consent: true)),
            ("Sam Rivera", "sam.rivera@example.org", Rate.Reduced,
                new Intake(HeadTurn.Right, HeadTilt.Forward, [PainArea.BackOfHead, PainArea.Jaw], null, DbsImplant.Both,
                    BloodThinners: true, RecentNeckSurgery: false, [ComfortablePosition.SideLying], null, Consent: true)),
            ("Alex Morgan", "alex.morgan@example.org", Rate.Standard,
                new Intake(HeadTurn.None, HeadTilt.Left, [PainArea.ShoulderRight], null, DbsImplant.None,
                    BloodThinners: false, RecentNeckSurgery: true, [ComfortablePosition.Seated, ComfortablePosition.FaceDown], null, Consent: true)),
        ];
        for (var i = 0; i < attendees.Length; i++)
        {
            var (name, email, rate, intake) = attendees[i];
            var slot = slots[i * 3];
            var price = rate == Rate.Reduced ? symposium.ReducedRateCents : symposium.StandardRateCents;
            var booking = Booking.Create(
                new BookingRequest(symposium.Id, slot.Id, name, email, null, rate, PaymentMethod.AtTable, price, symposium.Currency, null),
                SecretToken.Create().Hash,
                now);
            db.Bookings.Add(booking);
            db.Intakes.Add(BookingIntake.Create(booking.Id, IntakeJson.Write(intake)));
        }

        symposium.Publish(now, hasSlots: slots.Count > 0);
        await db.SaveChangesAsync();
        LogSeeded(logger, symposium.City, symposium.Year, slots.Count, DemoTherapists.Length);
    }

    /// <summary>The guidebook, $40, 50 copies, posted or picked up at the symposium; only into a shop with no products yet.</summary>
    private async Task SeedGuidebookAsync()
    {
        if (await db.Products.AnyAsync())
        {
            return;
        }

        db.Products.Add(Product.Create(
            new ProductDetails(
                "The Spasmodic Torticollis Massage Guidebook",
                "Massage for cervical dystonia, written by the symposium's therapists: the upper back, the back of the neck, the base of the skull and the jaw, and never the front of the neck (the sternocleidomastoid and scalene muscles). The proceeds pay for the therapists' travel to the symposium.",
                PriceCents: 4000, Currency: "USD", Stock: 50, Ships: true, PickupAllowed: true, OnSale: true),
            clock.GetCurrentInstant()).Value);
        await db.SaveChangesAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: the database already has a symposium; nothing added")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo data: published {City} {Year} with {Slots} slots and {Therapists} demo therapists (sign-ins: see infra/run.sh)")]
    private static partial void LogSeeded(ILogger logger, string city, int year, int slots, int therapists);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Demo data is only loaded in the Development environment: Demo:Seed is ignored in {Environment}")]
    private static partial void LogIgnoredOutsideDevelopment(ILogger logger, string environment);
}
