using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Opening;

/// <summary>
/// A real draw through the API (docs/fair-opening.md): a published symposium of four therapists opening by draw, 60
/// requests with choices of every shape, the clock past the close, the organizer's POST …/draw; then the public draw is
/// checked by tools/verify-draw.py as anyone would, and tampered copies of it are caught. Also the reduced-rate cap at
/// the draw: a request whose person got a reduced-rate booking at the table meanwhile is excluded and gets nothing.
/// </summary>
public sealed class DrawApiVerifierTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const int Requests = 60;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_verifier_recomputes_a_real_draw_from_the_public_answer_and_catches_a_tampered_copy()
    {
        var (schedule, _) = await DrawSymposiumAsync();
        var random = new Random(28);
        var anyone = app.CreateClient();
        var zone = schedule.Symposium.Zone;
        var made = new List<(Guid Id, string Token, string Email)>();
        for (var i = 0; i < Requests; i++)
        {
            var choices = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Choice(schedule.Slots[random.Next(schedule.Slots.Count)], zone, random.Next(3)))
                .DistinctBy(c => JsonSerializer.Serialize(c)).ToList();
            var email = BookingSeed.UniqueEmail($"asker{i}");
            var sent = await anyone.PostJsonAsync(RequestsPath(schedule.Id), RequestBody(email, choices, rate: i % 7 == 0 ? "reduced" : "standard"))
                .ExpectAsync(HttpStatusCode.Created);
            made.Add((Guid.Parse(sent.Id()), sent.Text("token"), email));
        }

        var drawn = await DrawAsync(schedule.Id);

        Assert.Equal("drawn", drawn["phase"]!.GetValue<string>());
        Assert.Equal(Requests, drawn["requests"]!.AsArray().Count);
        var allocated = drawn["allocatedCount"]!.GetValue<int>();
        Assert.InRange(allocated, 1, schedule.Slots.Count);
        var verified = await DrawVerifier.RunAsync(drawn);
        Assert.True(verified.ExitCode == 0, verified.ToString());

        var swapped = await DrawVerifier.RunAsync(DrawVerifier.SwapTwoWinners(drawn));
        Assert.True(swapped.ExitCode == 1, swapped.ToString());
        Assert.StartsWith("DIFFERENT:", swapped.Output, StringComparison.Ordinal);
        var reseeded = await DrawVerifier.RunAsync(DrawVerifier.ChangeSeed(drawn));
        Assert.True(reseeded.ExitCode == 1, reseeded.ToString());
        Assert.Contains("commitment", reseeded.Output, StringComparison.Ordinal);

        // What the verifier agreed with is what was written: one booking per winner, on its slot, opened by its link.
        await using var db = app.OpenDb();
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.SymposiumId == schedule.Id).ToListAsync(Ct);
        Assert.Equal(allocated, bookings.Count);
        var winners = drawn["allocations"]!.AsArray().Where(a => a!["slotId"] is not null).ToList();
        Assert.Equal(
            winners.Select(a => a!["slotId"]!.GetValue<Guid>()).Order(),
            bookings.Select(b => b.SlotId).Order());
        var first = made.Single(m => m.Id == winners[0]!["requestId"]!.GetValue<Guid>());
        var request = await GetRequestAsync(anyone, first.Id, first.Token);
        Assert.Equal("allocated", request.Text("status"));
        Assert.Equal(bookings.Single(b => b.NormalizedEmail == Domain.Common.Email.Canonical(first.Email)).Id, request.GetProperty("bookingId").GetGuid());
    }

    [Fact]
    public async Task A_request_over_the_reduced_rate_cap_at_the_draw_is_excluded_and_gets_no_booking()
    {
        var (schedule, organizer) = await DrawSymposiumAsync();
        var anyone = app.CreateClient();
        var zone = schedule.Symposium.Zone;
        var email = BookingSeed.UniqueEmail("capped");
        var wanted = schedule.Slots[0];
        var sent = await anyone.PostJsonAsync(RequestsPath(schedule.Id), RequestBody(email, [Choice(wanted, zone, 0)], rate: "reduced"))
            .ExpectAsync(HttpStatusCode.Created);
        var (id, token) = (Guid.Parse(sent.Id()), sent.Text("token"));
        // Meanwhile she is booked at the reduced rate at the table (organizers are not bound by the window), on another slot.
        await organizer.PostJsonAsync($"{SymposiaPath}/{schedule.Id}/bookings", new Dictionary<string, object?>
        {
            ["slotId"] = schedule.Slots[1].Id,
            ["name"] = "Carla Capped",
            ["email"] = email,
            ["phone"] = null,
            ["rate"] = "reduced",
            ["intake"] = BookingBodies.Intake(),
            ["intakeOnPaper"] = false,
            ["payment"] = null,
        }).ExpectAsync(HttpStatusCode.Created);

        var drawn = await DrawAsync(schedule.Id);

        var request = await GetRequestAsync(anyone, id, token);
        Assert.Equal("excluded", request.Text("status"));
        Assert.Equal(JsonValueKind.Null, request.GetProperty("bookingId").ValueKind);
        Assert.DoesNotContain(drawn["allocations"]!.AsArray(), a => a!["requestId"]!.GetValue<Guid>() == id && a["slotId"] is not null);
        await using var db = app.OpenDb();
        var canonical = Domain.Common.Email.Canonical(email);
        var hers = await db.Bookings.AsNoTracking().Where(b => b.SymposiumId == schedule.Id && b.NormalizedEmail == canonical).ToListAsync(Ct);
        Assert.Equal([schedule.Slots[1].Id], hers.Select(b => b.SlotId));
        Assert.All(hers, b => Assert.Equal(Rate.Reduced, b.Rate));
        var verified = await DrawVerifier.RunAsync(drawn);
        Assert.True(verified.ExitCode == 0, verified.ToString());
    }

    private static Task<JsonElement> GetRequestAsync(HttpClient client, Guid id, string token)
    {
        var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/requests/{id}");
        get.Headers.Add("X-Request-Token", token);
        return client.SendAsync(get, Ct).ExpectAsync(HttpStatusCode.OK);
    }

    private static string RequestsPath(Guid symposiumId) => $"{SymposiaPath}/{symposiumId}/requests";

    /// <summary>
    /// A published symposium of four therapists (eight slots each on its first day) whose policy, set through the API,
    /// opens by draw: requests from now for two days, first-come a day after, one reduced-rate booking per person.
    /// </summary>
    private async Task<(Schedule Schedule, HttpClient Organizer)> DrawSymposiumAsync()
    {
        var schedule = await app.ScheduleAsync(therapists: 4, policy: now => new BookingPolicy(now + Duration.FromDays(3), now + Duration.FromDays(366 * 300), 1, 30, 24));
        var organizer = await app.SignedInClientAsync();
        var now = app.Now();
        string At(Instant i) => InstantPattern.General.Format(i);
        var body = Bodies.Policy(At(now + Duration.FromDays(3)), At(now + Duration.FromDays(366 * 300)))
            .With("openingMode", "draw")
            .With("requestsOpenAt", At(now))
            .With("requestsCloseAt", At(now + Duration.FromDays(2)))
            .With("maxChoices", 5);
        await organizer.PutJsonAsync($"{Symposium(schedule.Id.ToString())}/policy", body).ExpectAsync(HttpStatusCode.OK);
        return (schedule, organizer);
    }

    /// <summary>Past the close, the organizer (signed in again: two days outlive a session) runs the draw; answers the public draw as anyone reads it.</summary>
    private async Task<JsonNode> DrawAsync(Guid symposiumId)
    {
        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var organizer = await app.SignedInClientAsync();
        var run = await organizer.PostEmptyAsync($"{SymposiaPath}/{symposiumId}/draw");
        Assert.True(run.IsSuccessStatusCode, $"POST …/draw answered {(int)run.StatusCode}: {await run.Content.ReadAsStringAsync(Ct)}");
        var again = await organizer.PostEmptyAsync($"{SymposiaPath}/{symposiumId}/draw");
        Assert.True(again.IsSuccessStatusCode, $"the second POST …/draw answered {(int)again.StatusCode}");
        var answer = await app.CreateClient().GetAsync($"{SymposiaPath}/{symposiumId}/draw", Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!;
    }

    /// <summary>One choice for a slot in one of the three shapes: 0 the slot, 1 any therapist at its time, 2 any time with its therapist.</summary>
    private static Dictionary<string, object?> Choice(Domain.Scheduling.Slot slot, DateTimeZone zone, int shape)
    {
        var local = slot.StartsAt.InZone(zone).LocalDateTime;
        var date = LocalDatePattern.Iso.Format(local.Date);
        return shape switch
        {
            0 => new() { ["slotId"] = slot.Id },
            1 => new() { ["date"] = date, ["time"] = LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Format(local.TimeOfDay) },
            _ => new() { ["date"] = date, ["therapistId"] = slot.TherapistId },
        };
    }

    private static Dictionary<string, object?> RequestBody(string email, IReadOnlyList<Dictionary<string, object?>> choices, string rate = "standard") => new()
    {
        ["name"] = "Asker " + email[..5],
        ["email"] = email,
        ["phone"] = null,
        ["rate"] = rate,
        ["payment"] = "atTable",
        ["confirmsCondition"] = rate == "reduced",
        ["intake"] = BookingBodies.Intake(),
        ["choices"] = choices,
    };
}
