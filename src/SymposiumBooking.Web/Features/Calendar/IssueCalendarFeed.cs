using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>
/// A private feed's address, answered once: only the token's hash is kept, so asking again issues a new token and
/// the old address stops working (that is how a leaked address is revoked).
/// </summary>
public sealed record CalendarFeedView(string Url, Guid? SymposiumId = null);

/// <summary>A signed-in therapist's own feed for one symposium they work at (the latest when none is named).</summary>
public sealed record IssueMyTherapistFeed(Guid UserId, Guid? SymposiumId) : ICommand<Result<CalendarFeedView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => SymposiumId is { } id ? [id] : [];
}

/// <summary>An organizer issues (or rotates) a therapist's feed, e.g. to hand it over or revoke a leaked one.</summary>
public sealed record IssueTherapistFeed(Guid SymposiumId, Guid TherapistId) : ICommand<Result<CalendarFeedView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, TherapistId];
}

/// <summary>The organizers' feed of a whole symposium.</summary>
public sealed record IssueSymposiumFeed(Guid SymposiumId) : ICommand<Result<CalendarFeedView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId];
}

/// <summary>
/// The attendee's "all my bookings" feed, issued (or rotated) by following the link mailed to the address
/// (<see cref="RequestAttendeeFeed"/>): the link proves the mailbox is theirs, and works once.
/// </summary>
public sealed record IssueAttendeeFeed(Guid LinkId, string? Token) : ICommand<Result<CalendarFeedView>>;

internal sealed class IssueCalendarFeedHandler(BookingDb db, CalendarSessions sessions) :
    ICommandHandler<IssueMyTherapistFeed, Result<CalendarFeedView>>,
    ICommandHandler<IssueTherapistFeed, Result<CalendarFeedView>>,
    ICommandHandler<IssueSymposiumFeed, Result<CalendarFeedView>>,
    ICommandHandler<IssueAttendeeFeed, Result<CalendarFeedView>>
{
    public async ValueTask<Result<CalendarFeedView>> Handle(IssueMyTherapistFeed command, CancellationToken cancellationToken)
    {
        var mine = db.Therapists.Where(t => t.UserId == command.UserId);
        if (command.SymposiumId is { } symposiumId)
        {
            mine = mine.Where(t => t.SymposiumId == symposiumId);
        }

        var therapist = await (
                from t in mine
                join e in db.Symposia on t.SymposiumId equals e.Id
                orderby e.StartDate descending
                select t)
            .FirstOrDefaultAsync(cancellationToken);
        return therapist is null ? CalendarErrors.NotATherapist : await RotateAsync(therapist, cancellationToken);
    }

    public async ValueTask<Result<CalendarFeedView>> Handle(IssueTherapistFeed command, CancellationToken cancellationToken)
    {
        if (!await db.Symposia.AnyAsync(e => e.Id == command.SymposiumId, cancellationToken))
        {
            return SymposiumErrors.NotFound;
        }

        var therapist = await db.Therapists.FirstOrDefaultAsync(
            t => t.Id == command.TherapistId && t.SymposiumId == command.SymposiumId, cancellationToken);
        return therapist is null ? TherapistErrors.NotFound : await RotateAsync(therapist, cancellationToken);
    }

    public async ValueTask<Result<CalendarFeedView>> Handle(IssueSymposiumFeed command, CancellationToken cancellationToken)
    {
        var symposium = await db.Symposia.FirstOrDefaultAsync(e => e.Id == command.SymposiumId, cancellationToken);
        if (symposium is null)
        {
            return SymposiumErrors.NotFound;
        }

        var (token, hash) = SecretToken.Create();
        symposium.SetFeedToken(hash);
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarFeedView(sessions.FeedUrl("symposia", token).AbsoluteUri, symposium.Id);
    }

    public async ValueTask<Result<CalendarFeedView>> Handle(IssueAttendeeFeed command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Token) || command.Token.Length > 100)
        {
            return AttendeeFeedLinkErrors.NotFound;
        }

        var hash = SecretToken.Hash(command.Token);
        var now = sessions.Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The link is used by a conditional update: of two clicks at once, one issues the feed and the other is told it was used.
        var used = await db.Database.SqlQuery<string>($"""
            UPDATE attendee_feed_links SET used_at = {now}
            WHERE id = {command.LinkId} AND token_hash = {hash} AND used_at IS NULL AND expires_at > {now}
            RETURNING normalized_email AS "Value"
            """).ToListAsync(cancellationToken);
        if (used is not [var email])
        {
            var link = await db.AttendeeFeedLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == command.LinkId, cancellationToken);
            var why = link?.CheckUse(hash, now) ?? Result.Success;
            return why.IsFailure ? why.Error : AttendeeFeedLinkErrors.NotFound;
        }

        var (token, tokenHash) = SecretToken.Create();
        // One statement, so two first issues for one address at once cannot collide: the later one wins.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO attendee_feeds (normalized_email, token_hash, created_at, rotated_at) VALUES ({email}, {tokenHash}, {now}, {now})
            ON CONFLICT (normalized_email) DO UPDATE SET token_hash = excluded.token_hash, rotated_at = excluded.rotated_at
            """,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CalendarFeedView(sessions.FeedUrl("attendees", token).AbsoluteUri);
    }

    private async Task<Result<CalendarFeedView>> RotateAsync(Therapist therapist, CancellationToken ct)
    {
        var (token, hash) = SecretToken.Create();
        therapist.SetFeedToken(hash);
        await db.SaveChangesAsync(ct);
        return new CalendarFeedView(sessions.FeedUrl("therapists", token).AbsoluteUri, therapist.SymposiumId);
    }
}
