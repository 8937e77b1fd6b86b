using System.Net;
using System.Text.Json;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>Creating, listing, reading and editing symposia (docs/organizers.md, "Symposia").</summary>
public sealed class SymposiumTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Creating_an_symposium_answers_201_with_its_location_and_the_draft_as_entered()
    {
        var client = await app.SignedInClientAsync();

        var response = await client.PostJsonAsync(SymposiaPath, Bodies.Symposium(2031));

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var id = created.Id();
        Assert.NotNull(response.Headers.Location);
        Assert.EndsWith($"/api/v1/symposia/{id}", response.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Equal(2031, created.GetProperty("year").GetInt32());
        Assert.Equal("Chicago", created.Text("city"));
        Assert.Equal("Lakeshore Conference Center", created.Text("venueName"));
        Assert.Equal("301 E North Water St, Chicago, IL 60611", created.Text("venueAddress"));
        Assert.Equal("America/Chicago", created.Text("timeZone"));
        Assert.Equal("2031-06-10", created.Text("startDate"));
        Assert.Equal("2031-06-12", created.Text("endDate"));
        Assert.Equal("USD", created.Text("currency"));
        Assert.Equal(2500, created.GetProperty("reducedRateCents").GetInt64());
        Assert.Equal(6000, created.GetProperty("standardRateCents").GetInt64());
        Assert.Equal("draft", created.Text("status"));
        Assert.False(created.GetProperty("readOnly").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("policy").ValueKind);

        var fetched = await client.SendGetAsync(response.Headers.Location.OriginalString).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.GetRawText(), fetched.GetRawText());
    }

    [Fact]
    public async Task A_draft_is_not_shown_to_attendees()
    {
        var client = await app.SignedInClientAsync();
        await client.CreateSymposiumIdAsync(2032);

        var current = await Problem.ReadAsync(await app.CreateClient().GetAsync($"{SymposiaPath}/current", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, current.Status);
        Assert.Equal("symposium.none_current", current.Code);
    }

    [Fact]
    public async Task Symposia_are_listed_newest_year_first_and_each_can_be_read()
    {
        var client = await app.SignedInClientAsync();
        var ids = new Dictionary<int, string>();
        foreach (var year in new[] { 2033, 2035, 2034 })
        {
            ids[year] = await client.CreateSymposiumIdAsync(year);
        }

        var list = await client.SendGetAsync(SymposiaPath).ExpectAsync(HttpStatusCode.OK);

        var years = list.EnumerateArray().Select(e => e.GetProperty("year").GetInt32()).ToList();
        Assert.Equal(years.OrderByDescending(y => y), years);
        var listed = list.EnumerateArray().ToDictionary(e => e.Id(), e => e.GetProperty("year").GetInt32());
        foreach (var (year, id) in ids)
        {
            Assert.Equal(year, listed[id]);
            var one = await client.GetSymposiumAsync(id);
            Assert.Equal(year, one.GetProperty("year").GetInt32());
            Assert.Equal("draft", one.Text("status"));
        }
    }

    [Fact]
    public async Task Editing_an_symposium_answers_200_with_every_field_changed()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2036);
        var changed = new Dictionary<string, object?>
        {
            ["year"] = 2037,
            ["city"] = "Lisbon",
            ["venueName"] = "Centro de Congressos",
            ["venueAddress"] = "Praça das Indústrias, 1300-307 Lisboa",
            ["timeZone"] = "Europe/Lisbon", // no shifts yet: the zone may still change
            ["startDate"] = "2037-09-17",
            ["endDate"] = "2037-09-20",
            ["currency"] = "EUR",
            ["reducedRateCents"] = 2000,
            ["standardRateCents"] = 5500,
        };

        var edited = await client.PutJsonAsync(Symposium(id), changed).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(id, edited.Id());
        foreach (var (field, value) in changed)
        {
            var actual = edited.GetProperty(field);
            Assert.Equal(value!.ToString(), actual.ValueKind == JsonValueKind.String ? actual.GetString() : actual.GetRawText());
        }

        Assert.Equal("draft", edited.Text("status"));
        Assert.Equal(edited.GetRawText(), (await client.GetSymposiumAsync(id)).GetRawText());

        // Saving again with its own year is not "year taken".
        var again = await client.PutJsonAsync(Symposium(id), changed.With("city", "Porto")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Porto", again.Text("city"));
        Assert.Equal(2037, again.GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task A_year_already_taken_is_409_on_create_and_on_edit_and_writes_nothing()
    {
        var client = await app.SignedInClientAsync();
        await client.CreateSymposiumIdAsync(2038);
        var other = await client.CreateSymposiumIdAsync(2039);

        await app.RefusesAsync(() => client.PostJsonAsync(SymposiaPath, Bodies.Symposium(2038).With("city", "Denver")),
            HttpStatusCode.Conflict, "symposium.year_taken");
        await app.RefusesAsync(() => client.PutJsonAsync(Symposium(other), Bodies.Symposium(2038)),
            HttpStatusCode.Conflict, "symposium.year_taken");

        Assert.Equal(2039, (await client.GetSymposiumAsync(other)).GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task A_fourteen_day_symposium_is_accepted_and_a_fifteen_day_one_is_too_long()
    {
        var client = await app.SignedInClientAsync();

        await app.RefusesAsync(() => client.PostJsonAsync(SymposiaPath, Bodies.Symposium(2040, start: "2040-06-01", end: "2040-06-15")),
            HttpStatusCode.BadRequest, "symposium.too_long");
        var fourteen = await client.CreateSymposiumAsync(Bodies.Symposium(2040, start: "2040-06-01", end: "2040-06-14"));

        Assert.Equal("2040-06-14", fourteen.Text("endDate"));
        await app.RefusesAsync(() => client.PutJsonAsync(Symposium(fourteen.Id()), Bodies.Symposium(2040, start: "2040-06-01", end: "2040-06-15")),
            HttpStatusCode.BadRequest, "symposium.too_long");
    }

    [Fact]
    public async Task A_one_day_symposium_and_rates_of_zero_and_one_million_minor_units_are_accepted()
    {
        var client = await app.SignedInClientAsync();

        var created = await client.CreateSymposiumAsync(Bodies.Symposium(2041, start: "2041-06-10", end: "2041-06-10")
            .With("reducedRateCents", 0).With("standardRateCents", 1_000_000));

        Assert.Equal(0, created.GetProperty("reducedRateCents").GetInt64());
        Assert.Equal(1_000_000, created.GetProperty("standardRateCents").GetInt64());
        Assert.Equal(created.Text("startDate"), created.Text("endDate"));
    }

    [Fact]
    public async Task Names_of_200_characters_and_an_address_of_500_are_accepted_and_one_more_is_refused()
    {
        var client = await app.SignedInClientAsync();
        var longest = Bodies.Symposium(2042)
            .With("city", new string('c', 200))
            .With("venueName", new string('v', 200))
            .With("venueAddress", new string('a', 500));

        var created = await client.CreateSymposiumAsync(longest);

        Assert.Equal(new string('a', 500), created.Text("venueAddress"));
        foreach (var (field, length) in new[] { ("city", 201), ("venueName", 201), ("venueAddress", 501) })
        {
            var problem = await app.RefusesAsync(() => client.PutJsonAsync(Symposium(created.Id()), longest.With(field, new string('x', length))),
                HttpStatusCode.BadRequest, "request.invalid");
            Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.Body}");
        }
    }

    [Fact]
    public async Task The_time_zone_of_an_symposium_with_shifts_is_locked_but_its_other_fields_may_change()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2043);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        await client.AddShiftAsync(id, therapist, Bodies.Shift("2043-06-10"));

        await app.RefusesAsync(() => client.PutJsonAsync(Symposium(id), Bodies.Symposium(2043, "America/Denver")),
            HttpStatusCode.Conflict, "symposium.zone_locked");

        var edited = await client.PutJsonAsync(Symposium(id), Bodies.Symposium(2043).With("city", "Evanston")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Evanston", edited.Text("city"));
        Assert.Equal("America/Chicago", edited.Text("timeZone"));
    }

    [Fact]
    public async Task New_dates_that_would_leave_a_shift_outside_are_409_and_dates_that_keep_every_shift_are_fine()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2044); // 10–12 June
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var shift = await client.AddShiftAsync(id, therapist, Bodies.Shift("2044-06-12"));

        await app.RefusesAsync(() => client.PutJsonAsync(Symposium(id), Bodies.Symposium(2044, start: "2044-06-10", end: "2044-06-11")),
            HttpStatusCode.Conflict, "symposium.shifts_outside_dates");
        await app.RefusesAsync(() => client.PutJsonAsync(Symposium(id), Bodies.Symposium(2044, start: "2044-06-20", end: "2044-06-22")),
            HttpStatusCode.Conflict, "symposium.shifts_outside_dates");

        var edited = await client.PutJsonAsync(Symposium(id), Bodies.Symposium(2044, start: "2044-06-11", end: "2044-06-14"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2044-06-11", edited.Text("startDate"));
        var shifts = await client.ListShiftsAsync(id);
        Assert.Equal(shift.SlotTimes(), Assert.Single(shifts.EnumerateArray()).SlotTimes());
    }

    [Fact]
    public async Task Every_route_of_an_unknown_symposium_is_404_symposium_not_found()
    {
        var client = await app.SignedInClientAsync();
        var unknown = Symposium(Guid.NewGuid().ToString());
        var routes = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("get", () => client.SendGetAsync(unknown)),
            ("edit", () => client.PutJsonAsync(unknown, Bodies.Symposium(2045))),
            ("policy", () => client.PutJsonAsync($"{unknown}/policy", Bodies.Policy("2045-05-01T09:00", "2045-06-12T17:00"))),
            ("publish", () => client.PostEmptyAsync($"{unknown}/publish")),
            ("copy", () => client.PostJsonAsync($"{unknown}/copy", Bodies.Copy(2046, "Europe/Lisbon", "2046-09-17"))),
            ("add therapist", () => client.PostJsonAsync($"{unknown}/therapists", Bodies.Therapist("Maria Keller", UniqueEmail()))),
            ("list therapists", () => client.SendGetAsync($"{unknown}/therapists")),
            ("list shifts", () => client.SendGetAsync($"{unknown}/shifts")),
            ("list bookings", () => client.SendGetAsync($"{unknown}/bookings")),
        };

        foreach (var (what, send) in routes)
        {
            var problem = await app.RefusesAsync(send, HttpStatusCode.NotFound, "symposium.not_found");
            Assert.True(problem.Status == HttpStatusCode.NotFound, what);
        }
    }
}
