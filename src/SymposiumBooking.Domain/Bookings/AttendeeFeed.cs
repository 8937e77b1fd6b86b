using NodaTime;

namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// An attendee's private "all my bookings" calendar feed: one per normalised email, so every booking made with that
/// address appears in it. Only the SHA-256 of the feed token is stored; issuing a new token replaces the old one.
/// </summary>
public sealed class AttendeeFeed
{
    private AttendeeFeed()
    {
    }

    public string NormalizedEmail { get; private set; } = "";

    public string TokenHash { get; private set; } = "";

    public Instant CreatedAt { get; private set; }

    public Instant RotatedAt { get; private set; }

    public static AttendeeFeed Create(string normalizedEmail, string tokenHash, Instant now) => new()
    {
        NormalizedEmail = normalizedEmail,
        TokenHash = tokenHash,
        CreatedAt = now,
        RotatedAt = now,
    };

    /// <summary>A new token: the previous feed URL stops working at once.</summary>
    public void Rotate(string tokenHash, Instant now)
    {
        TokenHash = tokenHash;
        RotatedAt = now;
    }
}
