using NodaTime;

namespace SymposiumBooking.Web.Infrastructure.Idempotency;

/// <summary>
/// The first successful answer to a create request sent with an <c>Idempotency-Key</c>, kept for
/// <see cref="IdempotentWrites.Retention"/> so that a retry gets the same answer. The answer can hold a booking's
/// secret token, so it is stored encrypted.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    /// <summary>The operation the key belongs to, for example <c>bookings.create</c>.</summary>
    public string Scope { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of the request body: the same key with another body is refused.</summary>
    public string RequestHash { get; private set; } = "";

    /// <summary>The protected JSON of the answer; null until the work has committed.</summary>
    public string? Response { get; private set; }

    public Instant CreatedAt { get; private set; }
}
