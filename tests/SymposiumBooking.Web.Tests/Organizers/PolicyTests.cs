using System.Net;
using System.Text.Json;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary><c>PUT /api/v1/symposia/{id}/policy</c>: instants with an offset or in the venue's local time, and the policy rules.</summary>
public sealed class PolicyTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static int NextYear = 2060;

    [Fact]
    public async Task A_policy_sent_with_offsets_is_saved_and_written_with_the_venue_offset_of_each_moment()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2031);

        var answer = await client.PutJsonAsync($"{Symposium(id)}/policy",
                Bodies.Policy("2031-03-01T15:00:00Z", "2031-06-12T17:00:00-05:00", limit: 2, hold: 45, cutoff: 48))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(id, answer.Id());
        var policy = answer.GetProperty("policy");
        AssertInstant("2031-03-01T09:00:00-06:00", policy.GetProperty("bookingOpensAt")); // still CST on 1 March
        AssertInstant("2031-06-12T17:00:00-05:00", policy.GetProperty("bookingClosesAt"));
        Assert.Equal(2, policy.GetProperty("reducedRateLimitPerAttendee").GetInt32());
        Assert.Equal(45, policy.GetProperty("holdMinutes").GetInt32());
        Assert.Equal(48, policy.GetProperty("cancellationCutoffHours").GetInt32());
        Assert.Equal(policy.GetRawText(), (await client.GetSymposiumAsync(id)).GetProperty("policy").GetRawText());

        // Sending it again replaces it.
        var replaced = await client.PutJsonAsync($"{Symposium(id)}/policy",
                Bodies.Policy("2031-04-01T12:00:00+02:00", "2031-06-11T23:00:00Z", limit: 0, hold: 60, cutoff: 0))
            .ExpectAsync(HttpStatusCode.OK);
        AssertInstant("2031-04-01T05:00:00-05:00", replaced.GetProperty("policy").GetProperty("bookingOpensAt"));
        AssertInstant("2031-06-11T18:00:00-05:00", replaced.GetProperty("policy").GetProperty("bookingClosesAt"));
        Assert.Equal(0, replaced.GetProperty("policy").GetProperty("reducedRateLimitPerAttendee").GetInt32());
    }

    [Fact]
    public async Task A_policy_sent_in_local_time_is_read_in_the_venue_zone()
    {
        var client = await app.SignedInClientAsync();
        var chicago = await client.CreateSymposiumIdAsync(2032);
        var lisbon = await client.CreateSymposiumIdAsync(2033, "Europe/Lisbon");

        var inChicago = (await client.SetPolicyAsync(chicago, "2032-01-15T08:00", "2032-06-12T18:30")).GetProperty("policy");
        var inLisbon = (await client.SetPolicyAsync(lisbon, "2033-01-10T10:00", "2033-06-10T10:00")).GetProperty("policy");

        AssertInstant("2032-01-15T08:00:00-06:00", inChicago.GetProperty("bookingOpensAt"));
        AssertInstant("2032-06-12T18:30:00-05:00", inChicago.GetProperty("bookingClosesAt"));
        AssertInstant("2033-01-10T10:00:00+00:00", inLisbon.GetProperty("bookingOpensAt"));
        AssertInstant("2033-06-10T10:00:00+01:00", inLisbon.GetProperty("bookingClosesAt"));
    }

    [Fact]
    public async Task Bookings_closing_at_or_before_they_open_are_refused_and_the_old_policy_stays()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2034);

        await app.RefusesAsync(() => client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy("2034-05-01T09:00", "2034-05-01T09:00")),
            HttpStatusCode.BadRequest, "policy.closes_before_opens");
        Assert.Equal(JsonValueKind.Null, (await client.GetSymposiumAsync(id)).GetProperty("policy").ValueKind);

        var saved = (await client.SetPolicyAsync(id, "2034-05-01T09:00", "2034-06-12T17:00")).GetProperty("policy").GetRawText();
        var refused = new[]
        {
            ("2034-05-01T09:00", "2034-04-30T09:00"),
            ("2034-05-01T09:00", "2034-05-01T14:00:00Z"), // the same instant, one local and one in UTC
            ("2034-06-12T17:00:00-05:00", "2034-06-12T16:59"),
        };
        foreach (var (opens, closes) in refused)
        {
            await app.RefusesAsync(() => client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy(opens, closes)),
                HttpStatusCode.BadRequest, "policy.closes_before_opens");
        }

        Assert.Equal(saved, (await client.GetSymposiumAsync(id)).GetProperty("policy").GetRawText());
    }

    [Fact]
    public async Task A_hold_under_five_minutes_is_too_short_while_online_payment_is_off()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2035);

        foreach (var hold in new[] { 4, 1, 0 })
        {
            await app.RefusesAsync(() => client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy("2035-05-01T09:00", "2035-06-12T17:00", hold: hold)),
                HttpStatusCode.BadRequest, "policy.hold_too_short");
        }

        var five = await client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy("2035-05-01T09:00", "2035-06-12T17:00", hold: 5))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(5, five.GetProperty("policy").GetProperty("holdMinutes").GetInt32());
    }

    public static TheoryData<int, int, int, string> OutOfRange => new()
    {
        { -1, 30, 24, "reducedRateLimitPerAttendee" },
        { 21, 30, 24, "reducedRateLimitPerAttendee" },
        { 1, 1441, 24, "holdMinutes" },
        { 1, 30, -1, "cancellationCutoffHours" },
        { 1, 30, 721, "cancellationCutoffHours" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task Out_of_range_numbers_are_400_request_invalid_naming_the_field(int limit, int hold, int cutoff, string field)
    {
        var client = await app.SignedInClientAsync();
        var year = Interlocked.Increment(ref NextYear);
        var id = await client.CreateSymposiumIdAsync(year);

        var problem = await app.RefusesAsync(
            () => client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy($"{year}-05-01T09:00", $"{year}-06-12T17:00", limit, hold, cutoff)),
            HttpStatusCode.BadRequest, "request.invalid");

        Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.Body}");
    }

    [Fact]
    public async Task The_limits_of_each_range_are_accepted()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2036);

        var low = await client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy("2036-05-01T09:00", "2036-06-12T17:00", 0, 5, 0))
            .ExpectAsync(HttpStatusCode.OK);
        var high = await client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy("2036-05-01T09:00", "2036-06-12T17:00", 20, 1440, 720))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, low.GetProperty("policy").GetProperty("cancellationCutoffHours").GetInt32());
        Assert.Equal(20, high.GetProperty("policy").GetProperty("reducedRateLimitPerAttendee").GetInt32());
        Assert.Equal(1440, high.GetProperty("policy").GetProperty("holdMinutes").GetInt32());
        Assert.Equal(720, high.GetProperty("policy").GetProperty("cancellationCutoffHours").GetInt32());
    }

    public static TheoryData<string, string?> BadInstants => new()
    {
        { "bookingOpensAt", "next tuesday" },
        { "bookingOpensAt", "{y}-05-01" },
        { "bookingOpensAt", "{y}-13-01T09:00" },
        { "bookingOpensAt", "{y}-05-01T25:00" },
        { "bookingOpensAt", "01/05/{y} 09:00" },
        { "bookingOpensAt", "" },
        { "bookingOpensAt", null },
        { "bookingClosesAt", "{y}-06-12T17:00:00+25:00" },
        { "bookingClosesAt", "1780000000" },
    };

    [Theory]
    [MemberData(nameof(BadInstants))]
    public async Task An_instant_neither_iso_with_offset_nor_local_minutes_is_400_request_invalid(string field, string? value)
    {
        var client = await app.SignedInClientAsync();
        var year = Interlocked.Increment(ref NextYear);
        var id = await client.CreateSymposiumIdAsync(year);
        var body = Bodies.Policy($"{year}-05-01T09:00", $"{year}-06-12T17:00")
            .With(field, value?.Replace("{y}", year.ToString(), StringComparison.Ordinal));

        await app.RefusesAsync(() => client.PutJsonAsync($"{Symposium(id)}/policy", body), HttpStatusCode.BadRequest, "request.invalid");
    }
}
