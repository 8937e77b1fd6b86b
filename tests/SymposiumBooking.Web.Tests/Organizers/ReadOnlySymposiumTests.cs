using System.Net;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// A symposium whose end date is before today in its own zone is read-only. The fake clock starts on
/// 2026-11-25T15:00Z and only moves forward, so each class here has a single test that creates a symposium ending
/// 2026-12-03 and then moves the clock past it.
/// </summary>
public sealed class SymposiumEndTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task An_symposium_becomes_read_only_at_midnight_after_its_last_day_in_its_own_zone()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2026, start: "2026-12-01", end: "2026-12-03");
        Assert.False((await client.GetSymposiumAsync(id)).GetProperty("readOnly").GetBoolean());

        // 03:00 UTC on the 4th is still 21:00 on the 3rd in Chicago: the last day is not over there.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));
        client = await app.SignedInClientAsync();
        Assert.False((await client.GetSymposiumAsync(id)).GetProperty("readOnly").GetBoolean());
        var edited = await client.PutJsonAsync(Symposium(id), Bodies.Symposium(2026, start: "2026-12-01", end: "2026-12-03").With("city", "Evanston"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Evanston", edited.Text("city"));

        // Midnight in Chicago: from now on the symposium is history.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));
        client = await app.SignedInClientAsync();
        var ended = await client.GetSymposiumAsync(id);
        Assert.True(ended.GetProperty("readOnly").GetBoolean());
        Assert.Equal("Evanston", ended.Text("city"));
        var listed = await client.SendGetAsync(SymposiaPath).ExpectAsync(HttpStatusCode.OK);
        Assert.True(listed.EnumerateArray().Single(e => e.Id() == id).GetProperty("readOnly").GetBoolean());
        await app.RefusesAsync(
            () => client.PutJsonAsync(Symposium(id), Bodies.Symposium(2026, start: "2026-12-01", end: "2026-12-03").With("city", "Skokie")),
            HttpStatusCode.Conflict, "symposium.read_only");
    }
}

public sealed class ReadOnlySymposiumTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Every_change_to_an_ended_symposium_is_409_read_only_and_writes_nothing_while_reading_still_works()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2026, start: "2026-12-01", end: "2026-12-03");
        await client.SetPolicyAsync(id, "2026-11-26T09:00", "2026-12-03T17:00");
        var working = await client.AddTherapistAsync(id, "Maria Keller");
        var idle = await client.AddTherapistAsync(id, "Tomás Ortega");
        var shift = (await client.AddShiftAsync(id, working, Bodies.Shift("2026-12-01"))).Id("shiftId");

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        client = await app.SignedInClientAsync(); // the earlier token has expired by now

        var changes = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("edit", () => client.PutJsonAsync(Symposium(id), Bodies.Symposium(2026, start: "2026-12-01", end: "2026-12-03").With("city", "Evanston"))),
            ("policy", () => client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy("2026-11-27T09:00", "2026-12-03T17:00"))),
            ("publish", () => client.PostEmptyAsync($"{Symposium(id)}/publish")),
            ("add therapist", () => client.PostJsonAsync(TherapistsPath(id), Bodies.Therapist("Aiko Tanaka", UniqueEmail("aiko")))),
            ("remove therapist", () => client.SendDeleteAsync($"{TherapistsPath(id)}/{idle}")),
            ("add shift", () => client.PostJsonAsync(ShiftsPath(id, idle), Bodies.Shift("2026-12-02"))),
            ("change shift", () => client.PutJsonAsync($"{ShiftsPath(id, working)}/{shift}", Bodies.Shift("2026-12-01", "13:00", "15:00"))),
            ("remove shift", () => client.SendDeleteAsync($"{ShiftsPath(id, working)}/{shift}")),
        };
        foreach (var (what, send) in changes)
        {
            var problem = await app.RefusesAsync(send, HttpStatusCode.Conflict, "symposium.read_only");
            Assert.True(problem.Status == HttpStatusCode.Conflict, what);
        }

        var symposium = await client.GetSymposiumAsync(id);
        Assert.True(symposium.GetProperty("readOnly").GetBoolean());
        Assert.Equal("draft", symposium.Text("status"));
        Assert.Equal(2, (await client.SendGetAsync(TherapistsPath(id)).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Single((await client.ListShiftsAsync(id)).EnumerateArray());
        Assert.Equal(0, (await client.SendGetAsync($"{Symposium(id)}/bookings").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
    }
}

public sealed class EndedSymposiumCopyTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task An_ended_symposium_can_still_be_copied_into_an_editable_draft_for_next_year()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2026, start: "2026-12-01", end: "2026-12-03");
        await client.SetPolicyAsync(id, "2026-11-26T09:00", "2026-12-03T17:00");
        var therapist = await client.AddTherapistAsync(id, "Maria Keller", "maria.keller@test.symposium");
        await client.AddShiftAsync(id, therapist, Bodies.Shift("2026-12-02"));

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 20, 12, 0, 0, TimeSpan.Zero));
        client = await app.SignedInClientAsync();
        Assert.True((await client.GetSymposiumAsync(id)).GetProperty("readOnly").GetBoolean());

        var copy = await client.PostJsonAsync($"{Symposium(id)}/copy", Bodies.Copy(2027, "America/Chicago", "2027-11-30", "Chicago"))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("draft", copy.Text("status"));
        Assert.False(copy.GetProperty("readOnly").GetBoolean());
        Assert.Equal("2027-12-02", copy.Text("endDate"));
        var therapists = await client.SendGetAsync(TherapistsPath(copy.Id())).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("maria.keller@test.symposium", Assert.Single(therapists.EnumerateArray()).Text("email"));
        var shift = Assert.Single((await client.ListShiftsAsync(copy.Id())).EnumerateArray());
        Assert.Equal("2027-12-01", shift.Text("date"));
        Assert.Equal(
            ["2027-12-01T09:00:00-06:00/2027-12-01T09:50:00-06:00", "2027-12-01T10:00:00-06:00/2027-12-01T10:50:00-06:00",
                "2027-12-01T11:00:00-06:00/2027-12-01T11:50:00-06:00"],
            shift.SlotTimes());

        // The copy is not history: it can be changed.
        await client.PutJsonAsync($"{Symposium(copy.Id())}/policy", Bodies.Policy("2027-11-01T09:00", "2027-12-02T17:00"))
            .ExpectAsync(HttpStatusCode.OK);
    }
}
