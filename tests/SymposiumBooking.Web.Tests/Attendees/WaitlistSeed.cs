using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>A published symposium (its own year) with two therapists: Maria on days 1 and 2, Jon on day 1; three slots a shift.</summary>
public sealed record WaitlistSchedule(Symposium Symposium, Therapist Maria, Therapist Jon, List<Slot> MariaDay1, List<Slot> JonDay1, List<Slot> MariaDay2)
{
    public LocalDate Day1 => Symposium.StartDate;

    public LocalDate Day2 => Symposium.StartDate.PlusDays(1);

    public static async Task<WaitlistSchedule> CreateAsync(BookingDb db, Instant now, int year, string city = "Chicago")
    {
        var symposium = Seed.Symposium(now, Seed.Details(year, city), publish: true);
        var maria = Therapist.Create(symposium.Id, "Maria Keller", $"maria.{Guid.NewGuid():N}@test.symposium", null, now);
        var jon = Therapist.Create(symposium.Id, "Jon Park", $"jon.{Guid.NewGuid():N}@test.symposium", null, now);
        List<Slot> AddShift(Therapist t, int day, string location)
        {
            var shift = Shift.Create(symposium.Id, t.Id,
                new ShiftPlan(symposium.StartDate.PlusDays(day), new LocalTime(9, 0), new LocalTime(12, 0), 50, 10, []), location);
            db.Add(shift);
            var slots = shift.CreateSlots(symposium.Zone).ToList();
            db.AddRange(slots);
            return slots;
        }

        db.AddRange(symposium, maria, jon);
        var schedule = new WaitlistSchedule(symposium, maria, jon, AddShift(maria, 0, "Room B, table 1"), AddShift(jon, 0, "Room B, table 2"), AddShift(maria, 1, "Room B, table 1"));
        await db.SaveChangesAsync();
        return schedule;
    }
}

public static class WaitlistCalls
{
    public static Instant Now(this FakeTimeProvider clock) => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public static Task<HttpResponseMessage> JoinAsync(this HttpClient client, Guid symposiumId, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/symposia/{symposiumId}/waitlist") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<WaitlistEntryView> JoinOkAsync(this HttpClient client, Guid symposiumId, object body)
    {
        var response = await client.JoinAsync(symposiumId, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<WaitlistEntryView>();
    }

    /// <summary>
    /// Joins and confirms the entry as its mailed link would (WaitlistConfirmationTests prove the link itself), so
    /// that it can be offered a freed time.
    /// </summary>
    public static async Task<WaitlistEntryView> JoinConfirmedAsync(this HttpClient client, BookingApp app, Guid symposiumId, object body)
    {
        var entry = await client.JoinOkAsync(symposiumId, body);
        await using var db = app.OpenDb();
        await db.Database.ExecuteSqlAsync($"UPDATE waitlist_entries SET confirmed_at = created_at WHERE id = {entry.Id}", TestContext.Current.CancellationToken);
        return entry;
    }

    public static Dictionary<string, object?> Entry(string email, LocalDate? date = null, Guid? therapistId = null, string name = "Lee Waiting") => new()
    {
        ["name"] = name,
        ["email"] = email,
        ["date"] = date is { } d ? Features.ApiFormat.Date(d) : null,
        ["therapistId"] = therapistId,
    };

    /// <summary>A unique address, so that tests sharing an app (and its inbox) never read each other's mail.</summary>
    public static string Email(string who) => $"{who}.{Guid.NewGuid().ToString("N")[..8]}@example.org";
}
