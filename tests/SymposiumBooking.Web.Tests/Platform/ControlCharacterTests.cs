using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// A name, address or place with a line break, a control character or a bidi override would reach mail headers,
/// calendar properties, the CSV export and the logs: every free-text field of every command refuses it with a 400
/// <c>request.invalid</c> naming the field, and nothing is written. Real names in any script still pass.
/// </summary>
public sealed class ControlCharacterTests(BookingApp app) : IClassFixture<BookingApp>
{
    /// <summary>What each case puts in the middle of an otherwise valid value (named, so the test list stays readable).</summary>
    private static readonly Dictionary<string, string> Hostile = new()
    {
        ["CR LF"] = "\r\n",
        ["LF"] = "\n",
        ["CR"] = "\r",
        ["tab"] = "\t",
        ["NUL"] = "\0",
        ["ESC"] = "\u001b",
        ["DEL"] = "\u007f",
        ["NEL (C1)"] = "\u0085",
        ["CSI (C1)"] = "\u009b",
        ["line separator"] = "\u2028",
        ["paragraph separator"] = "\u2029",
        ["right-to-left override"] = "\u202e",
        ["left-to-right embedding"] = "\u202a",
        ["first strong isolate"] = "\u2068",
        ["lone high surrogate"] = "\ud800",
        ["lone low surrogate"] = "\udc00",
        ["noncharacter U+FFFF"] = "\uffff",
    };

    public static TheoryData<string> HostileNames => [.. Hostile.Keys];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Every_free_text_field_refuses_it_with_400_request_invalid_naming_the_field_and_writes_nothing(string what)
    {
        string Mixed(string text) => text[..(text.Length / 2)] + Marker + text[(text.Length / 2)..];
        var world = await WorldAsync();
        var (organizer, id, therapist, shift, schedule) = (world.Organizer, world.Symposium, world.Therapist, world.Shift, world.Schedule);
        var slot = schedule.Slots[0].Id;
        var attendee = app.CreateClient();
        const int year = 2099; // never created: every one of these is refused
        var waitlist = $"/api/v1/symposia/{schedule.Symposium.Id}/waitlist";
        var (post, put) = (HttpMethod.Post, HttpMethod.Put);

        var cases = new (string What, HttpClient Client, HttpMethod Method, string Url, object Body, string Field)[]
        {
            ("booking name", attendee, post, "/api/v1/bookings", BookingBodies.Booking(slot, name: Mixed("Ana Ruiz")), "name"),
            ("booking email", attendee, post, "/api/v1/bookings", BookingBodies.Booking(slot, email: Mixed("ana.ruiz") + "@example.org"), "email"),
            ("booking email domain", attendee, post, "/api/v1/bookings", BookingBodies.Booking(slot, email: "ana@" + Mixed("example.org")), "email"),
            ("booking phone", attendee, post, "/api/v1/bookings", BookingBodies.Booking(slot).With("phone", "+1 312 555 0100" + Marker), "phone"),
            ("waitlist name", attendee, post, waitlist, WaitlistCalls.Entry(WaitlistCalls.Email("w"), name: Mixed("Lee Waiting")), "name"),
            ("waitlist email", attendee, post, waitlist, WaitlistCalls.Entry(Mixed("lee") + "@example.org"), "email"),
            ("create city", organizer, post, SymposiaPath, Bodies.Symposium(year).With("city", Mixed("Chicago")), "city"),
            ("create venue", organizer, post, SymposiaPath, Bodies.Symposium(year).With("venueName", Mixed("Lakeshore")), "venueName"),
            ("create address", organizer, post, SymposiaPath, Bodies.Symposium(year).With("venueAddress", Mixed("301 E North Water St")), "venueAddress"),
            ("create zone", organizer, post, SymposiaPath, Bodies.Symposium(year).With("timeZone", "America/Chicago" + Marker), "timeZone"),
            ("create currency", organizer, post, SymposiaPath, Bodies.Symposium(year).With("currency", "USD" + Marker), "currency"),
            ("edit city", organizer, put, Symposium(id), Bodies.Symposium(SymposiumYear).With("city", Mixed("Chicago")), "city"),
            ("edit address", organizer, put, Symposium(id), Bodies.Symposium(SymposiumYear).With("venueAddress", Mixed("301 E North Water St")), "venueAddress"),
            ("copy city", organizer, post, $"{Symposium(id)}/copy", Bodies.Copy(year, "Europe/Lisbon", $"{year}-09-13").With("city", Mixed("Lisbon")), "city"),
            ("copy venue", organizer, post, $"{Symposium(id)}/copy", Bodies.Copy(year, "Europe/Lisbon", $"{year}-09-13").With("venueName", Mixed("Centro")), "venueName"),
            ("therapist name", organizer, post, TherapistsPath(id), Bodies.Therapist(Mixed("Aiko Tanaka"), UniqueEmail("aiko")), "name"),
            ("therapist email", organizer, post, TherapistsPath(id), Bodies.Therapist("Aiko Tanaka", Mixed("aiko") + "@example.org"), "email"),
            ("shift location", organizer, post, ShiftsPath(id, therapist), Bodies.Shift($"{SymposiumYear}-06-11", location: Mixed("Room B")), "location"),
            ("shift preview location", organizer, post, $"{ShiftsPath(id, therapist)}/preview", Bodies.Shift($"{SymposiumYear}-06-11", location: Mixed("Room B")), "location"),
            ("changed location", organizer, put, $"{ShiftsPath(id, therapist)}/{shift}", Bodies.Shift($"{SymposiumYear}-06-10", location: Mixed("Room B")), "location"),
            ("sign-in email", app.CreateClient(), post, "/api/v1/auth/login", new { email = BookingApp.OrganizerEmail + Marker, password = BookingApp.OrganizerPassword }, "email"),
        };

        foreach (var (field, client, method, url, body, name) in cases)
        {
            var waiting = await WaitlistCountAsync();
            var json = WithHostile(body, what);
            var lone = what.StartsWith("lone", StringComparison.Ordinal);
            // A lone surrogate does not get as far as the rule: the JSON reader refuses to turn it into a string.
            var problem = await app.RefusesAsync(() => client.SendJsonAsync(method, url, json), HttpStatusCode.BadRequest, lone ? "request.malformed" : "request.invalid");
            Assert.True(lone || problem.Body.GetProperty("errors").TryGetProperty(name, out _), $"{what} in {field}: errors should name {name}: {problem.Body}");
            Assert.Equal(waiting, await WaitlistCountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task The_intake_note_refuses_it_too_except_line_feeds_and_crlf(string what)
    {
        var slot = await NextFreeSlotAsync();
        var body = BookingBodies.Booking(slot, email: BookingSeed.UniqueEmail("note"), rate: "standard");
        body["intake"] = BookingBodies.Intake("Left shoulder" + Marker + "is stiff");

        var response = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/api/v1/bookings", WithHostile(body, what));

        if (what is "LF" or "CR LF")
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        if (!what.StartsWith("lone", StringComparison.Ordinal))
        {
            Assert.Equal("request.invalid", problem.Code);
            Assert.True(problem.Body.GetProperty("errors").TryGetProperty("intake.note", out _), problem.Body.ToString());
        }
        else
        {
            Assert.Equal("request.malformed", problem.Code);
        }
    }

    /// <summary>Stands for the hostile character in a body until it is written as JSON.</summary>
    private const string Marker = "@@HOSTILE@@";

    /// <summary>
    /// The body as JSON text with the hostile character where the marker is, written as a JSON escape: a client's
    /// serializer would turn a lone surrogate into U+FFFD before it ever left, so the escape is written by hand.
    /// </summary>
    private static string WithHostile(object body, string what)
    {
        var bad = Hostile[what];
        var escaped = string.Concat(bad.Select(c => $"\\u{(int)c:x4}"));
        return JsonSerializer.Serialize(body).Replace(Marker, escaped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Zoë O'Brien, \"Jr\"; Müller\\")]
    [InlineData("José María Pérez-Núñez")]
    [InlineData("محمد عبد الله")] // right to left, no marks needed
    [InlineData("\u200fשרה\u200e (Sarah)")] // implicit direction marks stay allowed
    [InlineData("मीनाक्षी")] // Devanagari conjuncts
    [InlineData("می\u200cخواهم")] // Persian zero-width non-joiner
    [InlineData("Family 👩‍👩‍👧‍👦 Ng")] // emoji joined with ZWJ, surrogate pairs
    [InlineData("Łukasz Żółć-Ōtani 山田")]
    public async Task Real_names_in_any_script_are_booked_as_typed(string name)
    {
        var slot = await NextFreeSlotAsync();

        var response = await app.CreateClient().BookAsync(BookingBodies.Booking(slot, email: BookingSeed.UniqueEmail("named"), rate: "standard", name: name));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await app.BookingRowAsync((await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(name, booking.AttendeeName);
    }

    private const int SymposiumYear = 2038;

    /// <summary>
    /// One organizer's draft symposium (with a therapist and a shift) and one published schedule of 32 slots for the whole
    /// class; the tests that book take the next slot nobody took.
    /// </summary>
    private sealed record World(HttpClient Organizer, string Symposium, string Therapist, string Shift, Schedule Schedule)
    {
        private int _nextSlot = 1; // slot 0 stays free for the refused bookings

        public Guid TakeSlot() => Schedule.Slots[Interlocked.Increment(ref _nextSlot)].Id;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BookingApp, Task<World>> Worlds = [];

    private Task<World> WorldAsync()
    {
        lock (Worlds)
        {
            return Worlds.GetValue(app, _ => CreateWorldAsync(app));
        }
    }

    private async Task<Guid> NextFreeSlotAsync() => (await WorldAsync()).TakeSlot();

    private static async Task<World> CreateWorldAsync(BookingApp app)
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(SymposiumYear);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var shift = (await client.AddShiftAsync(id, therapist, Bodies.Shift($"{SymposiumYear}-06-10"))).Id("shiftId");
        return new World(client, id, therapist, shift, await app.ScheduleAsync(therapists: 4));
    }

    private async Task<int> WaitlistCountAsync()
    {
        await using var db = app.OpenDb();
        return await db.WaitlistEntries.CountAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>The rule itself, without HTTP: what a single-line and a multi-line field take.</summary>
public sealed class FreeTextTests
{
    [Theory]
    [InlineData("Ana Ruiz", true)]
    [InlineData("", true)]
    [InlineData("Zoë O'Brien, \"Jr\"; Müller\\", true)]
    [InlineData("🙂", true)]
    [InlineData("a\u200db", true)]
    [InlineData("a\u200eb\u200f", true)]
    [InlineData("a\nb", false)]
    [InlineData("a\tb", false)]
    [InlineData("a\u0000", false)]
    [InlineData("\u009f", false)]
    [InlineData("a\u2028b", false)]
    [InlineData("a\u202eb", false)]
    [InlineData("a\u2069", false)]
    [InlineData("\ufffe", false)]
    public void Single_line(string text, bool allowed) => Assert.Equal(allowed, FreeText.IsSingleLine(text));

    [Theory]
    [InlineData("one\ntwo", true)]
    [InlineData("one\r\ntwo\r\n", true)]
    [InlineData("one\n\n\ntwo", true)]
    [InlineData("one\rtwo", false)]
    [InlineData("one\r", false)]
    [InlineData("one\r\r\ntwo", false)]
    [InlineData("one\ttwo", false)]
    [InlineData("one\u2029two", false)]
    [InlineData("one\u0085two", false)]
    public void Multi_line(string text, bool allowed) => Assert.Equal(allowed, FreeText.IsMultiLine(text));

    [Fact]
    public void Surrogates_must_come_in_pairs()
    {
        Assert.True(FreeText.IsSingleLine("x\ud83d\ude42y"));
        Assert.False(FreeText.IsSingleLine("x\ud83dy"));
        Assert.False(FreeText.IsSingleLine("x\ude42"));
        Assert.False(FreeText.IsSingleLine("\ude42\ud83d"));
        Assert.False(FreeText.IsMultiLine("line\n\ud83d"));
        Assert.True(FreeText.IsSingleLine(null));
        Assert.True(FreeText.IsMultiLine(null));
    }
}
