using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Web.Infrastructure.Outbox;

/// <summary>Where a row stands; an organizer sees <see cref="Held"/> and <see cref="Failed"/> rows (/organize/mail).</summary>
public enum OutboxState
{
    /// <summary>Waiting for its turn (never tried, or sent again by an organizer): the dispatcher takes it when it is due.</summary>
    Queued,

    /// <summary>An attempt is under way (or its dispatcher died; after the lease it is held).</summary>
    Sending,

    /// <summary>The last attempt surely failed; it is tried again at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Failed,

    /// <summary>It may or may not have been delivered; it waits for a person.</summary>
    Held,

    Sent,
}

/// <summary>Why a row cannot be sent again (docs/api.md, "Mail").</summary>
public static class OutboxErrors
{
    public static readonly Error NotFound = new("mail.not_found", ErrorKind.NotFound, "There is no such mail.");

    public static readonly Error AlreadySent = new("mail.already_sent", ErrorKind.Conflict, "This mail was delivered; it is not sent again.");

    public static readonly Error Sending = new("mail.sending", ErrorKind.Conflict, "This mail is being sent right now.");

    public static readonly Error Queued =
        new("mail.queued", ErrorKind.Conflict, "This mail is waiting for its turn; it goes out by itself.");
}

/// <summary>
/// A message (mail, calendar invite) written in the same transaction as the change it announces, and sent
/// afterwards by a background worker. <see cref="SentAt"/> set means delivered; a row is never sent twice: an
/// attempt is recorded before the mail leaves, and one whose outcome is unknown is held, not resent
/// (docs/adr/0013-outbox-delivery-at-most-once.md).
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>What to send, for example <c>mail.booking_confirmed</c>.</summary>
    public string Type { get; private set; } = "";

    /// <summary>JSON the sender needs; no secrets, no health data.</summary>
    public string Payload { get; private set; } = "{}";

    public Instant CreatedAt { get; private set; }

    public Instant NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public Instant? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>
    /// Set, and committed, before the mail is handed to the mail server; cleared when the attempt's outcome is known.
    /// A row that keeps it for long belongs to a dispatcher that died mid-attempt.
    /// </summary>
    public Instant? AttemptStartedAt { get; private set; }

    /// <summary>
    /// The mail may or may not have been delivered (the server had the whole message when the connection broke, or
    /// the dispatcher died mid-attempt). Such a row is not resent on its own: a person checks and calls <see cref="SendAgain"/>.
    /// </summary>
    public Instant? OutcomeUnknownAt { get; private set; }

    /// <summary>The stable Message-Id every attempt of this row carries, so a receiver can tell a resend.</summary>
    public string MessageId => $"outbox-{Id:N}@symposium-booking";

    public void BeginAttempt(Instant now)
    {
        Attempts++;
        AttemptStartedAt = now;
    }

    public void MarkSent(Instant now)
    {
        SentAt = now;
        AttemptStartedAt = null;
    }

    /// <summary>The attempt surely failed (nothing accepted): backs off 1, 2, 4 … minutes, at most an hour, so a mail server outage is not hammered.</summary>
    public void MarkFailed(Instant now, string error)
    {
        AttemptStartedAt = null;
        LastError = error;
        NextAttemptAt = now.Plus(Duration.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, Attempts - 1)))));
    }

    public void MarkOutcomeUnknown(Instant now, string error)
    {
        AttemptStartedAt = null;
        OutcomeUnknownAt = now;
        LastError = error;
    }

    public OutboxState State =>
        SentAt is not null ? OutboxState.Sent
        : AttemptStartedAt is not null ? OutboxState.Sending
        : OutcomeUnknownAt is not null ? OutboxState.Held
        : LastError is not null ? OutboxState.Failed
        : OutboxState.Queued;

    /// <summary>
    /// An organizer's decision (docs/adr/0013, 0098): a held row was not delivered, or a failed one should not wait for
    /// its backoff. It is queued for the dispatcher's next round and goes out with the same Message-Id. A row that was
    /// sent, is being sent or is already queued is refused.
    /// </summary>
    public Result SendAgain(Instant now)
    {
        switch (State)
        {
            case OutboxState.Sent:
                return OutboxErrors.AlreadySent;
            case OutboxState.Sending:
                return OutboxErrors.Sending;
            case OutboxState.Queued:
                return OutboxErrors.Queued;
            default:
                OutcomeUnknownAt = null;
                LastError = null;
                NextAttemptAt = now;
                return Result.Success;
        }
    }

    public static OutboxMessage Create(string type, string payload, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        Type = type,
        Payload = payload,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
