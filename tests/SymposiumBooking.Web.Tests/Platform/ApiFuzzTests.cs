using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// The fuzz test runs alone: it reads the cluster's next transaction id, which any other test's write would move.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone on the cluster";
}

/// <summary>
/// Generated requests to every route of the app's endpoint table (so a new route is fuzzed without anyone adding it):
/// method, route pattern, route/query/header parameters and the JSON body's type, filled with wrong types, huge and
/// empty values, unicode edge cases (lone surrogates in JSON escapes, RTL, zero-width, NUL), missing and repeated
/// fields, ids of the other symposium, random and malformed ids, garbage headers and malformed JSON; sent anonymously,
/// with a booking token and as an organizer and a therapist. Deterministic: the seed is fixed (env <c>FUZZ_SEED</c>
/// overrides it, <c>FUZZ_REQUESTS</c> the count) and printed with every failure.
/// </summary>
/// <remarks>
/// Asserted for every answer: never 5xx. Every 4xx of the API is <c>application/problem+json</c> with a <c>code</c>;
/// the routes outside <c>/api</c> (pages, calendar feeds) answer refusals with the HTML status page, so for them
/// only "never 5xx" holds (<see cref="ProblemJsonNotRequired"/>). A refused request changes nothing: the cluster's
/// next transaction id (<c>pg_snapshot_xmax(pg_current_snapshot())</c>) does not move across it, since a read-only
/// transaction takes none; when it does move (a transaction that locked or wrote and rolled back, or another test
/// process on the cluster), every table's content is compared with what it was after the last accepted request.
/// The one refusal that may write is a failed sign-in (<see cref="MayWriteWhenRefused"/>): counting it is the point.
/// The app's background workers are off (the harness), and its rate limits are high so the answers are not all 429.
/// </remarks>
[Collection(AloneCollection.Name)]
public sealed partial class ApiFuzzTests(StripeApp app) : IClassFixture<StripeApp>
{
    private const int DefaultSeed = 20261206;

    private const int DefaultRequests = 10_000;

    /// <summary>Refusals that may change the database, by route and status.</summary>
    private static readonly HashSet<string> MayWriteWhenRefused =
    [
        "POST /api/v1/auth/login 401", // a wrong password counts towards the account's lockout
        "POST /api/v1/auth/login 429",
    ];

    /// <summary>Routes whose refusals are pages, not problems: everything outside /api (pages and calendar feeds).</summary>
    private static bool ProblemJsonNotRequired(string path) => !path.StartsWith("/api/", StringComparison.Ordinal);

    [Fact]
    public async Task Ten_thousand_generated_requests_get_no_5xx_every_refusal_is_a_coded_problem_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultRequests;
        var world = await FuzzWorld.CreateAsync(app);
        var routes = Routes();
        Assert.True(routes.Count >= 40, $"only {routes.Count} routes found");
        var random = new Random(seed);
        var generator = new RequestGenerator(random, world);
        var callers = new Dictionary<Caller, HttpClient>
        {
            [Caller.Anonymous] = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }),
            [Caller.Attendee] = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }),
            [Caller.Organizer] = await BearerAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword),
            [Caller.Therapist] = await BearerAsync(world.Therapists.EmailA, TherapistWorld.Password),
        };

        await using var db = new NpgsqlConnection(TestPostgres.ConnectionStringFor(app.Database));
        await db.OpenAsync(ct);
        var tables = await TablesAsync(db, ct);
        var content = await ContentAsync(db, tables, ct);

        // The probe sees a write: joining the waitlist takes a transaction id (else "unchanged" would prove nothing).
        var probe = await NextXidAsync(db, ct);
        await callers[Caller.Anonymous].JoinOkAsync(world.Therapists.Symposium.Id, WaitlistCalls.Entry(WaitlistCalls.Email("probe")));
        Assert.NotEqual(probe, await NextXidAsync(db, ct));
        content = await ContentAsync(db, tables, ct);

        var failures = new List<string>();
        var xid = await NextXidAsync(db, ct); // before the next request: the last one's "after"
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count && failures.Count < 20; i++)
        {
            var route = routes[i % routes.Count];
            var caller = (Caller)random.Next(4);
            using var request = generator.Request(route, caller);
            var label = $"#{i} {request.Method} {request.RequestUri} as {caller} (seed {seed})";
            HttpResponseMessage response;
            try
            {
                response = await callers[caller].SendAsync(request, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failures.Add($"{label}: the server threw {e.GetType().Name}: {e.Message}\n{generator.Last}");
                xid = await NextXidAsync(db, ct);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var key = $"{route.Method} {route.Pattern} {status}";
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                var body = await response.Content.ReadAsStringAsync(ct);
                if (status >= 500)
                {
                    failures.Add($"{label}: {status}\n{generator.Last}\n{body}");
                }

                if (status >= 400 && !ProblemJsonNotRequired(request.RequestUri!.OriginalString) && !IsCodedProblem(response, body))
                {
                    failures.Add($"{label}: {status} is not a problem+json with a code ({response.Content.Headers.ContentType}): {Short(body)}\n{generator.Last}");
                }

                var before = xid;
                xid = await NextXidAsync(db, ct);
                if (xid == before)
                {
                    continue; // no transaction took an id: nothing was written
                }

                var after = await ContentAsync(db, tables, ct);
                if (status >= 400 && !MayWriteWhenRefused.Contains(key))
                {
                    var changed = after.Where(t => content.GetValueOrDefault(t.Key) != t.Value).Select(t => t.Key).ToList();
                    if (changed.Count > 0)
                    {
                        failures.Add($"{label}: refused with {status} but changed {string.Join(", ", changed)}\n{generator.Last}");
                    }
                }

                content = after; // what the next refusal must keep
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Fuzzed {count} requests (seed {seed}): " +
            string.Join(", ", statuses.Select(x => $"{x.Key}×{x.Value}")));
        Assert.True(failures.Count == 0, $"seed {seed} (rerun with FUZZ_SEED={seed}):\n" + string.Join("\n\n", failures));
        var reached = statuses.Keys.Select(k => k[..k.LastIndexOf(' ')]).ToHashSet();
        var never = routes.Select(r => $"{r.Method} {r.Pattern}").Where(r => !reached.Contains(r)).ToList();
        Assert.True(never.Count == 0, "routes never called: " + string.Join(", ", never));
    }

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static bool IsCodedProblem(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<HttpClient> BearerAsync(string email, string password)
    {
        var signedIn = await app.SignedInClientAsync(email, password);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>The next transaction id the cluster will hand out: it moves only when some transaction takes one (writes or locks).</summary>
    private static async Task<long> NextXidAsync(NpgsqlConnection db, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint", db);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<string>> TablesAsync(NpgsqlConnection db, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", db);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var tables = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>Every table's rows, as one md5 per table (row order does not matter).</summary>
    private static async Task<Dictionary<string, string>> ContentAsync(NpgsqlConnection db, List<string> tables, CancellationToken ct)
    {
        var sql = string.Join(" UNION ALL ", tables.Select(t =>
            $"SELECT '{t}', md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) FROM {t} x"));
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var content = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            content[reader.GetString(0)] = reader.GetString(1);
        }

        return content;
    }

    /// <summary>Every route of the endpoint table but HEAD, with its parameters and body type.</summary>
    private List<Route> Routes() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m != "HEAD")
                .Select(m => Route.From(m, e)))
            .DistinctBy(r => (r.Method, r.Pattern))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)
            .ThenBy(r => r.Method, StringComparer.Ordinal),
    ];
}

public enum Caller
{
    Anonymous,
    Attendee,
    Organizer,
    Therapist,
}

/// <summary>A route as the endpoint table describes it.</summary>
public sealed record Route(
    string Method, string Pattern, IReadOnlyList<(string Name, string? Constraint)> RouteValues, IReadOnlyList<(string Name, Type Type)> Query,
    IReadOnlyList<string> Headers, Type? Body, bool Json)
{
    public static Route From(string method, RouteEndpoint endpoint)
    {
        var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
        var routeValues = endpoint.RoutePattern.Parameters
            .Select(p => (p.Name, p.ParameterPolicies.Select(x => x.Content).FirstOrDefault()))
            .ToList();
        var query = new List<(string, Type)>();
        var headers = new List<string>();
        foreach (var binding in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
        {
            var p = binding.ParameterInfo;
            if (p.GetCustomAttribute<FromHeaderAttribute>() is { } header)
            {
                headers.Add(header.Name ?? p.Name!);
            }
            else if (routeValues.All(r => !string.Equals(r.Name, binding.Name, StringComparison.OrdinalIgnoreCase)) && IsSimple(p.ParameterType)
                     && p.GetCustomAttribute<FromServicesAttribute>() is null && p.GetCustomAttribute<FromBodyAttribute>() is null)
            {
                query.Add((p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? binding.Name, p.ParameterType));
            }
        }

        var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
        return new Route(method, pattern, routeValues, query, headers, accepts?.RequestType,
            accepts?.ContentTypes.Contains("application/json") == true);
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t.IsEnum || t == typeof(Guid) || t == typeof(decimal) || t == typeof(DateTimeOffset)
            || t == typeof(DateTime);
    }
}

/// <summary>What the fuzzer knows of the app's data: two symposia, their people, slots and bookings, and a token.</summary>
public sealed record FuzzWorld(
    TherapistWorld Therapists, Schedule Other, BookingView OtherBooking, Guid WaitlistEntry, Guid[] Shifts, Guid[] Slots)
{
    public static async Task<FuzzWorld> CreateAsync(BookingApp app)
    {
        var world = await TherapistWorld.CreateAsync(app);
        var other = await app.ScheduleAsync(therapists: 2);
        var attendee = app.CreateClient();
        var otherBooking = await attendee.BookOkAsync(BookingBodies.Booking(other.Slots[^1].Id, BookingSeed.UniqueEmail("other"), "standard"));
        var entry = await attendee.JoinOkAsync(world.Symposium.Id, WaitlistCalls.Entry(WaitlistCalls.Email("fuzz")));
        await using var db = app.OpenDb();
        var shifts = await db.Shifts.Select(s => s.Id).ToArrayAsync(TestContext.Current.CancellationToken);
        return new FuzzWorld(world, other, otherBooking, entry.Id, shifts, [.. world.SlotsOfA.Select(s => s.Id), .. other.Slots.Select(s => s.Id)]);
    }

    public Guid[] Symposia => [Therapists.Symposium.Id, Other.Symposium.Id];

    public Guid[] TherapistIds => [Therapists.A.Id, Therapists.B.Id, .. Other.Therapists.Select(t => t.Id)];

    public BookingView[] Bookings => [Therapists.FlaggedOfA, Therapists.PlainOfA, Therapists.OfB, OtherBooking];

    public Guid[] All => [.. Symposia, .. TherapistIds, .. Bookings.Select(b => b.Id), WaitlistEntry, .. Shifts, .. Slots];
}

/// <summary>Builds one hostile request at a time from a seeded <see cref="Random"/>; <see cref="Last"/> describes the last one.</summary>
public sealed partial class RequestGenerator(Random random, FuzzWorld world)
{
    private static readonly string[] Strange =
    [
        "", " ", "null", "0", "-1", "true", "[]", "{}", "\0", "a\u0000b", "\r\n", "\t", "\u202eevil\u202c", "\u200b", "\u200d", "\ufeff",
        "\u2028", "\u0085", "ש", "مرحبا", "Zoë O'Brien, \"Jr\"; Müller\\", "🙂", "👩‍👩‍👧‍👦", "e\u0301", "%00", "../../etc/passwd",
        "<script>alert(1)</script>", "' OR 1=1 --", "=HYPERLINK(\"http://x\")", "${jndi:ldap://x}", "\uffff", "9999-99-99", "2027-02-30",
        "24:00", "25:61", "-2147483648", "9223372036854775808", "1e400", "NaN", "0001-01-01T00:00:00Z",
    ];

    /// <summary>Raw JSON values, some not valid as JSON text at all.</summary>
    private static readonly string[] RawValues =
    [
        "null", "true", "false", "0", "-0", "1.5", "-1", "1e400", "123456789012345678901234567890", "\"\"", "[]", "{}", "[null]",
        "\"\\ud800\"", "\"\\udc00x\"", "\"a\\ud800\\ud800b\"", "\"\\u0000\"", "\"\\u202e\"", "\"\\u200b\"", "{\"a\":{\"b\":{\"c\":[[[[[]]]]]}}}",
        "\"" + new string('x', 5000) + "\"", "NaN", "Infinity", "'single'", "undefined", "0x10", "01", "\"\\x41\"", "[1,]",
    ];

    public string Last { get; private set; } = "";

    public HttpRequestMessage Request(Route route, Caller caller)
    {
        var url = new StringBuilder(FillRoute(route));
        var separator = '?';
        foreach (var (name, type) in route.Query)
        {
            var times = random.Next(10) switch { < 3 => 0, < 8 => 1, _ => 2 }; // missing, once, repeated
            for (var t = 0; t < times; t++)
            {
                url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Escape(QueryValue(type)));
                separator = '&';
            }
        }

        if (random.Next(10) == 0)
        {
            url.Append(separator).Append("unknown=").Append(Escape(Pick(Strange)));
        }

        var request = new HttpRequestMessage(new HttpMethod(route.Method), url.ToString());
        var description = new StringBuilder();
        foreach (var header in route.Headers.Concat(["X-Booking-Token", "Idempotency-Key", "X-Offer-Token", "Place-In-Line"]).Distinct())
        {
            if (header == "X-Booking-Token" && caller == Caller.Attendee)
            {
                var value = random.Next(4) == 0 ? HeaderJunk() : Pick(world.Bookings).Token!;
                request.Headers.TryAddWithoutValidation(header, value);
                description.Append(header).Append(": ").Append(value).Append('\n');
            }
            else if (random.Next(3) == 0)
            {
                var value = HeaderJunk();
                request.Headers.TryAddWithoutValidation(header, value);
                description.Append(header).Append(": ").Append(Show(value)).Append('\n');
            }
        }

        if (route.Method is "POST" or "PUT" or "PATCH" or "DELETE" || random.Next(10) == 0)
        {
            var (body, contentType) = Body(route);
            if (body is not null)
            {
                var content = new ByteArrayContent(body);
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                request.Content = content;
                description.Append("Content-Type: ").Append(contentType).Append('\n').Append(Show(Encoding.UTF8.GetString(body)));
            }
        }

        if (random.Next(20) == 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", Pick(["text/csv", "application/xml", "*/*;q=abc", "text/calendar", "\u00ff"]));
        }

        Last = description.ToString();
        return request;
    }

    private string FillRoute(Route route)
    {
        var isBooking = route.Pattern.StartsWith("/api/v1/bookings/", StringComparison.Ordinal) || route.Pattern.StartsWith("/bookings/", StringComparison.Ordinal);
        var path = ParameterPattern().Replace(route.Pattern, m =>
        {
            var name = m.Groups["name"].Value;
            var constraint = route.RouteValues.FirstOrDefault(r => r.Name == name).Constraint;
            if (constraint == "guid")
            {
                var roll = random.Next(20);
                Guid id = roll switch
                {
                    < 10 => name switch
                    {
                        "id" when isBooking => Pick(world.Bookings).Id,
                        "id" => Pick(world.Symposia),
                        "bookingId" => Pick(world.Bookings).Id,
                        "therapistId" => Pick(world.TherapistIds),
                        "shiftId" => Pick(world.Shifts),
                        "slotId" => Pick(world.Slots),
                        "entryId" => world.WaitlistEntry,
                        _ => Pick(world.All),
                    },
                    < 16 => Pick(world.All), // another kind of id, or one of the other symposium
                    < 18 => Guid.NewGuid(),
                    _ => Guid.Empty,
                };
                return random.Next(25) == 0 ? Pick(["not-a-guid", "%01", "..", "00000000-0000-0000-0000-00000000000g", id.ToString("N") + "0"]) : id.ToString();
            }

            if (constraint == "int")
            {
                return Pick(["0", "404", "500", "-1", "2147483648", "99999999999999999999", "1e3", "x"]);
            }

            return name == "documentName" && random.Next(2) == 0 ? "v1" : Escape(Pick(Strange) + random.Next().ToString(CultureInfo.InvariantCulture));
        });
        // TestServer refuses a NUL in the path before the app sees it (Kestrel answers 400 itself): send U+0001 instead.
        path = path.Replace("%00", "%01", StringComparison.Ordinal);
        return path.EndsWith("{documentName?}", StringComparison.Ordinal) ? path.Replace("{documentName?}", "", StringComparison.Ordinal) : path;
    }

    private string QueryValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (random.Next(3) == 0)
        {
            return Pick(Strange);
        }

        if (t == typeof(Guid))
        {
            return random.Next(2) == 0 ? Pick(world.All).ToString() : Guid.NewGuid().ToString();
        }

        if (t == typeof(bool))
        {
            return Pick(["true", "false", "True", "1", "yes"]);
        }

        if (t.IsPrimitive)
        {
            return Pick(["0", "1", "-1", "2147483647", "99999999999"]);
        }

        return Pick([world.Therapists.DayText, "2027-06-11", "2027-6-11", "2100-01-01", "1900-12-31", "today"]);
    }

    private (byte[]? Body, string ContentType) Body(Route route)
    {
        var contentType = random.Next(12) switch
        {
            0 => "text/plain",
            1 => "application/x-www-form-urlencoded",
            2 => "application/json; charset=latin1",
            3 => "multipart/form-data; boundary=\"x\"",
            4 => "application/json; charset=utf-8; garbage",
            5 => "",
            _ => "application/json",
        };
        var text = random.Next(12) switch
        {
            0 => null,
            1 => Pick(RawValues),
            2 => "{\"" + new string('k', 300) + "\":" + Pick(RawValues) + "}",
            3 => Truncate(JsonFor(route.Body, 0)),
            4 => "{\"a\":1,\"a\":2," + JsonFor(route.Body, 0).TrimStart('{'),
            _ => JsonFor(route.Body, 0),
        };
        if (text is null)
        {
            return (null, contentType);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(30) == 0)
        {
            bytes = [.. bytes, 0xC3, 0x28, 0xFF]; // invalid UTF-8
        }

        return (bytes, contentType);
    }

    private string Truncate(string json) => json.Length < 2 ? json : json[..random.Next(1, json.Length)];

    /// <summary>A JSON object for <paramref name="type"/> (or a generic one): each property valid-looking, wrong, odd, missing or twice.</summary>
    private string JsonFor(Type? type, int depth)
    {
        if (type is null || depth > 3)
        {
            return "{\"note\":" + StringValue() + "}";
        }

        var json = new StringBuilder("{");
        var first = true;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            var roll = random.Next(20);
            if (roll == 0)
            {
                continue; // missing
            }

            var times = roll == 1 ? 2 : 1; // repeated
            for (var t = 0; t < times; t++)
            {
                json.Append(first ? "" : ",").Append('"').Append(JsonNamingPolicy.CamelCase.ConvertName(property.Name)).Append("\":")
                    .Append(random.Next(6) == 0 ? Pick(RawValues) : ValueFor(property.PropertyType, property.Name, depth));
                first = false;
            }
        }

        if (random.Next(8) == 0)
        {
            json.Append(first ? "" : ",").Append("\"extra\":").Append(Pick(RawValues));
        }

        return json.Append('}').ToString();
    }

    private string ValueFor(Type type, string name, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (random.Next(10) == 0)
        {
            return "null";
        }

        if (t == typeof(string))
        {
            return name switch
            {
                _ when random.Next(3) == 0 => StringValue(),
                "Email" => Quote(random.Next(3) == 0 ? BookingApp.OrganizerEmail : BookingSeed.UniqueEmail("fuzz")),
                "Date" or "StartDate" or "EndDate" or "LastBotoxInjection" => Quote(Pick([world.Therapists.DayText, "2027-06-11", "2040-01-01"])),
                "Start" or "End" => Quote(Pick(["09:00", "12:00", "23:59", "00:00"])),
                "TimeZone" => Quote(Pick(["America/Chicago", "Europe/Lisbon", "Etc/GMT+14"])),
                "Currency" => Quote(Pick(["USD", "EUR", "XXX"])),
                "BookingOpensAt" or "BookingClosesAt" => Quote(Pick(["2027-05-01T09:00", "2027-05-01T09:00:00-05:00", "2027-06-12T17:00"])),
                "Password" => Quote(random.Next(2) == 0 ? BookingApp.OrganizerPassword : "wrong-password"),
                "OfferToken" => Quote(Pick(world.Bookings).Token!),
                _ => Quote("Ana Ruiz"),
            };
        }

        if (t == typeof(Guid))
        {
            return Quote(name == "SlotId" ? Pick(world.Slots).ToString() : Pick(world.All).ToString());
        }

        if (t == typeof(bool))
        {
            return Pick(["true", "false"]);
        }

        if (t == typeof(int) || t == typeof(long))
        {
            return Pick(["0", "1", "5", "30", "50", "2027", "2600", "6000", "-5", "2147483647", "-2147483648", "9223372036854775807"]);
        }

        if (t.IsEnum)
        {
            var names = Enum.GetNames(t).Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
            return random.Next(5) == 0 ? Pick(["\"\"", "\"NONE\"", "99", "-1", "\"left,right\""]) : Quote(Pick(names));
        }

        if (t.IsGenericType && t.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
        {
            var length = random.Next(8) == 0 ? 200 : random.Next(4);
            return "[" + string.Join(",", Enumerable.Range(0, length).Select(_ => ValueFor(element, name, depth + 1))) + "]";
        }

        return JsonFor(t, depth + 1);
    }

    /// <summary>A JSON string literal: ordinary, empty, huge, or with unicode edge cases written as escapes.</summary>
    private string StringValue() => random.Next(8) switch
    {
        0 => "\"\"",
        1 => Quote(new string('N', random.Next(2) == 0 ? 201 : 100_000)),
        2 => "\"a\\ud800b\"", // lone surrogate
        3 => "\"\\udfff\\ud800\"", // reversed pair
        4 => "\"x\\u0000y\"",
        _ => Quote(Pick(Strange)),
    };

    private string HeaderJunk() => random.Next(8) switch
    {
        0 => "",
        1 => new string('h', random.Next(2) == 0 ? 101 : 40_000),
        2 => "\u00ff\u00fe",
        3 => "a\u0001b",
        4 => "\u202e" + "token",
        _ => Pick(["null", "0", "Bearer x", "=?utf-8?b?w7w=?=", Guid.NewGuid().ToString(), "a,b", "\"quoted\"", "%00"]),
    };

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string Escape(string text)
    {
        try
        {
            return Uri.EscapeDataString(text);
        }
        catch (UriFormatException)
        {
            return "%ED%A0%80"; // a lone surrogate cannot be escaped: its (invalid) UTF-8 instead
        }
    }

    private static string Show(string text) => text.Length <= 400 ? text : text[..400] + $"… ({text.Length} chars)";

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\*?(?<name>\w+)(:[^}?]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex ParameterPattern();
}
