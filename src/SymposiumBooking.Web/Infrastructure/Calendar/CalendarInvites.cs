using System.Globalization;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using Duration = NodaTime.Duration;
using IcalCalendar = Ical.Net.Calendar;

namespace SymposiumBooking.Web.Infrastructure.Calendar;

/// <summary>The iTIP method of a calendar (RFC 5546): what the receiving calendar should do with it.</summary>
public enum InviteMethod
{
    /// <summary>Add the event, or update it when the UID is known and the SEQUENCE is higher.</summary>
    Request,

    /// <summary>Remove the event with this UID.</summary>
    Cancel,

    /// <summary>Just information: a download or a subscribed feed, no attendees, no replies.</summary>
    Publish,
}

public enum InviteStatus
{
    Confirmed,
    Cancelled,
}

public sealed record InvitePerson(string Name, string Email);

/// <param name="Venue">The venue's name.</param>
/// <param name="Spot">Room or table inside the venue, when known.</param>
/// <param name="Address">The venue's street address.</param>
public sealed record InvitePlace(string Venue, string? Spot, string? Address)
{
    public override string ToString() =>
        string.Join(", ", new[] { Venue, Spot, Address }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.Trim()));
}

/// <summary>
/// One massage session as a calendar event. It deliberately has no field for intake or health details: a calendar
/// travels through mail servers and is synced to phones, so nothing sensitive can end up in it by accident.
/// </summary>
/// <param name="BookingId">Gives the UID, the same for the booking's whole life.</param>
/// <param name="Sequence">The booking's SEQUENCE: higher on every change of time, place or status.</param>
/// <param name="ZoneId">The symposium's IANA zone; times are written as its local wall-clock times.</param>
/// <param name="Summary">The title, e.g. <see cref="CalendarInvites.MassageWith"/>.</param>
/// <param name="Attendee">Who the invite is for; left out of PUBLISH calendars, as RFC 5546 requires.</param>
/// <param name="ManageLink">Where the attendee views, reschedules or cancels; none in a therapist's feed.</param>
public sealed record InviteEvent(
    Guid BookingId,
    int Sequence,
    InviteStatus Status,
    Instant Start,
    Instant End,
    string ZoneId,
    string Summary,
    InvitePlace Place,
    InvitePerson Organizer,
    InvitePerson? Attendee,
    Uri? ManageLink)
{
    public string Uid => CalendarInvites.UidFor(BookingId);
}

/// <summary>
/// Writes RFC 5545 text for one booking's invite (METHOD REQUEST or CANCEL, or PUBLISH for a download) and for
/// feeds of many bookings. DTSTART/DTEND carry the symposium's TZID with a full VTIMEZONE, a DISPLAY alarm fires
/// 30 minutes before, lines end in CRLF and are folded at 75 octets without splitting a character.
/// </summary>
public static class CalendarInvites
{
    public const string ProductId = "-//SymposiumBooking//Massage bookings//EN";

    public static readonly Duration ReminderBefore = Duration.FromMinutes(30);

    public static string UidFor(Guid bookingId) => $"booking-{bookingId}@symposium-booking";

    public static string MassageWith(string therapistName) => $"Massage with {therapistName.Trim()}";

    /// <summary>The calendar mailed (REQUEST, CANCEL) or downloaded (PUBLISH) for one booking.</summary>
    /// <param name="stamp">DTSTAMP: when this calendar was made (the injected clock's now).</param>
    public static string ForBooking(InviteEvent session, InviteMethod method, Instant stamp)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (method == InviteMethod.Cancel && session.Status != InviteStatus.Cancelled)
        {
            throw new ArgumentException("A CANCEL is for a cancelled booking.", nameof(method));
        }

        if (method == InviteMethod.Request && session.Status == InviteStatus.Cancelled)
        {
            throw new ArgumentException("A cancelled booking is announced with CANCEL, not REQUEST.", nameof(method));
        }

        return Write(method, null, [session], stamp);
    }

    /// <summary>A subscribable feed (METHOD:PUBLISH, X-WR-CALNAME) of many sessions.</summary>
    public static string Feed(string calendarName, IEnumerable<InviteEvent> sessions, Instant stamp) =>
        Write(InviteMethod.Publish, calendarName, [.. sessions], stamp);

    private static string Write(InviteMethod method, string? calendarName, IReadOnlyList<InviteEvent> sessions, Instant stamp)
    {
        var calendar = new IcalCalendar { ProductId = ProductId, Method = method.ToString().ToUpperInvariant() };
        if (calendarName is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", OneLine(calendarName));
            calendar.AddProperty("X-PUBLISHED-TTL", "PT1H"); // how often subscribers refresh
        }

        foreach (var zone in sessions.GroupBy(s => s.ZoneId, StringComparer.Ordinal))
        {
            // Only with AddTimeZone is a full VTIMEZONE written, which Outlook needs to place a TZID time. It starts
            // a little before the first session so that its rules cover every session. Ical.Net 5.2.4 reads the zone's
            // transitions from that point up to the *system* clock's today and throws when the point is later, i.e. for
            // sessions more than a year ahead (or a stamp from a clock ahead of the system's); the zone's last rules
            // (RRULEs) carry on into the future anyway.
            var first = Instant.Min(zone.Min(s => s.Start), stamp);
            var wanted = first.Minus(Duration.FromDays(366)).ToDateTimeUtc();
            var systemToday = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-1);
            var earliest = wanted < systemToday ? wanted : systemToday;
            calendar.AddTimeZone(zone.Key, earliest, includeHistoricalData: false);
        }

        var dtStamp = Utc(stamp);
        foreach (var session in sessions.OrderBy(s => s.Start))
        {
            calendar.Events.Add(Event(session, method, dtStamp));
        }

        return IcsText.Refold(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }

    private static CalendarEvent Event(InviteEvent session, InviteMethod method, CalDateTime stamp)
    {
        var zone = DateTimeZoneProviders.Tzdb[session.ZoneId];
        var e = new CalendarEvent
        {
            Uid = session.Uid,
            Sequence = session.Sequence,
            DtStamp = stamp,
            DtStart = Local(session.Start, zone, session.ZoneId),
            DtEnd = Local(session.End, zone, session.ZoneId),
            Status = session.Status == InviteStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
            Summary = OneLine(session.Summary),
            Location = OneLine(session.Place.ToString()),
            Description = Description(session, zone),
            Transparency = "OPAQUE",
            Organizer = new Organizer("mailto:" + session.Organizer.Email.Trim()) { CommonName = ParameterText(session.Organizer.Name) },
        };
        if (method != InviteMethod.Publish && session.Attendee is { } attendee)
        {
            // The attendee chose this slot themselves: the event arrives accepted, with no reply asked for.
            e.Attendees.Add(new Attendee("mailto:" + attendee.Email.Trim())
            {
                CommonName = ParameterText(attendee.Name),
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = "ACCEPTED",
                Rsvp = false,
            });
        }

        // RFC 5546 allows no VALARM in a CANCEL; a cancelled session needs no reminder anywhere.
        if (session.Status != InviteStatus.Cancelled)
        {
            e.Alarms.Add(new Alarm
            {
                Action = "DISPLAY",
                Description = OneLine($"{session.Summary} in 30 minutes"),
                Trigger = new Trigger(Ical.Net.DataTypes.Duration.FromMinutes(-(int)ReminderBefore.TotalMinutes)),
            });
        }

        return e;
    }

    /// <summary>What the attendee reads in the event: when, where and the manage link; never anything from the intake.</summary>
    private static string Description(InviteEvent session, DateTimeZone zone)
    {
        var start = session.Start.InZone(zone);
        var text = new StringBuilder();
        text.Append(OneLine(session.Summary)).Append('\n');
        text.Append(start.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture))
            .Append('–').Append(session.End.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture))
            .Append(" (").Append(session.ZoneId).Append(")\n");
        text.Append(OneLine(session.Place.ToString()));
        if (session.Status == InviteStatus.Cancelled)
        {
            text.Append("\nThis session is cancelled.");
        }
        else if (session.ManageLink is { } link)
        {
            text.Append("\nView, reschedule or cancel your booking: ").Append(link.AbsoluteUri);
        }

        return text.ToString();
    }

    private static CalDateTime Local(Instant instant, DateTimeZone zone, string zoneId)
    {
        var local = instant.InZone(zone).LocalDateTime;
        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zoneId);
    }

    private static CalDateTime Utc(Instant instant)
    {
        var utc = instant.InUtc().LocalDateTime;
        return new CalDateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, "UTC");
    }

    /// <summary>Names and places come from people: no line breaks or control characters inside one property.</summary>
    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(RemoveControls));

    /// <summary>A parameter value (CN) cannot hold a double quote at all (RFC 5545 §3.1).</summary>
    private static string ParameterText(string text) => OneLine(text).Replace('"', '\'');

    private static string RemoveControls(string word) => new([.. word.Where(c => !char.IsControl(c))]);
}
