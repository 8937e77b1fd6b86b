using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>
/// The attendee asks for their "all my bookings" feed from one of their bookings (its token). Nothing gathered by
/// email is answered here: a link is mailed to the booking's address, and only following it issues the feed
/// (docs/adr/0042-attendee-feeds-are-mailed.md). The answer is the same whatever that address has (a feed, other
/// bookings, a mail sent a minute ago), and the address's existing feed keeps working.
/// </summary>
public sealed record RequestAttendeeFeed(Guid BookingId, string? Token) : ICommand<Result<FeedRequested>>;

/// <summary>The one answer to a feed request.</summary>
public sealed record FeedRequested(string Message)
{
    public static readonly FeedRequested Sent = new(
        "We are sending a link to this booking's email address. Open it within an hour to get your calendar subscription address.");
}

internal sealed class RequestAttendeeFeedHandler(BookingDb db, IClock clock) : ICommandHandler<RequestAttendeeFeed, Result<FeedRequested>>
{
    public async ValueTask<Result<FeedRequested>> Handle(RequestAttendeeFeed command, CancellationToken cancellationToken)
    {
        var found = await db.FindWithTokenAsync(command.BookingId, command.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var booking = found.Value.Booking;
        if (booking.Status is BookingStatus.Cancelled or BookingStatus.Expired or BookingStatus.Refunded)
        {
            return CalendarErrors.BookingEnded; // a booking that ended is no key to anything but itself
        }

        var now = clock.GetCurrentInstant();
        var link = AttendeeFeedLink.Create(booking.AttendeeEmail, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One mail per address per interval, also when many requests arrive at once: they queue on the address's lock.
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended({"attendee-feed-link:" + link.NormalizedEmail}, 0))", cancellationToken);
        var since = now - AttendeeFeedLink.MailInterval;
        if (!await db.AttendeeFeedLinks.AnyAsync(l => l.NormalizedEmail == link.NormalizedEmail && l.CreatedAt > since, cancellationToken))
        {
            db.AttendeeFeedLinks.Add(link);
            db.Outbox.Add(OutboxMessage.Create(OutboxTypes.AttendeeFeedLink, JsonSerializer.Serialize(new { linkId = link.Id }), now));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return FeedRequested.Sent;
    }
}
