using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>A symposium as an attendee finds it: its therapists and their slots, in time order per therapist.</summary>
public sealed record Schedule(Symposium Symposium, IReadOnlyList<Therapist> Therapists, IReadOnlyList<Slot> Slots)
{
    public Guid Id => Symposium.Id;
}

/// <summary>
/// Symposia for the booking tests, seeded relative to the app's clock: each one in a later year than the last and
/// than the clock, so a test that moves the clock into one symposium's days never makes another's slots past.
/// </summary>
public static class BookingSeed
{
    private static int LastYear = 2029;

    public static Instant Now(this BookingApp app) => Instant.FromDateTimeOffset(app.Clock.GetUtcNow());

    /// <summary>
    /// A published symposium (reduced 2500, standard 6000 USD) with <paramref name="therapists"/> therapists, each
    /// working 09:00–17:00 on the first day in 50-minute sessions: 8 slots each. By default booking opens now and
    /// stays open past the symposium; the reduced-rate limit is 1, the hold 30 minutes and the cutoff 24 hours.
    /// </summary>
    public static async Task<Schedule> ScheduleAsync(
        this BookingApp app,
        int therapists = 1,
        bool publish = true,
        Func<Instant, BookingPolicy>? policy = null,
        IReadOnlyList<Guid>? therapistUsers = null)
    {
        var now = app.Now();
        var year = NextYear(now);
        var symposium = Symposium.Create(Seed.Details(year), now).Value;
        var rules = policy?.Invoke(now) ?? new BookingPolicy(now, now + Duration.FromDays(366 * 300), 1, 30, 24);
        Assert.True(symposium.SetPolicy(rules, now).IsSuccess);
        if (publish)
        {
            Assert.True(symposium.Publish(now, hasSlots: true).IsSuccess);
        }

        await using var db = app.OpenDb();
        db.Add(symposium);
        var people = new List<Therapist>();
        var slots = new List<Slot>();
        for (var i = 0; i < therapists; i++)
        {
            var userId = therapistUsers is not null && i < therapistUsers.Count ? therapistUsers[i] : (Guid?)null;
            var therapist = Therapist.Create(symposium.Id, $"Therapist {i:00}", $"therapist{i}.{Guid.NewGuid():N}@test.symposium", userId, now);
            var shift = Shift.Create(symposium.Id, therapist.Id,
                new ShiftPlan(symposium.StartDate, new LocalTime(9, 0), new LocalTime(17, 0), 50, 10, []), $"Room B, table {i + 1}");
            var created = shift.CreateSlots(symposium.Zone).ToList();
            db.AddRange(therapist, shift);
            db.AddRange(created);
            people.Add(therapist);
            slots.AddRange(created);
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new Schedule(symposium, people, slots);
    }

    /// <summary>Therapist sign-ins (staff accounts with a password) for <paramref name="emails"/>; answers their user ids in order.</summary>
    public static async Task<List<Guid>> TherapistSignInsAsync(this BookingApp app, string password, IEnumerable<string> emails)
    {
        var users = new List<Guid>();
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        foreach (var email in emails)
        {
            users.Add((await accounts.EnsureAsync(email, email, Roles.Therapist, password)).Id);
        }

        return users;
    }

    /// <summary>Books through the API at the table and returns the answer (with its token).</summary>
    public static async Task<BookingView> BookAtTableAsync(
        this HttpClient client, Guid slotId, string? email = null, string rate = "standard") =>
        await client.BookOkAsync(BookingBodies.Booking(slotId, email ?? UniqueEmail(), rate));

    public static string UniqueEmail(string name = "attendee") => $"{name}.{Guid.NewGuid():N}@example.org";

    public static async Task<List<SlotView>> AvailableSlotsAsync(this HttpClient client, Guid symposiumId)
    {
        var response = await client.GetAsync($"/api/v1/symposia/{symposiumId}/slots?available=true", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<SlotView>>(AttendeeCalls.Json, TestContext.Current.CancellationToken))!;
    }

    /// <summary>The booking's row as the database holds it, read afresh.</summary>
    public static async Task<Domain.Bookings.Booking> BookingRowAsync(this BookingApp app, Guid id)
    {
        await using var db = app.OpenDb();
        return await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The symposium's slots whose <c>held_until</c> (kept by triggers, docs/adr/0032) disagrees with their bookings: NULL
    /// when none holds the slot, infinity for a confirmed, completed or no-show one, the hold's expiry for one awaiting
    /// payment. Each mismatch reads "slot: column / bookings"; an empty list is the invariant.
    /// </summary>
    public static async Task<List<string>> SlotHoldMismatchesAsync(this BookingApp app, Guid symposiumId)
    {
        await using var db = app.OpenDb();
        return await db.Database.SqlQuery<string>($"""
            SELECT s.id::text || ': ' || coalesce(s.held_until::text, 'null') || ' / ' || coalesce(h.until::text, 'null') AS "Value"
            FROM slots s
            LEFT JOIN (SELECT b.slot_id, max(CASE WHEN b.status = 'AwaitingPayment' THEN b.hold_expires_at ELSE 'infinity' END) AS until
                       FROM bookings b
                       WHERE b.status IN ('AwaitingPayment', 'Confirmed', 'Completed', 'NoShow')
                       GROUP BY b.slot_id) h ON h.slot_id = s.id
            WHERE s.symposium_id = {symposiumId} AND s.held_until IS DISTINCT FROM h.until
            """).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>How many bookings and intakes the database holds: what "nothing was written" compares.</summary>
    public static async Task<(int Bookings, int Intakes)> RowCountsAsync(this BookingApp app)
    {
        await using var db = app.OpenDb();
        var ct = TestContext.Current.CancellationToken;
        return (await db.Bookings.CountAsync(ct), await db.Intakes.CountAsync(ct));
    }

    public static int NextYear(Instant now)
    {
        var floor = now.InUtc().Year + 1;
        while (true)
        {
            var last = Volatile.Read(ref LastYear);
            var next = Math.Max(last + 1, floor);
            if (Interlocked.CompareExchange(ref LastYear, next, last) == last)
            {
                return next;
            }
        }
    }
}
