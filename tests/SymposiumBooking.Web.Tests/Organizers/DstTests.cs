using System.Net;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// Shifts are entered in the venue's wall-clock time; their slots carry the offset of their own moment
/// (docs/organizers.md; the lenient resolver of docs/adr/0004). Chicago falls back on the first Sunday of November
/// at 02:00 CDT and springs forward on the second Sunday of March at 02:00 CST.
/// </summary>
public sealed class DstTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Shifts_on_both_sides_of_the_fall_back_keep_their_local_time_and_show_each_offset()
    {
        var client = await app.SignedInClientAsync();
        // Friday 5 to Monday 8 November 2027: the clocks go back early on Sunday the 7th.
        var id = await client.CreateSymposiumIdAsync(2027, start: "2027-11-05", end: "2027-11-08");
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");

        var saturday = await client.AddShiftAsync(id, therapist, Bodies.Shift("2027-11-06", "09:00", "10:00"));
        var sunday = await client.AddShiftAsync(id, therapist, Bodies.Shift("2027-11-07", "09:00", "10:00"));
        var monday = await client.AddShiftAsync(id, therapist, Bodies.Shift("2027-11-08", "09:00", "10:00"));

        Assert.Equal(["2027-11-06T09:00:00-05:00/2027-11-06T09:50:00-05:00"], saturday.SlotTimes());
        Assert.Equal(["2027-11-07T09:00:00-06:00/2027-11-07T09:50:00-06:00"], sunday.SlotTimes());
        Assert.Equal(["2027-11-08T09:00:00-06:00/2027-11-08T09:50:00-06:00"], monday.SlotTimes());
        var listed = await client.ListShiftsAsync(id);
        Assert.Equal(
            [.. saturday.SlotTimes(), .. sunday.SlotTimes(), .. monday.SlotTimes()],
            listed.EnumerateArray().SelectMany(s => s.SlotTimes()).ToArray());
        var preview = await client.PostJsonAsync($"{ShiftsPath(id, therapist)}/preview", Bodies.Shift("2027-11-05", "09:00", "10:00"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["2027-11-05T09:00:00-05:00/2027-11-05T09:50:00-05:00"], preview.SlotTimes());

        var policy = (await client.SetPolicyAsync(id, "2027-11-06T09:00", "2027-11-07T09:00")).GetProperty("policy");
        AssertInstant("2027-11-06T09:00:00-05:00", policy.GetProperty("bookingOpensAt"));
        AssertInstant("2027-11-07T09:00:00-06:00", policy.GetProperty("bookingClosesAt"));
    }

    [Fact]
    public async Task A_session_across_the_fall_back_keeps_its_real_length_and_an_ambiguous_start_takes_the_earlier_offset()
    {
        var client = await app.SignedInClientAsync();
        // Sunday 5 November 2028: 01:00–02:00 happens twice.
        var id = await client.CreateSymposiumIdAsync(2028, start: "2028-11-04", end: "2028-11-05");
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");

        var night = await client.AddShiftAsync(id, therapist, Bodies.Shift("2028-11-05", "00:30", "03:30", 50, 10));

        Assert.Equal(
            [
                "2028-11-05T00:30:00-05:00/2028-11-05T01:20:00-05:00",
                "2028-11-05T01:30:00-05:00/2028-11-05T01:20:00-06:00", // 50 real minutes, ending in CST
                "2028-11-05T02:30:00-06:00/2028-11-05T03:20:00-06:00",
            ],
            night.SlotTimes());
    }

    [Fact]
    public async Task A_start_in_the_spring_forward_gap_moves_to_the_wall_clock_after_it_and_never_overlaps()
    {
        var client = await app.SignedInClientAsync();
        // Sunday 11 March 2029: 02:00–03:00 does not exist.
        var id = await client.CreateSymposiumIdAsync(2029, start: "2029-03-10", end: "2029-03-11");
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");

        var night = await client.AddShiftAsync(id, therapist, Bodies.Shift("2029-03-11", "01:00", "04:00", 50, 10));

        // 02:00 becomes 03:00 CDT; the 03:00 session would then start inside it and is dropped.
        Assert.Equal(
            ["2029-03-11T01:00:00-06:00/2029-03-11T01:50:00-06:00", "2029-03-11T03:00:00-05:00/2029-03-11T03:50:00-05:00"],
            night.SlotTimes());
    }
    [Fact]
    public async Task Shifts_apart_on_the_wall_clock_but_overlapping_across_the_spring_forward_are_409_overlaps()
    {
        var client = await app.SignedInClientAsync();
        // Sunday 10 March 2030: 02:00–03:00 does not exist.
        var id = await client.CreateSymposiumIdAsync(2030, start: "2030-03-09", end: "2030-03-10");
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var early = await client.AddShiftAsync(id, therapist, Bodies.Shift("2030-03-10", "01:30", "02:30", 60, 0));
        // 01:30 CST plus 60 real minutes ends at 03:30 CDT.
        Assert.Equal(["2030-03-10T01:30:00-06:00/2030-03-10T03:30:00-05:00"], early.SlotTimes());

        await app.RefusesAsync(() => client.PostJsonAsync(ShiftsPath(id, therapist), Bodies.Shift("2030-03-10", "03:00", "04:00", 60, 0)),
            HttpStatusCode.Conflict, "shift.overlaps");

        var later = await client.AddShiftAsync(id, therapist, Bodies.Shift("2030-03-10", "03:30", "04:30", 60, 0));
        Assert.Equal(["2030-03-10T03:30:00-05:00/2030-03-10T04:30:00-05:00"], later.SlotTimes());
    }
}
