using System.Globalization;
using System.Net;
using System.Text.Json;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary><c>POST /api/v1/symposia/{id}/copy</c>: next year's symposium from this one, possibly in another zone.</summary>
public sealed class CopyTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task A_copy_to_another_zone_keeps_therapists_and_shifts_at_the_same_local_times_and_moves_the_policy_with_the_start()
    {
        var client = await app.SignedInClientAsync();
        // Chicago, Thursday 10 to Saturday 12 June 2032 (CDT, UTC-5).
        var source = await client.CreateSymposiumAsync(Bodies.Symposium(2032).With("currency", "USD").With("reducedRateCents", 2750));
        var sourceId = source.Id();
        // Opens ten days before the first day at 09:00, closes on the third day at 17:00.
        await client.PutJsonAsync($"{Symposium(sourceId)}/policy", Bodies.Policy("2032-05-31T09:00", "2032-06-12T17:00", limit: 2, hold: 45, cutoff: 48))
            .ExpectAsync(HttpStatusCode.OK);
        var maria = await client.AddTherapistAsync(sourceId, "Maria Keller", "maria.keller@test.symposium");
        var tomas = await client.AddTherapistAsync(sourceId, "Tomás Ortega", "tomas.ortega@test.symposium");
        await client.AddShiftAsync(sourceId, maria, Bodies.Shift("2032-06-10", "09:00", "12:00", 50, 10, "Room A", ("11:00", "11:10")));
        await client.AddShiftAsync(sourceId, tomas, Bodies.Shift("2032-06-11", "14:00", "16:00", 25, 5, "Room B"));
        await client.PostEmptyAsync($"{Symposium(sourceId)}/publish").ExpectAsync(HttpStatusCode.OK);
        var sourceShiftsBefore = (await client.ListShiftsAsync(sourceId)).GetRawText();

        // Lisbon, from Friday 1 April 2033: summer time (UTC+1) began on 27 March, so the opening ten days earlier is still UTC+0.
        var response = await client.PostJsonAsync($"{Symposium(sourceId)}/copy", Bodies.Copy(2033, "Europe/Lisbon", "2033-04-01"));

        var copy = await response.ExpectAsync(HttpStatusCode.Created);
        var copyId = copy.Id();
        Assert.NotEqual(sourceId, copyId);
        Assert.NotNull(response.Headers.Location);
        Assert.EndsWith($"/api/v1/symposia/{copyId}", response.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Equal(2033, copy.GetProperty("year").GetInt32());
        Assert.Equal("Lisbon", copy.Text("city"));
        Assert.Equal("Centro de Congressos", copy.Text("venueName"));
        Assert.Equal("Europe/Lisbon", copy.Text("timeZone"));
        Assert.Equal("2033-04-01", copy.Text("startDate"));
        Assert.Equal("2033-04-03", copy.Text("endDate"));
        Assert.Equal("draft", copy.Text("status"));
        Assert.False(copy.GetProperty("readOnly").GetBoolean());
        Assert.Equal("USD", copy.Text("currency"));
        Assert.Equal(2750, copy.GetProperty("reducedRateCents").GetInt64());
        Assert.Equal(6000, copy.GetProperty("standardRateCents").GetInt64());
        var policy = copy.GetProperty("policy");
        AssertInstant("2033-03-22T09:00:00+00:00", policy.GetProperty("bookingOpensAt"));
        AssertInstant("2033-04-03T17:00:00+01:00", policy.GetProperty("bookingClosesAt"));
        Assert.Equal(2, policy.GetProperty("reducedRateLimitPerAttendee").GetInt32());
        Assert.Equal(45, policy.GetProperty("holdMinutes").GetInt32());
        Assert.Equal(48, policy.GetProperty("cancellationCutoffHours").GetInt32());
        Assert.Equal(copy.GetRawText(), (await client.GetSymposiumAsync(copyId)).GetRawText());

        var therapists = await client.SendGetAsync(TherapistsPath(copyId)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            [("Maria Keller", "maria.keller@test.symposium"), ("Tomás Ortega", "tomas.ortega@test.symposium")],
            therapists.EnumerateArray().Select(t => (t.Text("name"), t.Text("email"))).ToArray());
        var names = therapists.EnumerateArray().ToDictionary(t => t.Id(), t => t.Text("name"));
        Assert.DoesNotContain(maria, names.Keys);

        var shifts = (await client.ListShiftsAsync(copyId)).EnumerateArray().ToList();
        Assert.Equal(2, shifts.Count);
        var first = shifts[0];
        Assert.Equal("Maria Keller", names[first.Text("therapistId")]);
        Assert.Equal(("2033-04-01", "09:00", "12:00", 50, 10, "Room A"),
            (first.Text("date"), first.Text("start"), first.Text("end"), first.GetProperty("sessionMinutes").GetInt32(),
                first.GetProperty("bufferMinutes").GetInt32(), first.Text("location")));
        var pause = Assert.Single(first.GetProperty("breaks").EnumerateArray());
        Assert.Equal(("11:00", "11:10"), (pause.Text("start"), pause.Text("end")));
        Assert.Equal(
            ["2033-04-01T09:00:00+01:00/2033-04-01T09:50:00+01:00", "2033-04-01T10:00:00+01:00/2033-04-01T10:50:00+01:00",
                "2033-04-01T11:10:00+01:00/2033-04-01T12:00:00+01:00"],
            first.SlotTimes());
        var second = shifts[1];
        Assert.Equal("Tomás Ortega", names[second.Text("therapistId")]);
        Assert.Equal(("2033-04-02", "14:00", "16:00", "Room B"), (second.Text("date"), second.Text("start"), second.Text("end"), second.Text("location")));
        Assert.Equal(
            ["2033-04-02T14:00:00+01:00/2033-04-02T14:25:00+01:00", "2033-04-02T14:30:00+01:00/2033-04-02T14:55:00+01:00",
                "2033-04-02T15:00:00+01:00/2033-04-02T15:25:00+01:00", "2033-04-02T15:30:00+01:00/2033-04-02T15:55:00+01:00"],
            second.SlotTimes());
        Assert.All(shifts.SelectMany(s => s.GetProperty("slots").EnumerateArray()), slot =>
        {
            Assert.True(slot.GetProperty("available").GetBoolean());
            Assert.Equal(names[slot.Text("therapistId")], slot.Text("therapistName"));
        });

        // The source is untouched and still published.
        Assert.Equal(sourceShiftsBefore, (await client.ListShiftsAsync(sourceId)).GetRawText());
        Assert.Equal("published", (await client.GetSymposiumAsync(sourceId)).Text("status"));
    }

    [Fact]
    public async Task A_copy_of_an_symposium_without_policy_or_therapists_is_a_bare_draft_of_the_same_length()
    {
        var client = await app.SignedInClientAsync();
        var sourceId = await client.CreateSymposiumIdAsync(2034, start: "2034-06-10", end: "2034-06-16");

        var copy = await client.PostJsonAsync($"{Symposium(sourceId)}/copy", Bodies.Copy(2035, "Asia/Tokyo", "2035-05-28", "Tokyo"))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("2035-06-03", copy.Text("endDate"));
        Assert.Equal(JsonValueKind.Null, copy.GetProperty("policy").ValueKind);
        Assert.Equal("draft", copy.Text("status"));
        Assert.Equal(0, (await client.SendGetAsync(TherapistsPath(copy.Id())).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await client.ListShiftsAsync(copy.Id())).GetArrayLength());
    }

    [Fact]
    public async Task A_copy_to_a_year_already_taken_is_409_year_taken_and_writes_nothing()
    {
        var client = await app.SignedInClientAsync();
        var sourceId = await client.CreateSymposiumIdAsync(2039);
        await client.CreateSymposiumIdAsync(2040);
        var therapist = await client.AddTherapistAsync(sourceId, "Maria Keller");
        await client.AddShiftAsync(sourceId, therapist, Bodies.Shift("2039-06-10"));
        var copy = $"{Symposium(sourceId)}/copy";

        await app.RefusesAsync(() => client.PostJsonAsync(copy, Bodies.Copy(2039, "Europe/Lisbon", "2041-09-01")),
            HttpStatusCode.Conflict, "symposium.year_taken");
        await app.RefusesAsync(() => client.PostJsonAsync(copy, Bodies.Copy(2040, "Europe/Lisbon", "2040-09-01")),
            HttpStatusCode.Conflict, "symposium.year_taken");
    }

    [Fact]
    public async Task A_copy_is_refused_for_an_unknown_zone_bad_fields_or_an_unknown_symposium_and_writes_nothing()
    {
        var client = await app.SignedInClientAsync();
        var sourceId = await client.CreateSymposiumIdAsync(2036);
        var therapist = await client.AddTherapistAsync(sourceId, "Maria Keller");
        await client.AddShiftAsync(sourceId, therapist, Bodies.Shift("2036-06-10"));
        var copy = $"{Symposium(sourceId)}/copy";

        await app.RefusesAsync(() => client.PostJsonAsync(copy, Bodies.Copy(2038, "Mars/Olympus", "2038-09-01")),
            HttpStatusCode.BadRequest, "symposium.unknown_time_zone");
        await app.RefusesAsync(() => client.PostJsonAsync(copy, Bodies.Copy(2038, "CST", "2038-09-01")),
            HttpStatusCode.BadRequest, "symposium.unknown_time_zone");
        await app.RefusesAsync(() => client.PostJsonAsync(copy, Bodies.Copy(2038, "Europe/Lisbon", "2038-09-01").Without("city")),
            HttpStatusCode.BadRequest, "request.invalid");
        await app.RefusesAsync(() => client.PostJsonAsync(copy, Bodies.Copy(2038, "Europe/Lisbon", "2038-09-01").With("city", new string('c', 10_000))),
            HttpStatusCode.BadRequest, "request.invalid");
        await app.RefusesAsync(() => client.PostJsonAsync(copy, Bodies.Copy(2038, "Europe/Lisbon", "01/09/2038")),
            HttpStatusCode.BadRequest, "request.invalid");
        await app.RefusesAsync(() => client.PostJsonAsync(copy, Bodies.Copy(1999, "Europe/Lisbon", "2038-09-01")),
            HttpStatusCode.BadRequest, "request.invalid");
        await app.RefusesAsync(() => client.PostJsonAsync($"{Symposium(Guid.NewGuid().ToString())}/copy", Bodies.Copy(2038, "Europe/Lisbon", "2038-09-01")),
            HttpStatusCode.NotFound, "symposium.not_found");
    }
    [Fact]
    public async Task Copying_shifts_onto_a_spring_forward_night_never_answers_500_nor_gives_the_therapist_overlapping_slots()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        // Tokyo has no DST: 01:30–02:30 and 03:00–04:00 are well apart there.
        var sourceId = await client.CreateSymposiumIdAsync(2042, "Asia/Tokyo", "2042-06-10", "2042-06-10");
        var therapist = await client.AddTherapistAsync(sourceId, "Maria Keller");
        await client.AddShiftAsync(sourceId, therapist, Bodies.Shift("2042-06-10", "01:30", "02:30", 60, 0));
        await client.AddShiftAsync(sourceId, therapist, Bodies.Shift("2042-06-10", "03:00", "04:00", 60, 0));
        var before = await DbState.TakeAsync(app);

        // Sunday 8 March 2043 in Chicago: 01:30 CST + 60 min ends at 03:30 CDT, after 03:00 CDT has begun.
        var response = await client.PostJsonAsync($"{Symposium(sourceId)}/copy", Bodies.Copy(2043, "America/Chicago", "2043-03-08", "Chicago"));

        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True((int)response.StatusCode < 500, $"copy answered {(int)response.StatusCode}: {text}");
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var copyId = JsonDocument.Parse(text).RootElement.Id();
            var slots = (await client.ListShiftsAsync(copyId)).EnumerateArray()
                .SelectMany(s => s.GetProperty("slots").EnumerateArray())
                .Select(s => (Start: DateTimeOffset.Parse(s.Text("startsAt"), CultureInfo.InvariantCulture), End: DateTimeOffset.Parse(s.Text("endsAt"), CultureInfo.InvariantCulture)))
                .OrderBy(s => s.Start)
                .ToList();
            Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, $"{pair.First} overlaps {pair.Second}"));
        }
        else
        {
            var problem = await Problem.ReadAsync(response);
            Assert.False(string.IsNullOrEmpty(problem.Code));
            (await DbState.TakeAsync(app)).AssertSameAs(before);
        }
    }
}
