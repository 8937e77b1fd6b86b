using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// What a careless or hostile client may send to the organizer routes: wrong JSON types, absurd prices, 10,000-character
/// names. Always a 400 problem with a stable code, never a 500, and nothing written.
/// </summary>
public sealed class HostileInputTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Wrong_json_types_are_400_request_malformed_on_every_route_with_a_body_and_write_nothing()
    {
        var client = await app.SignedInClientAsync();
        var (id, therapist, shift) = await ScheduleAsync(client, 2031);
        var symposium = Bodies.Symposium(2031);
        var policy = Bodies.Policy("2031-05-01T09:00", "2031-06-12T17:00");
        var copy = Bodies.Copy(2032, "Europe/Lisbon", "2032-09-16");
        var person = Bodies.Therapist("Aiko Tanaka", UniqueEmail("aiko"));
        var work = Bodies.Shift("2031-06-11");
        var cases = new (HttpMethod Method, string Url, Dictionary<string, object?> Valid, string Field, string Raw)[]
        {
            (HttpMethod.Post, SymposiaPath, Bodies.Symposium(2033), "year", "\"twenty thirty\""),
            (HttpMethod.Post, SymposiaPath, Bodies.Symposium(2033), "reducedRateCents", "\"cheap\""),
            (HttpMethod.Post, SymposiaPath, Bodies.Symposium(2033), "standardRateCents", "60.5"),
            (HttpMethod.Post, SymposiaPath, Bodies.Symposium(2033), "city", "[\"Chicago\"]"),
            (HttpMethod.Post, SymposiaPath, Bodies.Symposium(2033), "startDate", "20330610"),
            (HttpMethod.Post, SymposiaPath, Bodies.Symposium(2033), "timeZone", "{\"id\":\"America/Chicago\"}"),
            (HttpMethod.Put, Symposium(id), symposium, "year", "true"),
            (HttpMethod.Put, Symposium(id), symposium, "standardRateCents", "[6000]"),
            (HttpMethod.Put, Symposium(id), symposium, "currency", "840"),
            (HttpMethod.Put, $"{Symposium(id)}/policy", policy, "holdMinutes", "\"thirty\""),
            (HttpMethod.Put, $"{Symposium(id)}/policy", policy, "reducedRateLimitPerAttendee", "1.5"),
            (HttpMethod.Put, $"{Symposium(id)}/policy", policy, "bookingOpensAt", "1780000000"),
            (HttpMethod.Put, $"{Symposium(id)}/policy", policy, "bookingClosesAt", "{\"date\":\"2031-06-12\"}"),
            (HttpMethod.Post, $"{Symposium(id)}/copy", copy, "year", "\"next\""),
            (HttpMethod.Post, $"{Symposium(id)}/copy", copy, "startDate", "false"),
            (HttpMethod.Post, TherapistsPath(id), person, "name", "42"),
            (HttpMethod.Post, TherapistsPath(id), person, "email", "{\"address\":\"a@b.org\"}"),
            (HttpMethod.Post, ShiftsPath(id, therapist), work, "sessionMinutes", "\"fifty\""),
            (HttpMethod.Post, ShiftsPath(id, therapist), work, "breaks", "\"none\""),
            (HttpMethod.Post, ShiftsPath(id, therapist), work, "breaks", "[{\"start\":1100,\"end\":1110}]"),
            (HttpMethod.Post, ShiftsPath(id, therapist), work, "date", "true"),
            (HttpMethod.Post, $"{ShiftsPath(id, therapist)}/preview", work, "bufferMinutes", "\"ten\""),
            (HttpMethod.Post, $"{ShiftsPath(id, therapist)}/preview", work, "start", "900"),
            (HttpMethod.Put, $"{ShiftsPath(id, therapist)}/{shift}", work, "location", "{\"room\":\"B\"}"),
            (HttpMethod.Put, $"{ShiftsPath(id, therapist)}/{shift}", work, "sessionMinutes", "1e400"),
        };

        foreach (var (method, url, valid, field, raw) in cases)
        {
            var json = JsonSerializer.SerializeToNode(valid)!.AsObject();
            json[field] = JsonNode.Parse(raw);
            var problem = await app.RefusesAsync(() => client.SendJsonAsync(method, url, json.ToJsonString()),
                HttpStatusCode.BadRequest, "request.malformed");
            Assert.True(problem.Status == HttpStatusCode.BadRequest, $"{method} {url} {field}={raw}");
        }

        foreach (var (method, url) in new[] { (HttpMethod.Post, SymposiaPath), (HttpMethod.Put, $"{Symposium(id)}/policy"), (HttpMethod.Post, TherapistsPath(id)) })
        {
            foreach (var garbage in new[] { "{\"year\": 2033,", "[]", "\"text\"", "null" })
            {
                var problem = await Problem.ReadAsync(await client.SendJsonAsync(method, url, garbage));
                Assert.True(problem.Status == HttpStatusCode.BadRequest, $"{method} {url} {garbage}: {problem.Status}");
                Assert.True(problem.Code is "request.malformed" or "request.invalid", $"{method} {url} {garbage}: {problem.Code}");
            }
        }
    }

    [Fact]
    public async Task Ten_thousand_character_names_are_400_request_invalid_everywhere_and_write_nothing()
    {
        var client = await app.SignedInClientAsync();
        var (id, therapist, shift) = await ScheduleAsync(client, 2034);
        var huge = new string('N', 10_000);
        var cases = new (string What, Func<Task<HttpResponseMessage>> Send, string Field)[]
        {
            ("create city", () => client.PostJsonAsync(SymposiaPath, Bodies.Symposium(2035).With("city", huge)), "city"),
            ("create venue", () => client.PostJsonAsync(SymposiaPath, Bodies.Symposium(2035).With("venueName", huge)), "venueName"),
            ("create address", () => client.PostJsonAsync(SymposiaPath, Bodies.Symposium(2035).With("venueAddress", huge)), "venueAddress"),
            ("edit city", () => client.PutJsonAsync(Symposium(id), Bodies.Symposium(2034).With("city", huge)), "city"),
            ("edit venue", () => client.PutJsonAsync(Symposium(id), Bodies.Symposium(2034).With("venueName", huge)), "venueName"),
            ("copy city", () => client.PostJsonAsync($"{Symposium(id)}/copy", Bodies.Copy(2035, "Europe/Lisbon", "2035-09-13").With("city", huge)), "city"),
            ("copy venue", () => client.PostJsonAsync($"{Symposium(id)}/copy", Bodies.Copy(2035, "Europe/Lisbon", "2035-09-13").With("venueName", huge)), "venueName"),
            ("therapist name", () => client.PostJsonAsync(TherapistsPath(id), Bodies.Therapist(huge, UniqueEmail())), "name"),
            ("therapist email", () => client.PostJsonAsync(TherapistsPath(id), Bodies.Therapist("Aiko Tanaka", huge + "@example.org")), "email"),
            ("shift location", () => client.PostJsonAsync(ShiftsPath(id, therapist), Bodies.Shift("2034-06-11", location: huge)), "location"),
            ("changed location", () => client.PutJsonAsync($"{ShiftsPath(id, therapist)}/{shift}", Bodies.Shift("2034-06-10", location: huge)), "location"),
            ("zone", () => client.PostJsonAsync(SymposiaPath, Bodies.Symposium(2035).With("timeZone", huge)), "timeZone"),
        };

        foreach (var (what, send, field) in cases)
        {
            var problem = await app.RefusesAsync(send, HttpStatusCode.BadRequest, field == "timeZone" ? null : "request.invalid");
            Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), $"{what}: errors should name {field}: {problem.Body}");
        }
    }

    [Fact]
    public async Task Negative_and_absurd_prices_are_400_bad_rate_on_create_and_edit_and_write_nothing()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2036);
        var before = await client.GetSymposiumAsync(id);

        foreach (var field in new[] { "reducedRateCents", "standardRateCents" })
        {
            foreach (var price in new[] { -1L, -2500L, 1_000_001L, 99_999_999L, 5_000_000_000L, long.MaxValue, long.MinValue })
            {
                await app.RefusesAsync(() => client.PostJsonAsync(SymposiaPath, Bodies.Symposium(2037).With(field, price)),
                    HttpStatusCode.BadRequest, "symposium.bad_rate");
                await app.RefusesAsync(() => client.PutJsonAsync(Symposium(id), Bodies.Symposium(2036).With(field, price)),
                    HttpStatusCode.BadRequest, "symposium.bad_rate");
            }

            // Beyond any integer type: still a 400, never a 500.
            var json = JsonSerializer.SerializeToNode(Bodies.Symposium(2037))!.AsObject();
            json[field] = JsonNode.Parse("100000000000000000000000000000");
            var problem = await Problem.ReadAsync(await client.SendJsonAsync(HttpMethod.Post, SymposiaPath, json.ToJsonString()));
            Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
            Assert.True(problem.Code is "request.malformed" or "symposium.bad_rate", problem.Code);
        }

        Assert.Equal(before.GetRawText(), (await client.GetSymposiumAsync(id)).GetRawText());
    }

    private static async Task<(string Symposium, string Therapist, string Shift)> ScheduleAsync(HttpClient client, int year)
    {
        var id = await client.CreateSymposiumIdAsync(year);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var shift = (await client.AddShiftAsync(id, therapist, Bodies.Shift($"{year}-06-10"))).Id("shiftId");
        return (id, therapist, shift);
    }
}
