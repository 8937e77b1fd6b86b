using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Mail;

/// <summary>
/// The mails that did not go out (GET /api/v1/mail/undelivered, /organize/mail): held ones, whose delivery is unknown
/// and which wait for an organizer, then failed ones, which are retried by themselves. Oldest first in each.
/// </summary>
public sealed record ListUndeliveredMail : IQuery<IReadOnlyList<UndeliveredMailView>>
{
    /// <summary>The most rows listed; more than this is an outage, and the list says how many it left out.</summary>
    public const int Limit = 500;
}

/// <param name="Id">The outbox row; what <see cref="SendMailAgain"/> takes.</param>
/// <param name="Kind">The mail's kind, for example <c>mail.booking_confirmed</c>.</param>
/// <param name="State">
/// <c>held</c> (delivery unknown: not resent unless an organizer says so), <c>failed</c> (retried by itself at
/// <paramref name="NextAttemptAt"/>) or, once sent again, <c>queued</c> (it goes out at the next round).
/// </param>
/// <param name="MessageId">The Message-Id every attempt carries: the mail server's log tells whether it went out.</param>
/// <param name="LastError">What went wrong last, as a short name (no addresses, no content).</param>
public sealed record UndeliveredMailView(
    Guid Id,
    string Kind,
    string State,
    DateTimeOffset CreatedAt,
    int Attempts,
    string? LastError,
    DateTimeOffset? HeldSince,
    DateTimeOffset? NextAttemptAt,
    string MessageId)
{
    public static UndeliveredMailView From(OutboxMessage m) => new(
        m.Id,
        m.Type,
        m.State switch
        {
            OutboxState.Held => "held",
            OutboxState.Failed => "failed",
            OutboxState.Queued => "queued",
            OutboxState.Sending => "sending",
            _ => "sent",
        },
        m.CreatedAt.ToDateTimeOffset(),
        m.Attempts,
        m.LastError,
        m.OutcomeUnknownAt?.ToDateTimeOffset(),
        m.State == OutboxState.Held ? null : m.NextAttemptAt.ToDateTimeOffset(),
        m.MessageId);
}

internal sealed class ListUndeliveredMailHandler(BookingDb db) : IQueryHandler<ListUndeliveredMail, IReadOnlyList<UndeliveredMailView>>
{
    public async ValueTask<IReadOnlyList<UndeliveredMailView>> Handle(ListUndeliveredMail query, CancellationToken cancellationToken)
    {
        // Held or failed (OutboxMessage.State), written as the columns so PostgreSQL filters.
        var rows = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.AttemptStartedAt == null && (m.OutcomeUnknownAt != null || m.LastError != null))
            .OrderBy(m => m.OutcomeUnknownAt == null)
            .ThenBy(m => m.CreatedAt)
            .Take(ListUndeliveredMail.Limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(UndeliveredMailView.From)];
    }
}
