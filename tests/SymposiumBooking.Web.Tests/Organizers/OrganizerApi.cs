using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// Request bodies of the organizer API (docs/organizers.md), as dictionaries so that a test can change or drop
/// exactly one field and show that this field alone is refused.
/// </summary>
public static class Bodies
{
    /// <summary>A valid symposium in Chicago, 10–12 June of <paramref name="year"/> (CDT, UTC-5).</summary>
    public static Dictionary<string, object?> Symposium(int year, string zone = "America/Chicago", string? start = null, string? end = null) => new()
    {
        ["year"] = year,
        ["city"] = "Chicago",
        ["venueName"] = "Lakeshore Conference Center",
        ["venueAddress"] = "301 E North Water St, Chicago, IL 60611",
        ["timeZone"] = zone,
        ["startDate"] = start ?? $"{year}-06-10",
        ["endDate"] = end ?? $"{year}-06-12",
        ["currency"] = "USD",
        ["reducedRateCents"] = 2500,
        ["standardRateCents"] = 6000,
    };

    public static Dictionary<string, object?> Policy(object? opensAt, object? closesAt, int limit = 1, int hold = 30, int cutoff = 24) => new()
    {
        ["bookingOpensAt"] = opensAt,
        ["bookingClosesAt"] = closesAt,
        ["reducedRateLimitPerAttendee"] = limit,
        ["holdMinutes"] = hold,
        ["cancellationCutoffHours"] = cutoff,
    };

    public static Dictionary<string, object?> Copy(int year, string zone, string start, string city = "Lisbon") => new()
    {
        ["year"] = year,
        ["city"] = city,
        ["venueName"] = "Centro de Congressos",
        ["venueAddress"] = "Praça das Indústrias, 1300-307 Lisboa",
        ["timeZone"] = zone,
        ["startDate"] = start,
    };

    public static Dictionary<string, object?> Therapist(string name, string email) => new() { ["name"] = name, ["email"] = email };

    public static Dictionary<string, object?> Shift(
        string date, string start = "09:00", string end = "12:00", int session = 50, int buffer = 10,
        string location = "Room B, table 1", params (string Start, string End)[] breaks) => new()
        {
            ["date"] = date,
            ["start"] = start,
            ["end"] = end,
            ["sessionMinutes"] = session,
            ["bufferMinutes"] = buffer,
            ["breaks"] = breaks.Select(b => new Dictionary<string, string> { ["start"] = b.Start, ["end"] = b.End }).ToList(),
            ["location"] = location,
        };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string key, object? value) =>
        new(body) { [key] = value };

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> body, string key)
    {
        var copy = new Dictionary<string, object?>(body);
        copy.Remove(key);
        return copy;
    }
}

/// <summary>Calls of the organizer API and the checks every test makes on their answers.</summary>
public static class OrganizerApi
{
    public const string SymposiaPath = "/api/v1/symposia";
    public const string TherapistPassword = "Therapist-Password-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Symposium(string id) => $"{SymposiaPath}/{id}";

    public static string TherapistsPath(string symposiumId) => $"{SymposiaPath}/{symposiumId}/therapists";

    public static string ShiftsPath(string symposiumId, string therapistId) => $"{SymposiaPath}/{symposiumId}/therapists/{therapistId}/shifts";

    public static string Id(this JsonElement element, string property = "id") =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"no {property}");

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>Asserts the status (showing the body when it is not the one expected) and gives the JSON answer.</summary>
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        var response = await sending;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status) =>
        Task.FromResult(response).ExpectAsync(status);

    /// <summary>
    /// Asserts a problem answer with this status and code (<c>null</c>: any non-empty code); 400s other than malformed
    /// JSON must name the fields at fault.
    /// </summary>
    public static async Task<Problem> ProblemAsync(this Task<HttpResponseMessage> sending, HttpStatusCode status, string? code)
    {
        var response = await sending;
        var text = await response.Content.ReadAsStringAsync(Ct);
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        Assert.True(response.StatusCode == status && response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{what} answered {(int)response.StatusCode} {response.Content.Headers.ContentType}, expected {(int)status} problem {code}: {text}");
        var problem = await Problem.ReadAsync(response);
        Assert.True(code is null ? !string.IsNullOrEmpty(problem.Code) : problem.Code == code, $"{what}: expected code {code}, got {problem.Code}: {text}");
        if (status == HttpStatusCode.BadRequest && code != "request.malformed")
        {
            Assert.True(problem.Body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object,
                $"{what}: an input error must carry 'errors' (field → messages): {text}");
        }

        return problem;
    }

    /// <summary>
    /// Sends a request that must be refused with this status and code, and checks that the database is exactly as it
    /// was before: symposia, therapists, shifts and slots field by field, and the number of bookings, outbox messages
    /// and staff sign-ins.
    /// </summary>
    public static async Task<Problem> RefusesAsync(this BookingApp app, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string? code)
    {
        var before = await DbState.TakeAsync(app);
        var problem = await send().ProblemAsync(status, code);
        (await DbState.TakeAsync(app)).AssertSameAs(before);
        return problem;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Ct);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Ct);

    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string url) =>
        client.PostAsync(url, null, Ct);

    public static Task<HttpResponseMessage> SendGetAsync(this HttpClient client, string url, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> SendDeleteAsync(this HttpClient client, string url) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url), Ct);

    public static Task<JsonElement> CreateSymposiumAsync(this HttpClient client, Dictionary<string, object?> body) =>
        client.PostJsonAsync(SymposiaPath, body).ExpectAsync(HttpStatusCode.Created);

    public static async Task<string> CreateSymposiumIdAsync(
        this HttpClient client, int year, string zone = "America/Chicago", string? start = null, string? end = null) =>
        (await client.CreateSymposiumAsync(Bodies.Symposium(year, zone, start, end))).Id();

    public static Task<JsonElement> GetSymposiumAsync(this HttpClient client, string id) =>
        client.SendGetAsync(Symposium(id)).ExpectAsync(HttpStatusCode.OK);

    public static Task<JsonElement> SetPolicyAsync(this HttpClient client, string symposiumId, string opensAt, string closesAt) =>
        client.PutJsonAsync($"{Symposium(symposiumId)}/policy", Bodies.Policy(opensAt, closesAt)).ExpectAsync(HttpStatusCode.OK);

    public static async Task<string> AddTherapistAsync(this HttpClient client, string symposiumId, string name, string? email = null) =>
        (await client.PostJsonAsync(TherapistsPath(symposiumId), Bodies.Therapist(name, email ?? UniqueEmail(name)))
            .ExpectAsync(HttpStatusCode.Created)).Id();

    public static Task<JsonElement> AddShiftAsync(this HttpClient client, string symposiumId, string therapistId, Dictionary<string, object?> body) =>
        client.PostJsonAsync(ShiftsPath(symposiumId, therapistId), body).ExpectAsync(HttpStatusCode.Created);

    public static Task<JsonElement> ListShiftsAsync(this HttpClient client, string symposiumId, string query = "") =>
        client.SendGetAsync($"{Symposium(symposiumId)}/shifts{query}").ExpectAsync(HttpStatusCode.OK);

    public static string UniqueEmail(string name = "someone") =>
        $"{new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetter)])}.{Guid.NewGuid():N}@test.symposium";

    /// <summary>
    /// A client signed in as a therapist of <paramref name="symposiumId"/>: added through the API (which creates the
    /// sign-in without a password, as an invitation does), then given a password as the set-password link would.
    /// </summary>
    public static async Task<HttpClient> TherapistClientAsync(this BookingApp app, HttpClient organizer, string symposiumId)
    {
        var email = UniqueEmail("tess");
        await organizer.AddTherapistAsync(symposiumId, "Tess Therapist", email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            if (await users.HasPasswordAsync(user))
            {
                Assert.True((await users.RemovePasswordAsync(user)).Succeeded);
            }

            Assert.True((await users.AddPasswordAsync(user, TherapistPassword)).Succeeded);
        }

        return await app.SignedInClientAsync(email, TherapistPassword);
    }

    /// <summary>
    /// A booking made directly in the database, as the attendee flow would: at the table it is confirmed, online it is
    /// awaiting payment and holds the slot until <c>now + 30 min</c>.
    /// </summary>
    public static async Task<Guid> BookAsync(
        this BookingApp app, string symposiumId, string slotId, string name = "Ada Attendee", string? email = null,
        string? phone = null, Rate rate = Rate.Reduced, PaymentMethod payment = PaymentMethod.AtTable, long priceCents = 2500,
        string? intake = null)
    {
        var now = Instant.FromDateTimeOffset(app.Clock.GetUtcNow());
        var booking = Booking.Create(
            new BookingRequest(Guid.Parse(symposiumId), Guid.Parse(slotId), name, email ?? UniqueEmail(name), phone, rate, payment,
                priceCents, "USD", payment == PaymentMethod.Online ? now.Plus(Duration.FromMinutes(30)) : null),
            SecretToken.Create().Hash,
            now);
        await using var db = app.OpenDb();
        db.Bookings.Add(booking);
        if (intake is not null)
        {
            db.Intakes.Add(BookingIntake.Create(booking.Id, intake));
        }

        await db.SaveChangesAsync(Ct);
        return booking.Id;
    }

    /// <summary>Asserts an instant written as ISO 8601 with exactly this offset and wall-clock time.</summary>
    public static void AssertInstant(string expected, JsonElement actual)
    {
        var text = actual.GetString();
        Assert.False(string.IsNullOrEmpty(text), $"expected {expected}, got {actual}");
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value),
            $"'{text}' is not an ISO 8601 date-time with offset");
        var wanted = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);
        Assert.True(value.EqualsExact(wanted), $"expected {expected} (that wall-clock time and offset), got {text}");
    }

    /// <summary>The slots of a shift or preview as "startsAt–endsAt" pairs, normalized to ISO with offset.</summary>
    public static List<string> SlotTimes(this JsonElement shiftOrPreview) =>
    [
        .. shiftOrPreview.GetProperty("slots").EnumerateArray()
            .Select(s => $"{Normal(s.GetProperty("startsAt"))}/{Normal(s.GetProperty("endsAt"))}"),
    ];

    public static string Normal(JsonElement instant) =>
        DateTimeOffset.Parse(instant.GetString()!, CultureInfo.InvariantCulture).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>What the database holds, to show that a refused request wrote nothing.</summary>
public sealed record DbState(string Symposia, string Therapists, string Shifts, string Slots, int Bookings, int Outbox, int StaffUsers)
{
    public static async Task<DbState> TakeAsync(BookingApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var symposia = await db.Symposia.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        var therapists = await db.Therapists.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        var shifts = await db.Shifts.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var slots = await db.Slots.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        return new DbState(
            Lines(symposia.Select(e => string.Join(" | ", e.Id, e.Year, e.City, e.VenueName, e.VenueAddress, e.TimeZoneId,
                e.StartDate, e.EndDate, e.Currency, e.ReducedRateCents, e.StandardRateCents, e.Status, e.Policy))),
            Lines(therapists.Select(t => string.Join(" | ", t.Id, t.SymposiumId, t.Name, t.Email, t.UserId))),
            Lines(shifts.Select(s => string.Join(" | ", s.Id, s.SymposiumId, s.TherapistId, s.Date, s.Start, s.End, s.SessionMinutes,
                s.BufferMinutes, string.Join(",", s.Breaks), s.Location))),
            Lines(slots.Select(s => string.Join(" | ", s.Id, s.ShiftId, s.TherapistId, s.StartsAt, s.EndsAt, s.Location))),
            await db.Bookings.CountAsync(ct),
            await db.Outbox.CountAsync(ct),
            await db.Users.CountAsync(ct));
    }

    public void AssertSameAs(DbState before)
    {
        Assert.True(Symposia == before.Symposia, $"symposia changed:\n{before.Symposia}\n→\n{Symposia}");
        Assert.True(Therapists == before.Therapists, $"therapists changed:\n{before.Therapists}\n→\n{Therapists}");
        Assert.True(Shifts == before.Shifts, $"shifts changed:\n{before.Shifts}\n→\n{Shifts}");
        Assert.True(Slots == before.Slots, "slots changed");
        Assert.Equal(before.Bookings, Bookings);
        Assert.Equal(before.Outbox, Outbox);
        Assert.Equal(before.StaffUsers, StaffUsers);
    }

    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines);
}
