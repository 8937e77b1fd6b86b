using System.Text;
using NodaTime;
using NodaTime.Text;
using SymposiumBooking.Web.Infrastructure.Calendar;

namespace SymposiumBooking.Web.Tests.Calendar;

/// <summary>Every calendar is read back by python3-icalendar and ical.js (<see cref="IcsParsers"/>), never by Ical.Net itself.</summary>
public sealed class InviteCalendarTests
{
    private static readonly Guid BookingId = Guid.Parse("0f6e2c8a-3b7d-4d7e-9a51-2f0c7b9e4a11");
    private static readonly Instant Stamp = Instant.FromUtc(2026, 11, 25, 15, 0, 7);
    private static readonly Uri ManageLink = new("https://booking.example.org/bookings/0f6e2c8a?token=secret-token-abc");

    private static InviteEvent Session(
        Instant start, string zone = "America/Chicago", int sequence = 0, InviteStatus status = InviteStatus.Confirmed,
        string therapist = "Ana Silva", InvitePlace? place = null) => new(
            BookingId, sequence, status, start, start.Plus(Duration.FromMinutes(30)), zone, CalendarInvites.MassageWith(therapist),
            place ?? new InvitePlace("Hyatt Regency", "Room Ontario, table 3", "151 E Wacker Dr, Chicago, IL 60601"),
            new InvitePerson("Symposium organizers", "organizers@symposium.example.org"),
            new InvitePerson("Dana Attendee", "dana@example.org"),
            ManageLink);

    private static readonly Instant Morning = Instant.FromUtc(2027, 3, 13, 15, 0); // 09:00 in Chicago, before DST

    [Fact]
    public async Task A_session_years_ahead_still_gets_a_vtimezone_and_the_right_wall_clock_time()
    {
        var farAhead = Instant.FromUtc(DateTime.UtcNow.Year + 6, 7, 10, 14, 0); // 09:00 CDT
        var ics = CalendarInvites.ForBooking(Session(farAhead), InviteMethod.Publish, Stamp);
        foreach (var calendar in await IcsParsers.ParseAsync(ics))
        {
            Assert.Contains("America/Chicago", calendar.TimeZones);
            var e = Assert.Single(calendar.Events);
            Assert.Equal(("America/Chicago", $"{DateTime.UtcNow.Year + 6}-07-10T09:00:00"), (e.Start?.Tzid, e.Start?.Local));
        }
    }

    [Fact]
    public async Task Request_then_cancel_keep_the_uid_raise_the_sequence_and_cancel_says_cancelled()
    {
        var request = CalendarInvites.ForBooking(Session(Morning), InviteMethod.Request, Stamp);
        var cancel = CalendarInvites.ForBooking(Session(Morning, sequence: 1, status: InviteStatus.Cancelled), InviteMethod.Cancel, Stamp.Plus(Duration.FromHours(1)));

        foreach (var (asked, cancelled) in (await IcsParsers.ParseAsync(request)).Zip(await IcsParsers.ParseAsync(cancel)))
        {
            Assert.Equal("REQUEST", asked.Method);
            Assert.Equal("CANCEL", cancelled.Method);
            var first = Assert.Single(asked.Events);
            var second = Assert.Single(cancelled.Events);
            Assert.Equal($"booking-{BookingId}@symposium-booking", first.Uid);
            Assert.Equal(first.Uid, second.Uid);
            Assert.Equal(0, first.Sequence);
            Assert.Equal(1, second.Sequence);
            Assert.Equal("CONFIRMED", first.Status);
            Assert.Equal("CANCELLED", second.Status);
            Assert.Equal(first.Start, second.Start);
            Assert.Empty(second.Alarms); // RFC 5546: no VALARM in a CANCEL
            Assert.Equal("mailto:dana@example.org", Assert.Single(second.Attendees).Address, ignoreCase: true);
        }
    }

    [Fact]
    public async Task A_rescheduled_booking_keeps_its_uid_with_a_higher_sequence_and_the_new_time()
    {
        var later = Instant.FromUtc(2027, 3, 14, 14, 0); // the Sunday clocks spring forward: 09:00 CDT
        var parsed = await IcsParsers.ParseAsync(CalendarInvites.ForBooking(Session(later, sequence: 2), InviteMethod.Request, Stamp));
        foreach (var calendar in parsed)
        {
            var e = Assert.Single(calendar.Events);
            Assert.Equal($"booking-{BookingId}@symposium-booking", e.Uid);
            Assert.Equal(2, e.Sequence);
            Assert.Equal("2027-03-14T09:00:00", e.Start?.Local);
        }
    }

    [Fact]
    public void A_cancelled_booking_cannot_go_out_as_a_request_nor_a_confirmed_one_as_a_cancel()
    {
        Assert.Throws<ArgumentException>(() => CalendarInvites.ForBooking(Session(Morning, status: InviteStatus.Cancelled), InviteMethod.Request, Stamp));
        Assert.Throws<ArgumentException>(() => CalendarInvites.ForBooking(Session(Morning), InviteMethod.Cancel, Stamp));
    }

    [Fact]
    public async Task Invite_has_organizer_attendee_summary_location_stamp_and_a_display_alarm_30_minutes_before()
    {
        var ics = CalendarInvites.ForBooking(Session(Morning), InviteMethod.Request, Stamp);
        foreach (var calendar in await IcsParsers.ParseAsync(ics))
        {
            var e = Assert.Single(calendar.Events);
            Assert.Equal("Massage with Ana Silva", e.Summary);
            Assert.Equal("Hyatt Regency, Room Ontario, table 3, 151 E Wacker Dr, Chicago, IL 60601", e.Location);
            Assert.Equal("2026-11-25T15:00:07Z", e.Dtstamp?.Utc);
            Assert.Equal("mailto:organizers@symposium.example.org", e.Organizer?.Address, ignoreCase: true);
            Assert.Equal("Symposium organizers", e.Organizer?.Name);
            var attendee = Assert.Single(e.Attendees);
            Assert.Equal("Dana Attendee", attendee.Name);
            var alarm = Assert.Single(e.Alarms);
            Assert.Equal("DISPLAY", alarm.Action);
            Assert.Equal("-PT30M", alarm.Trigger);
            Assert.Equal("2027-03-13T09:30:00", e.End?.Local);
        }
    }

    [Fact]
    public async Task Every_invite_carries_a_full_vtimezone_for_its_tzid()
    {
        var ics = CalendarInvites.ForBooking(Session(Morning, zone: "Europe/Lisbon"), InviteMethod.Request, Stamp);
        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Lisbon\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:STANDARD\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:DAYLIGHT\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Lisbon:", ics, StringComparison.Ordinal);
        foreach (var calendar in await IcsParsers.ParseAsync(ics))
        {
            Assert.Equal(["Europe/Lisbon"], calendar.TimeZones);
            Assert.Equal("Europe/Lisbon", Assert.Single(calendar.Events).Start?.Tzid);
        }
    }

    public static TheoryData<string, string, string> DstSides => new()
    {
        // zone, the instant (UTC), the wall-clock time people expect there
        { "America/Chicago", "2027-03-13T15:00:00Z", "2027-03-13T09:00:00" }, // Saturday, CST (UTC-6)
        { "America/Chicago", "2027-03-15T14:00:00Z", "2027-03-15T09:00:00" }, // Monday after the 14 March change, CDT (UTC-5)
        { "America/Chicago", "2027-11-06T14:00:00Z", "2027-11-06T09:00:00" }, // before falling back on 7 November
        { "America/Chicago", "2027-11-08T15:00:00Z", "2027-11-08T09:00:00" },
        { "Europe/Lisbon", "2027-03-27T10:00:00Z", "2027-03-27T10:00:00" }, // WET (UTC+0), the day before the 28 March change
        { "Europe/Lisbon", "2027-03-29T09:00:00Z", "2027-03-29T10:00:00" }, // WEST (UTC+1)
        { "Europe/Lisbon", "2027-03-28T00:30:00Z", "2027-03-28T00:30:00" }, // half an hour before the jump at 01:00
        { "Europe/Lisbon", "2027-03-28T01:00:00Z", "2027-03-28T02:00:00" }, // the first minute of summer time
        { "America/Chicago", "2029-03-10T15:00:00Z", "2029-03-10T09:00:00" }, // more than a year after the stamp: CST
        { "America/Chicago", "2029-03-12T14:00:00Z", "2029-03-12T09:00:00" }, // and CDT after the 11 March 2029 change
    };

    [Theory]
    [MemberData(nameof(DstSides))]
    public async Task Wall_clock_time_is_right_on_both_sides_of_a_dst_change(string zone, string utc, string local)
    {
        var start = InstantPattern.General.Parse(utc).Value;
        var ics = CalendarInvites.ForBooking(Session(start, zone), InviteMethod.Request, Stamp);
        foreach (var calendar in await IcsParsers.ParseAsync(ics))
        {
            var e = Assert.Single(calendar.Events).Start!;
            Assert.Equal(zone, e.Tzid);
            Assert.Equal(local, e.Local);
            Assert.Equal(utc, e.Utc);
            Assert.Equal(utc, e.UtcByVtimezone); // from the VTIMEZONE in the file alone
        }
    }

    [Fact]
    public async Task A_feed_spanning_the_dst_change_publishes_every_session_without_attendees()
    {
        Instant[] starts = [Instant.FromUtc(2027, 3, 13, 15, 0), Instant.FromUtc(2027, 3, 15, 14, 0)];
        var sessions = starts.Select((s, i) => Session(s) with { BookingId = Guid.CreateVersion7(), Summary = $"Massage: client {i}" }).ToList();
        var ics = CalendarInvites.Feed("Ana Silva — massages", sessions, Stamp);
        foreach (var calendar in await IcsParsers.ParseAsync(ics))
        {
            Assert.Equal("PUBLISH", calendar.Method);
            Assert.Equal("Ana Silva — massages", calendar.CalendarName);
            Assert.Equal(["America/Chicago"], calendar.TimeZones);
            Assert.Equal(2, calendar.Events.Count);
            Assert.Equal(sessions.Select(s => s.Uid).Order(StringComparer.Ordinal), calendar.Events.Select(e => e.Uid).Order(StringComparer.Ordinal));
            Assert.All(calendar.Events, e => Assert.Empty(e.Attendees)); // RFC 5546: no ATTENDEE in PUBLISH
            Assert.Equal(["2027-03-13T09:00:00", "2027-03-15T09:00:00"], calendar.Events.Select(e => e.Start!.Local!).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Lines_end_in_crlf_and_fold_at_75_octets_without_splitting_a_character()
    {
        const string therapist = "Zoë Ångström 🙂 山田太郎";
        var place = new InvitePlace(
            "Centro de Congressos do Estoril — Auditório Almada Negreiros 🙂🙂🙂 会議室",
            "Sala de massagens nº 3, marquesa 12 (ao fundo do corredor, à esquerda) 👩‍👩‍👧‍👦",
            "Avenida Amaral, 2765-192 Estoril, Portugal — 山田太郎ビル 5階 🇵🇹");
        var ics = CalendarInvites.ForBooking(Session(Morning, "Europe/Lisbon", therapist: therapist, place: place), InviteMethod.Request, Stamp);

        var bytes = Encoding.UTF8.GetBytes(ics);
        AssertCrlfOnly(bytes);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var lines = SplitCrlf(bytes);
        Assert.Contains(lines, l => l.Length > 0 && l[0] == (byte)' '); // something was folded
        foreach (var line in lines)
        {
            Assert.True(line.Length <= 75, $"line of {line.Length} octets: {Encoding.UTF8.GetString(line)}");
            strict.GetString(line); // throws if the fold cut a character in two
        }

        foreach (var calendar in await IcsParsers.ParseAsync(ics))
        {
            var e = Assert.Single(calendar.Events);
            Assert.Equal("Massage with " + therapist, e.Summary);
            Assert.Equal(place.ToString(), e.Location);
        }
    }

    [Fact]
    public async Task Description_has_the_manage_link_and_nothing_from_the_intake()
    {
        var ics = CalendarInvites.ForBooking(Session(Morning), InviteMethod.Request, Stamp);
        foreach (var calendar in await IcsParsers.ParseAsync(ics))
        {
            var description = Assert.Single(calendar.Events).Description ?? "";
            Assert.Contains(ManageLink.AbsoluteUri, description, StringComparison.Ordinal);
            Assert.Contains("Massage with Ana Silva", description, StringComparison.Ordinal);
            string[] intakeWords = ["intake", "health", "medical", "condition", "medication", "injur", "pregnan", "allerg", "surgery", "dystonia", "pain"];
            Assert.DoesNotContain(intakeWords, w => description.Contains(w, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Names_with_line_breaks_and_quotes_cannot_break_out_of_their_property()
    {
        var session = Session(Morning, therapist: "Ana \"Hands\"\r\nSilva") with
        {
            Attendee = new InvitePerson("Dana \"D\"\r\nATTENDEE:mailto:x@evil.example", "dana@example.org"),
        };
        var ics = CalendarInvites.ForBooking(session, InviteMethod.Request, Stamp);
        Assert.DoesNotContain("\r\nATTENDEE:mailto:x@evil", IcsText.Unfold(ics), StringComparison.Ordinal);
        foreach (var calendar in await IcsParsers.ParseAsync(ics))
        {
            var e = Assert.Single(calendar.Events);
            Assert.Equal("Massage with Ana \"Hands\" Silva", e.Summary);
            Assert.Equal("Dana 'D' ATTENDEE:mailto:x@evil.example", Assert.Single(e.Attendees).Name);
        }
    }

    private static void AssertCrlfOnly(byte[] bytes)
    {
        Assert.True(bytes.Length > 2 && bytes[^2] == '\r' && bytes[^1] == '\n', "the calendar ends with CRLF");
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                Assert.True(i > 0 && bytes[i - 1] == '\r', $"bare LF at octet {i}");
            }
            else if (bytes[i] == '\r')
            {
                Assert.True(i + 1 < bytes.Length && bytes[i + 1] == '\n', $"bare CR at octet {i}");
            }
        }
    }

    private static List<byte[]> SplitCrlf(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 2;
                i++;
            }
        }

        return lines;
    }
}
