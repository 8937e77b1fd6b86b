using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SymposiumBooking.LoadDriver;

/// <summary>A seeded symposium: its id, one day and therapist for the availability GET, and every slot in creation order.</summary>
public sealed record SeededSymposium(Guid SymposiumId, string Date, Guid TherapistId, IReadOnlyList<Guid> Slots);

/// <summary>
/// Sets up a symposium through the organizer API (docs/organizers.md), as an organizer would: create, policy (open
/// since yesterday, reduced-rate cap 1), therapists, shifts of 5-minute sessions, publish.
/// </summary>
public sealed class Seeder(HttpClient http)
{
    public async Task SignInAsync(string email, string password, CancellationToken ct)
    {
        var response = await http.PostAsJsonAsync("api/v1/auth/login", new { email, password }, ct);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<Token>(RequestLog.Json, ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
    }

    /// <summary>
    /// A symposium of <paramref name="days"/> days in June of <paramref name="year"/> whose <paramref name="therapists"/>
    /// therapists each work <paramref name="start"/>–<paramref name="end"/> every day in 5-minute sessions.
    /// </summary>
    public async Task<SeededSymposium> SymposiumAsync(int year, int days, int therapists, string start, string end, CancellationToken ct)
    {
        var first = new DateOnly(year, 6, 1);
        var symposium = await PostAsync<Created>("api/v1/symposia", new Dictionary<string, object?>
        {
            ["year"] = year,
            ["city"] = "Chicago",
            ["venueName"] = "Benchmark Hall",
            ["venueAddress"] = "301 E North Water St, Chicago, IL 60611",
            ["timeZone"] = "America/Chicago",
            ["startDate"] = Day(first),
            ["endDate"] = Day(first.AddDays(days - 1)),
            ["currency"] = "USD",
            ["reducedRateCents"] = 2500,
            ["standardRateCents"] = 6000,
        }, ct);
        var url = $"api/v1/symposia/{symposium.Id}";
        var policy = await http.PutAsJsonAsync($"{url}/policy", new Dictionary<string, object?>
        {
            ["bookingOpensAt"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            ["bookingClosesAt"] = $"{Day(first.AddDays(days))}T00:00",
            ["reducedRateLimitPerAttendee"] = 1,
            ["holdMinutes"] = 30,
            ["cancellationCutoffHours"] = 24,
        }, ct);
        await EnsureAsync(policy, ct);

        var slots = new List<Guid>();
        var therapistIds = new List<Guid>();
        for (var t = 0; t < therapists; t++)
        {
            var therapist = await PostAsync<Created>($"{url}/therapists", new { name = $"Therapist {t:00}", email = $"therapist{t}.{year}@bench.example.org" }, ct);
            therapistIds.Add(therapist.Id);
            for (var d = 0; d < days; d++)
            {
                var shift = await PostAsync<Shift>($"{url}/therapists/{therapist.Id}/shifts", new Dictionary<string, object?>
                {
                    ["date"] = Day(first.AddDays(d)),
                    ["start"] = start,
                    ["end"] = end,
                    ["sessionMinutes"] = 5,
                    ["bufferMinutes"] = 0,
                    ["breaks"] = Array.Empty<object>(),
                    ["location"] = $"Room B, table {t + 1}",
                }, ct);
                slots.AddRange(shift.Slots.Select(s => s.Id));
            }
        }

        await EnsureAsync(await http.PostAsync($"{url}/publish", null, ct), ct);
        return new SeededSymposium(symposium.Id, Day(first), therapistIds[0], slots);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken ct)
    {
        var response = await http.PostAsJsonAsync(path, body, RequestLog.Json, ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<T>(RequestLog.Json, ct))!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    private sealed record Token(string AccessToken);

    private sealed record Created(Guid Id);

    private sealed record Shift(IReadOnlyList<Created> Slots);
}
