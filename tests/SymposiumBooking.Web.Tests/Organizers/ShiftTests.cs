using System.Net;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>Shifts and the slots they yield (docs/organizers.md, "Shifts and slots"). Symposia run 10–12 June, CDT (UTC-5).</summary>
public sealed class ShiftTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static int NextYear = 2043;

    [Fact]
    public async Task A_shift_answers_201_with_slots_laid_from_its_start_around_the_break_ending_by_its_end()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2031);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");

        var shift = await client.AddShiftAsync(id, therapist,
            Bodies.Shift("2031-06-10", "09:00", "12:00", 50, 10, "Room B, table 1", ("11:00", "11:10")));

        Assert.False(string.IsNullOrEmpty(shift.Id("shiftId")));
        Assert.Equal(therapist, shift.Text("therapistId"));
        Assert.Equal("2031-06-10", shift.Text("date"));
        Assert.Equal("09:00", shift.Text("start"));
        Assert.Equal("12:00", shift.Text("end"));
        Assert.Equal(50, shift.GetProperty("sessionMinutes").GetInt32());
        Assert.Equal(10, shift.GetProperty("bufferMinutes").GetInt32());
        var pause = Assert.Single(shift.GetProperty("breaks").EnumerateArray());
        Assert.Equal(("11:00", "11:10"), (pause.Text("start"), pause.Text("end")));
        Assert.Equal("Room B, table 1", shift.Text("location"));
        // 09:00 and 10:00, each followed by 10 minutes; 11:00 would overlap the break, so the last starts at 11:10.
        Assert.Equal(
            ["2031-06-10T09:00:00-05:00/2031-06-10T09:50:00-05:00", "2031-06-10T10:00:00-05:00/2031-06-10T10:50:00-05:00",
                "2031-06-10T11:10:00-05:00/2031-06-10T12:00:00-05:00"],
            shift.SlotTimes());
        foreach (var slot in shift.GetProperty("slots").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(slot.Id()));
            Assert.Equal(therapist, slot.Text("therapistId"));
            Assert.Equal("Maria Keller", slot.Text("therapistName"));
            Assert.Equal("Room B, table 1", slot.Text("location"));
            Assert.True(slot.GetProperty("available").GetBoolean());
        }

        await using var db = app.OpenDb();
        var shiftId = Guid.Parse(shift.Id("shiftId"));
        Assert.Equal(3, await db.Slots.CountAsync(s => s.ShiftId == shiftId, ct));
    }

    [Fact]
    public async Task Preview_answers_the_slots_a_shift_would_yield_and_saves_nothing()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2032);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var body = Bodies.Shift("2032-06-11", "14:00", "16:00", 25, 5);
        var before = await DbState.TakeAsync(app);

        var preview = await client.PostJsonAsync($"{ShiftsPath(id, therapist)}/preview", body).ExpectAsync(HttpStatusCode.OK);

        (await DbState.TakeAsync(app)).AssertSameAs(before);
        Assert.Equal(
            ["2032-06-11T14:00:00-05:00/2032-06-11T14:25:00-05:00", "2032-06-11T14:30:00-05:00/2032-06-11T14:55:00-05:00",
                "2032-06-11T15:00:00-05:00/2032-06-11T15:25:00-05:00", "2032-06-11T15:30:00-05:00/2032-06-11T15:55:00-05:00"],
            preview.SlotTimes());
        Assert.Equal(0, (await client.ListShiftsAsync(id)).GetArrayLength());

        var created = await client.AddShiftAsync(id, therapist, body);
        Assert.Equal(preview.SlotTimes(), created.SlotTimes());
    }

    [Fact]
    public async Task Preview_refuses_what_creating_refuses()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2033);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var preview = $"{ShiftsPath(id, therapist)}/preview";

        await app.RefusesAsync(() => client.PostJsonAsync(preview, Bodies.Shift("2033-06-10", "22:00", "02:00")),
            HttpStatusCode.BadRequest, "shift.crosses_midnight");
        await app.RefusesAsync(() => client.PostJsonAsync(preview, Bodies.Shift("2033-06-13")),
            HttpStatusCode.BadRequest, "shift.outside_symposium");
        await app.RefusesAsync(() => client.PostJsonAsync(preview, Bodies.Shift("2033-06-10", "09:00", "09:30", 50)),
            HttpStatusCode.UnprocessableEntity, "shift.no_slots");
        await app.RefusesAsync(() => client.PostJsonAsync(preview, Bodies.Shift("2033-06-10", session: 0)),
            HttpStatusCode.BadRequest, "request.invalid");
    }

    [Fact]
    public async Task Shifts_are_listed_by_date_and_time_and_filtered_by_therapist_and_by_date()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2034);
        var maria = await client.AddTherapistAsync(id, "Maria Keller");
        var tomas = await client.AddTherapistAsync(id, "Tomás Ortega");
        var mariaLast = (await client.AddShiftAsync(id, maria, Bodies.Shift("2034-06-12", "09:00", "10:00"))).Id("shiftId");
        var tomasFirst = (await client.AddShiftAsync(id, tomas, Bodies.Shift("2034-06-10", "14:00", "15:00"))).Id("shiftId");
        var mariaFirst = (await client.AddShiftAsync(id, maria, Bodies.Shift("2034-06-10", "09:00", "10:00"))).Id("shiftId");
        var other = await client.CreateSymposiumIdAsync(2035);
        await client.AddShiftAsync(other, await client.AddTherapistAsync(other, "Aiko Tanaka"), Bodies.Shift("2035-06-10"));

        static string[] Ids(System.Text.Json.JsonElement list) => [.. list.EnumerateArray().Select(s => s.Id("shiftId"))];

        var all = await client.ListShiftsAsync(id);
        Assert.Equal([mariaFirst, tomasFirst, mariaLast], Ids(all));
        Assert.All(all.EnumerateArray(), s => Assert.NotEmpty(s.GetProperty("slots").EnumerateArray()));
        Assert.Equal("Tomás Ortega", all[1].GetProperty("slots")[0].Text("therapistName"));
        Assert.Equal([mariaFirst, mariaLast], Ids(await client.ListShiftsAsync(id, $"?therapistId={maria}")));
        Assert.Equal([mariaFirst, tomasFirst], Ids(await client.ListShiftsAsync(id, "?date=2034-06-10")));
        Assert.Equal([tomasFirst], Ids(await client.ListShiftsAsync(id, $"?therapistId={tomas}&date=2034-06-10")));
        Assert.Empty(Ids(await client.ListShiftsAsync(id, "?date=2034-06-11")));
    }

    [Fact]
    public async Task A_malformed_date_filter_is_a_400_problem()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2036);

        foreach (var date in new[] { "tomorrow", "2036-13-01", "10.06.2036" })
        {
            var problem = await Problem.ReadAsync(await client.SendGetAsync($"{Symposium(id)}/shifts?date={date}"));
            Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
            Assert.True(problem.Code is "request.invalid" or "request.malformed", $"{date}: {problem.Code}");
        }
    }

    [Fact]
    public async Task Updating_a_shift_answers_200_and_lays_its_slots_anew()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2037);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var created = await client.AddShiftAsync(id, therapist, Bodies.Shift("2037-06-10"));
        var shiftId = created.Id("shiftId");
        var oldSlots = created.GetProperty("slots").EnumerateArray().Select(s => Guid.Parse(s.Id())).ToList();

        var updated = await client.PutJsonAsync($"{ShiftsPath(id, therapist)}/{shiftId}",
                Bodies.Shift("2037-06-11", "13:00", "15:00", 25, 5, "Room C", ("14:00", "14:15")))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(shiftId, updated.Id("shiftId"));
        Assert.Equal("2037-06-11", updated.Text("date"));
        Assert.Equal("Room C", updated.Text("location"));
        // 13:00 and 13:30; 14:00 would overlap the break, so 14:15; 14:45 would end after 15:00.
        Assert.Equal(
            ["2037-06-11T13:00:00-05:00/2037-06-11T13:25:00-05:00", "2037-06-11T13:30:00-05:00/2037-06-11T13:55:00-05:00",
                "2037-06-11T14:15:00-05:00/2037-06-11T14:40:00-05:00"],
            updated.SlotTimes());
        Assert.All(updated.GetProperty("slots").EnumerateArray(), s => Assert.Equal("Room C", s.Text("location")));
        var listed = Assert.Single((await client.ListShiftsAsync(id)).EnumerateArray());
        Assert.Equal(updated.SlotTimes(), listed.SlotTimes());

        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Slots.CountAsync(s => oldSlots.Contains(s.Id), ct));
        var sid = Guid.Parse(shiftId);
        Assert.Equal(updated.GetProperty("slots").GetArrayLength(), await db.Slots.CountAsync(s => s.ShiftId == sid, ct));
    }

    [Fact]
    public async Task Deleting_a_shift_answers_204_and_removes_its_slots()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2038);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var kept = await client.AddShiftAsync(id, therapist, Bodies.Shift("2038-06-11"));
        var shiftId = (await client.AddShiftAsync(id, therapist, Bodies.Shift("2038-06-10"))).Id("shiftId");

        await client.SendDeleteAsync($"{ShiftsPath(id, therapist)}/{shiftId}").ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(kept.Id("shiftId"), Assert.Single((await client.ListShiftsAsync(id)).EnumerateArray()).Id("shiftId"));
        await using (var db = app.OpenDb())
        {
            var sid = Guid.Parse(shiftId);
            Assert.Equal(0, await db.Slots.CountAsync(s => s.ShiftId == sid, ct));
            Assert.Equal(0, await db.Shifts.CountAsync(s => s.Id == sid, ct));
        }

        await app.RefusesAsync(() => client.SendDeleteAsync($"{ShiftsPath(id, therapist)}/{shiftId}"), HttpStatusCode.NotFound, "shift.not_found");
    }

    /// <summary>Case, then the shift's fields (breaks as "start-end;start-end"), expected status and code.</summary>
    public static TheoryData<string, string, string, string, int, int, string, string, int, string> Rules => new()
    {
        { "day before the start", "06-09", "09:00", "12:00", 50, 10, "Room B", "", 400, "shift.outside_symposium" },
        { "day after the end", "06-13", "09:00", "12:00", 50, 10, "Room B", "", 400, "shift.outside_symposium" },
        { "another year", "06-10+1y", "09:00", "12:00", 50, 10, "Room B", "", 400, "shift.outside_symposium" },
        { "end equals start", "06-10", "09:00", "09:00", 50, 10, "Room B", "", 400, "shift.crosses_midnight" },
        { "across midnight", "06-10", "22:00", "02:00", 50, 10, "Room B", "", 400, "shift.crosses_midnight" },
        { "break before the shift", "06-10", "09:00", "12:00", 50, 10, "Room B", "08:00-08:30", 400, "shift.bad_break" },
        { "break past the end", "06-10", "09:00", "12:00", 50, 10, "Room B", "11:30-12:30", 400, "shift.bad_break" },
        { "break ending before it starts", "06-10", "09:00", "12:00", 50, 10, "Room B", "10:30-10:00", 400, "shift.bad_break" },
        { "overlapping breaks", "06-10", "09:00", "12:00", 50, 10, "Room B", "10:00-10:30;10:15-10:45", 400, "shift.bad_break" },
        { "zero session", "06-10", "09:00", "12:00", 0, 10, "Room B", "", 400, "request.invalid" },
        { "negative session", "06-10", "09:00", "12:00", -50, 10, "Room B", "", 400, "request.invalid" },
        { "four-minute session", "06-10", "09:00", "12:00", 4, 10, "Room B", "", 400, "request.invalid" },
        { "481-minute session", "06-10", "00:00", "23:59", 481, 10, "Room B", "", 400, "request.invalid" },
        { "negative buffer", "06-10", "09:00", "12:00", 50, -1, "Room B", "", 400, "request.invalid" },
        { "241-minute buffer", "06-10", "09:00", "12:00", 50, 241, "Room B", "", 400, "request.invalid" },
        { "start not HH:mm", "06-10", "9am", "12:00", 50, 10, "Room B", "", 400, "request.invalid" },
        { "end hour 25", "06-10", "09:00", "25:00", 50, 10, "Room B", "", 400, "request.invalid" },
        { "minute 60", "06-10", "09:60", "12:00", 50, 10, "Room B", "", 400, "request.invalid" },
        { "break not HH:mm", "06-10", "09:00", "12:00", 50, 10, "Room B", "noon-12:30", 400, "request.invalid" },
        { "date not YYYY-MM-DD", "06/10", "09:00", "12:00", 50, 10, "Room B", "", 400, "request.invalid" },
        { "no location", "06-10", "09:00", "12:00", 50, 10, "", "", 400, "request.invalid" },
        { "blank location", "06-10", "09:00", "12:00", 50, 10, "   ", "", 400, "request.invalid" },
        { "201-character location", "06-10", "09:00", "12:00", 50, 10, new string('L', 201), "", 400, "request.invalid" },
        { "10,000-character location", "06-10", "09:00", "12:00", 50, 10, new string('L', 10_000), "", 400, "request.invalid" },
        { "no session fits", "06-10", "09:00", "09:30", 50, 10, "Room B", "", 422, "shift.no_slots" },
        { "the break takes all the room", "06-10", "09:00", "11:00", 50, 10, "Room B", "09:30-10:30", 422, "shift.no_slots" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Creating_a_shift_that_breaks_a_rule_is_refused_with_its_code_and_writes_nothing(
        string rule, string date, string start, string end, int session, int buffer, string location, string breaks, int status, string code)
    {
        var client = await app.SignedInClientAsync();
        var year = Interlocked.Increment(ref NextYear);
        var id = await client.CreateSymposiumIdAsync(year);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");

        var problem = await app.RefusesAsync(
            () => client.PostJsonAsync(ShiftsPath(id, therapist), Body(year, date, start, end, session, buffer, location, breaks)),
            (HttpStatusCode)status, code);

        Assert.True(problem.Code == code, rule);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Updating_a_shift_so_that_it_breaks_a_rule_is_refused_and_leaves_it_and_its_slots_as_they_were(
        string rule, string date, string start, string end, int session, int buffer, string location, string breaks, int status, string code)
    {
        var client = await app.SignedInClientAsync();
        var year = Interlocked.Increment(ref NextYear);
        var id = await client.CreateSymposiumIdAsync(year);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var shift = await client.AddShiftAsync(id, therapist, Bodies.Shift($"{year}-06-11", "13:00", "15:00"));

        await app.RefusesAsync(
            () => client.PutJsonAsync($"{ShiftsPath(id, therapist)}/{shift.Id("shiftId")}", Body(year, date, start, end, session, buffer, location, breaks)),
            (HttpStatusCode)status, code);

        Assert.True(shift.SlotTimes().SequenceEqual(Assert.Single((await client.ListShiftsAsync(id)).EnumerateArray()).SlotTimes()), rule);
    }

    [Fact]
    public async Task The_first_and_last_day_and_the_longest_session_and_buffer_are_accepted()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2039);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");

        var longest = await client.AddShiftAsync(id, therapist, Bodies.Shift("2039-06-10", "09:00", "17:00", 480, 0));
        var spaced = await client.AddShiftAsync(id, therapist, Bodies.Shift("2039-06-12", "08:00", "20:00", 60, 240));

        Assert.Equal(["2039-06-10T09:00:00-05:00/2039-06-10T17:00:00-05:00"], longest.SlotTimes());
        Assert.Equal(
            ["2039-06-12T08:00:00-05:00/2039-06-12T09:00:00-05:00", "2039-06-12T13:00:00-05:00/2039-06-12T14:00:00-05:00",
                "2039-06-12T18:00:00-05:00/2039-06-12T19:00:00-05:00"],
            spaced.SlotTimes());
    }

    [Fact]
    public async Task A_shift_overlapping_another_of_the_same_therapist_is_409_but_another_therapist_may_work_then()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2040);
        var maria = await client.AddTherapistAsync(id, "Maria Keller");
        var tomas = await client.AddTherapistAsync(id, "Tomás Ortega");
        var morning = (await client.AddShiftAsync(id, maria, Bodies.Shift("2040-06-10", "09:00", "12:00"))).Id("shiftId");

        await app.RefusesAsync(() => client.PostJsonAsync(ShiftsPath(id, maria), Bodies.Shift("2040-06-10", "10:30", "13:00")),
            HttpStatusCode.Conflict, "shift.overlaps");
        await app.RefusesAsync(() => client.PostJsonAsync(ShiftsPath(id, maria), Bodies.Shift("2040-06-10", "08:00", "14:00")),
            HttpStatusCode.Conflict, "shift.overlaps");

        await client.AddShiftAsync(id, tomas, Bodies.Shift("2040-06-10", "10:30", "13:00"));
        var afternoon = (await client.AddShiftAsync(id, maria, Bodies.Shift("2040-06-10", "12:00", "14:00"))).Id("shiftId");
        await client.AddShiftAsync(id, maria, Bodies.Shift("2040-06-11", "10:30", "13:00"));

        // Moving the afternoon onto the morning overlaps; moving the morning within its own hours does not.
        await app.RefusesAsync(() => client.PutJsonAsync($"{ShiftsPath(id, maria)}/{afternoon}", Bodies.Shift("2040-06-10", "11:00", "14:00")),
            HttpStatusCode.Conflict, "shift.overlaps");
        var moved = await client.PutJsonAsync($"{ShiftsPath(id, maria)}/{morning}", Bodies.Shift("2040-06-10", "08:30", "12:00"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("08:30", moved.Text("start"));
    }

    [Fact]
    public async Task A_shift_with_a_booked_or_held_slot_cannot_be_changed_or_removed()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2041);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var booked = await client.AddShiftAsync(id, therapist, Bodies.Shift("2041-06-10"));
        var held = await client.AddShiftAsync(id, therapist, Bodies.Shift("2041-06-11"));
        var bookedSlot = booked.GetProperty("slots")[2].Id();
        await app.BookAsync(id, bookedSlot);
        await app.BookAsync(id, held.GetProperty("slots")[0].Id(), payment: PaymentMethod.Online);

        foreach (var shift in new[] { booked, held })
        {
            var url = $"{ShiftsPath(id, therapist)}/{shift.Id("shiftId")}";
            await app.RefusesAsync(() => client.PutJsonAsync(url, Bodies.Shift(shift.Text("date"), "13:00", "15:00")),
                HttpStatusCode.Conflict, "shift.has_bookings");
            await app.RefusesAsync(() => client.SendDeleteAsync(url), HttpStatusCode.Conflict, "shift.has_bookings");
        }

        var listed = (await client.ListShiftsAsync(id)).EnumerateArray().First(s => s.Id("shiftId") == booked.Id("shiftId"));
        Assert.Equal([true, true, false], listed.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("available").GetBoolean()).ToArray());
    }

    [Fact]
    public async Task Unknown_shifts_and_shifts_of_another_therapist_are_404_shift_not_found()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2042);
        var maria = await client.AddTherapistAsync(id, "Maria Keller");
        var tomas = await client.AddTherapistAsync(id, "Tomás Ortega");
        var mariasShift = (await client.AddShiftAsync(id, maria, Bodies.Shift("2042-06-10"))).Id("shiftId");
        var unknown = Guid.NewGuid();

        await app.RefusesAsync(() => client.PutJsonAsync($"{ShiftsPath(id, maria)}/{unknown}", Bodies.Shift("2042-06-10")),
            HttpStatusCode.NotFound, "shift.not_found");
        await app.RefusesAsync(() => client.SendDeleteAsync($"{ShiftsPath(id, maria)}/{unknown}"), HttpStatusCode.NotFound, "shift.not_found");
        await app.RefusesAsync(() => client.PutJsonAsync($"{ShiftsPath(id, tomas)}/{mariasShift}", Bodies.Shift("2042-06-11")),
            HttpStatusCode.NotFound, "shift.not_found");
        await app.RefusesAsync(() => client.SendDeleteAsync($"{ShiftsPath(id, tomas)}/{mariasShift}"), HttpStatusCode.NotFound, "shift.not_found");
    }

    private static Dictionary<string, object?> Body(int year, string date, string start, string end, int session, int buffer, string location, string breaks)
    {
        var day = date switch
        {
            "06-10+1y" => $"{year + 1}-06-10",
            "06/10" => $"{year}/06/10",
            _ => $"{year}-{date}",
        };
        var pauses = breaks.Length == 0
            ? []
            : breaks.Split(';').Select(b => b.Split('-')).Select(p => (p[0], p[1])).ToArray();
        return Bodies.Shift(day, start, end, session, buffer, location, pauses);
    }
}
