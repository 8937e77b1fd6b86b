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
/// The attendee's "all my bookings" feed, issued (or rotated) by following the link mailed to the address
/// (<see cref="RequestAttendeeFeed"/>): the link proves the mailbox is theirs, and works once.
/// </summary>
public sealed record IssueAttendeeFeed(Guid LinkId, string? Token) : ICommand<Result<CalendarFeedView>>;

internal sealed class IssueAttendeeFeedHandler(BookingDb db, CalendarSessions sessions) : ICommandHandler<IssueAttendeeFeed, Result<CalendarFeedView>>
{
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
}
