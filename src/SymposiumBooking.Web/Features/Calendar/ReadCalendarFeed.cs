using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Calendar;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>Whose private subscription feed a token opens (docs/adr/0015-calendar-feeds.md).</summary>
public enum FeedKind
{
    /// <summary>One therapist's sessions at one symposium: client first names only.</summary>
    Therapist,

    /// <summary>The organizers' view of a whole symposium: every session, therapist and client first name.</summary>
    Symposium,

    /// <summary>Every booking made with one email address, across symposia; issued only through a link mailed to it.</summary>
    Attendee,
}

/// <summary>
/// A subscribed calendar (METHOD:PUBLISH). The token in the path is the only credential; it is looked up by its
/// SHA-256, and a wrong or rotated one answers <see cref="CalendarErrors.FeedNotFound"/>.
/// </summary>
public sealed record ReadCalendarFeed(FeedKind Kind, string Token) : IQuery<Result<CalendarFile>>;

internal sealed class ReadCalendarFeedHandler(BookingDb db, CalendarSessions sessions)
    : IQueryHandler<ReadCalendarFeed, Result<CalendarFile>>
{
    public async ValueTask<Result<CalendarFile>> Handle(ReadCalendarFeed query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.Token) || query.Token.Length > 100)
        {
            return CalendarErrors.FeedNotFound;
        }

        var hash = SecretToken.Hash(query.Token);
        return query.Kind switch
        {
            FeedKind.Therapist => await TherapistAsync(hash, cancellationToken),
            FeedKind.Symposium => await SymposiumAsync(hash, cancellationToken),
            _ => await AttendeeAsync(hash, cancellationToken),
        };
    }

    private async Task<Result<CalendarFile>> TherapistAsync(string hash, CancellationToken ct)
    {
        var therapist = await db.Therapists.AsNoTracking().FirstOrDefaultAsync(t => t.FeedTokenHash == hash, ct);
        if (therapist is null)
        {
            return CalendarErrors.FeedNotFound;
        }

        var therapistSlots = db.Slots.Where(s => s.TherapistId == therapist.Id).Select(s => s.Id);
        var rows = await sessions.OnAsync(sessions.HoldingBookings.Where(b => therapistSlots.Contains(b.SlotId)), ct);
        var events = rows.Select(r => sessions.Event(r, $"Massage: {r.FirstName}", InviteStatus.Confirmed, withManageLink: false));
        return new CalendarFile("sessions.ics", CalendarInvites.Feed($"Massage sessions – {therapist.Name}", events, sessions.Now));
    }

    private async Task<Result<CalendarFile>> SymposiumAsync(string hash, CancellationToken ct)
    {
        var symposium = await db.Symposia.AsNoTracking().FirstOrDefaultAsync(e => e.FeedTokenHash == hash, ct);
        if (symposium is null)
        {
            return CalendarErrors.FeedNotFound;
        }

        var rows = await sessions.OnAsync(sessions.HoldingBookings.Where(b => b.SymposiumId == symposium.Id), ct);
        var events = rows.Select(r =>
            sessions.Event(r, $"{r.TherapistName.Trim()}: massage for {r.FirstName}", InviteStatus.Confirmed, withManageLink: false));
        return new CalendarFile("symposium.ics", CalendarInvites.Feed($"Massage bookings – {symposium.City} {symposium.Year}", events, sessions.Now));
    }

    /// <summary>
    /// The attendee's bookings on, and the cancelled ones as STATUS:CANCELLED so that a calendar which kept the event
    /// shows it cancelled; holds that lapsed before payment were never on and are left out.
    /// </summary>
    private async Task<Result<CalendarFile>> AttendeeAsync(string hash, CancellationToken ct)
    {
        var feed = await db.AttendeeFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.TokenHash == hash, ct);
        if (feed is null)
        {
            return CalendarErrors.FeedNotFound;
        }

        var now = sessions.Now;
        // The bookings made with exactly the address that proved it reads its mail (case aside); the canonical
        // column (which may join two addresses, docs/adr/0043) only narrows the search.
        var canonical = Email.Canonical(feed.NormalizedEmail);
#pragma warning disable CA1862 // EF Core translates ToLower() to SQL lower(); it cannot translate string.Equals with a comparison
        var mine = db.Bookings.Where(b => b.NormalizedEmail == canonical && b.AttendeeEmail.ToLower() == feed.NormalizedEmail);
#pragma warning restore CA1862
        var rows = await sessions.Of(mine).AsNoTracking().ToListAsync(ct);
        var events = rows
            .Where(r => r.IsOnAt(now) || r.WasCancelled)
            .Select(r => sessions.Event(
                r, CalendarInvites.MassageWith(r.TherapistName), r.IsOnAt(now) ? InviteStatus.Confirmed : InviteStatus.Cancelled, withManageLink: true));
        return new CalendarFile("my-massage-bookings.ics", CalendarInvites.Feed("My massage bookings", events, now));
    }
}
