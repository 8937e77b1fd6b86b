using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Calendar;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>
/// One booking with what its calendar event needs. It carries the attendee's name for the first name only, and
/// nothing from the intake, the email or the phone: those can never reach a calendar by accident.
/// </summary>
public sealed record SessionRow(
    Guid BookingId,
    int Sequence,
    BookingStatus Status,
    Instant? HoldExpiresAt,
    Instant StartsAt,
    Instant EndsAt,
    string SlotLocation,
    string TherapistName,
    string AttendeeName,
    string TimeZoneId,
    string VenueName,
    string VenueAddress)
{
    /// <summary>Whether the session is on: it holds its slot (an online payment's hold has not lapsed).</summary>
    public bool IsOnAt(Instant now) =>
        BookingStatuses.HoldingSlot.Contains(Status) && !(Status == BookingStatus.AwaitingPayment && HoldExpiresAt <= now);

    /// <summary>Cancelled by someone (attendee, organizer, a refund), as opposed to a hold that simply lapsed.</summary>
    public bool WasCancelled => Status is BookingStatus.Cancelled or BookingStatus.Refunded;

    /// <summary>The client's first name: all a therapist's or organizers' feed shows of them.</summary>
    public string FirstName => AttendeeName.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "client";
}

/// <summary>A calendar to send back: its file name for a download and its RFC 5545 text.</summary>
public sealed record CalendarFile(string FileName, string Text);

/// <summary>Reads bookings as calendar sessions and turns them into events.</summary>
public sealed class CalendarSessions(BookingDb db, IClock clock, IOptions<MailOptions> mail, PublicUrls urls)
{
    /// <summary>The bookings that hold a slot; a lapsed online hold is dropped later, with the clock.</summary>
    private static readonly BookingStatus[] Holding = [.. BookingStatuses.HoldingSlot];

    public Instant Now => clock.GetCurrentInstant();

    public IQueryable<SessionRow> Of(IQueryable<Booking> bookings) =>
        from b in bookings
        join s in db.Slots on b.SlotId equals s.Id
        join t in db.Therapists on s.TherapistId equals t.Id
        join e in db.Symposia on b.SymposiumId equals e.Id
        select new SessionRow(
            b.Id, b.Sequence, b.Status, b.HoldExpiresAt, s.StartsAt, s.EndsAt, s.Location, t.Name, b.AttendeeName,
            e.TimeZoneId, e.VenueName, e.VenueAddress);

    public IQueryable<Booking> HoldingBookings => db.Bookings.Where(b => Holding.Contains(b.Status));

    public async Task<List<SessionRow>> OnAsync(IQueryable<Booking> bookings, CancellationToken ct)
    {
        var now = Now;
        return [.. (await Of(bookings).AsNoTracking().ToListAsync(ct)).Where(s => s.IsOnAt(now))];
    }

    /// <summary>The event for a session; PUBLISH calendars leave the attendee out whatever is passed here.</summary>
    public InviteEvent Event(SessionRow s, string summary, InviteStatus status, bool withManageLink) => new(
        s.BookingId,
        s.Sequence,
        status,
        s.StartsAt,
        s.EndsAt,
        s.TimeZoneId,
        summary,
        new InvitePlace(s.VenueName, s.SlotLocation, s.VenueAddress),
        new InvitePerson(mail.Value.FromName, mail.Value.FromAddress),
        Attendee: null,
        // The page address without the token: it opens for whoever already has the booking's cookie.
        withManageLink ? urls.Booking(s.BookingId) : null);

    public Uri FeedUrl(string kind, string token) => urls.Feed(kind, token);
}

public static class CalendarErrors
{
    /// <summary>One answer for a wrong, rotated or malformed feed token, so tokens cannot be probed.</summary>
    public static readonly Error FeedNotFound = new("calendar.feed_not_found", ErrorKind.NotFound, "There is no such calendar feed.");

    /// <summary>A cancelled, expired or refunded booking's token opens that booking and nothing else.</summary>
    public static readonly Error BookingEnded =
        new("calendar.booking_ended", ErrorKind.Conflict, "This booking has ended, so it cannot be used to ask for a calendar subscription.");

    public static readonly Error NotATherapist =
        new("calendar.not_a_therapist", ErrorKind.NotFound, "You are not a therapist at this symposium.");
}
