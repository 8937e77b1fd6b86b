using NodaTime;

namespace SymposiumBooking.Web.Infrastructure.Outbox;

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
    /// the dispatcher died mid-attempt). Such a row is not resent on its own: a person checks and calls <see cref="Retry"/>.
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

    /// <summary>A person decided a held row was not delivered: it goes out again (with the same Message-Id).</summary>
    public void Retry(Instant now)
    {
        OutcomeUnknownAt = null;
        AttemptStartedAt = null;
        NextAttemptAt = now;
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
