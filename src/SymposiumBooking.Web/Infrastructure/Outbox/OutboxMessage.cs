using NodaTime;

namespace SymposiumBooking.Web.Infrastructure.Outbox;

/// <summary>
/// A message (mail, calendar invite) written in the same transaction as the change it announces, and sent
/// afterwards by a background worker. <see cref="SentAt"/> set means delivered; a row is never sent twice.
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

    public void MarkSent(Instant now) => SentAt = now;

    /// <summary>Backs off 1, 2, 4 … minutes, at most an hour, so a mail server outage is not hammered.</summary>
    public void MarkFailed(Instant now, string error)
    {
        Attempts++;
        LastError = error;
        NextAttemptAt = now.Plus(Duration.FromMinutes(Math.Min(60, Math.Pow(2, Attempts - 1))));
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
