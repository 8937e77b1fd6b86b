using System.Net;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>Each rule of the symposia table, on create and on edit: the stated status and code, and nothing written.</summary>
public sealed class SymposiumValidationTests(BookingApp app) : IClassFixture<BookingApp>
{
    /// <summary>Marks a field the request leaves out.</summary>
    public const string Missing = "<missing>";

    /// <summary>Symposia of earlier years have ended by the fake clock's 2026-11-25, and an ended symposium is read-only.</summary>
    private static int NextYear = 2026;

    /// <summary>Field, value (<c>{y}</c> is the year of the symposium under test), expected code. All are 400.</summary>
    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { "timeZone", "CST", "symposium.unknown_time_zone" },
        { "timeZone", "Mars/Olympus", "symposium.unknown_time_zone" },
        { "timeZone", "UTC+5", "symposium.unknown_time_zone" },
        { "endDate", "{y}-06-09", "symposium.end_before_start" },
        { "endDate", "{y}-06-24", "symposium.too_long" },
        { "currency", "usd", "symposium.bad_currency" },
        { "currency", "US", "symposium.bad_currency" },
        { "currency", "EURO", "symposium.bad_currency" },
        { "currency", "U5D", "symposium.bad_currency" },
        { "reducedRateCents", -1L, "symposium.bad_rate" },
        { "standardRateCents", -6000L, "symposium.bad_rate" },
        { "reducedRateCents", 1_000_001L, "symposium.bad_rate" },
        { "standardRateCents", 5_000_000_000L, "symposium.bad_rate" },
        { "year", 1999, "request.invalid" },
        { "year", 2101, "request.invalid" },
        { "year", Missing, "request.invalid" },
        { "city", Missing, "request.invalid" },
        { "city", "", "request.invalid" },
        { "city", "   ", "request.invalid" },
        { "venueName", Missing, "request.invalid" },
        { "venueName", new string('v', 201), "request.invalid" },
        { "venueAddress", new string('a', 501), "request.invalid" },
        { "timeZone", Missing, "request.invalid" },
        { "startDate", Missing, "request.invalid" },
        { "startDate", "{y}/06/10", "request.invalid" },
        { "startDate", "10.06.{y}", "request.invalid" },
        { "endDate", "{y}-02-30", "request.invalid" },
        { "endDate", "{y}-06-12T00:00:00", "request.invalid" },
        { "currency", Missing, "request.invalid" },
        { "reducedRateCents", Missing, "request.invalid" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Creating_with_an_invalid_field_is_400_with_its_code_and_writes_nothing(string field, object? value, string code)
    {
        var client = await app.SignedInClientAsync();
        var year = Interlocked.Increment(ref NextYear);

        var problem = await app.RefusesAsync(() => client.PostJsonAsync(SymposiaPath, Invalid(year, field, value)),
            HttpStatusCode.BadRequest, code);

        if (code == "request.invalid")
        {
            Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.Body}");
        }

        var list = await client.SendGetAsync(SymposiaPath).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), e => e.GetProperty("year").GetInt32() == year);
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Editing_with_an_invalid_field_is_400_with_its_code_and_leaves_the_symposium_as_it_was(string field, object? value, string code)
    {
        var client = await app.SignedInClientAsync();
        var year = Interlocked.Increment(ref NextYear);
        var id = await client.CreateSymposiumIdAsync(year);
        var before = await client.GetSymposiumAsync(id);

        await app.RefusesAsync(() => client.PutJsonAsync(Symposium(id), Invalid(year, field, value)), HttpStatusCode.BadRequest, code);

        Assert.Equal(before.GetRawText(), (await client.GetSymposiumAsync(id)).GetRawText());
    }

    [Fact]
    public async Task Only_an_unknown_time_zone_fails_while_every_iana_zone_is_accepted()
    {
        var client = await app.SignedInClientAsync();
        foreach (var zone in new[] { "Europe/Lisbon", "Asia/Kolkata", "Pacific/Chatham", "Etc/UTC" })
        {
            var year = Interlocked.Increment(ref NextYear);
            var created = await client.CreateSymposiumAsync(Bodies.Symposium(year, zone));
            Assert.Equal(zone, created.Text("timeZone"));
        }
    }

    private static Dictionary<string, object?> Invalid(int year, string field, object? value)
    {
        var body = Bodies.Symposium(year);
        if (value is Missing)
        {
            return body.Without(field);
        }

        return body.With(field, value is string text ? text.Replace("{y}", year.ToString(), StringComparison.Ordinal) : value);
    }
}
