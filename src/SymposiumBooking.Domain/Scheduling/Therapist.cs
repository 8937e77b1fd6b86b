using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Scheduling;

/// <summary>A massage therapist working at one symposium. Their sign-in is a staff account (<see cref="UserId"/>).</summary>
public sealed class Therapist
{
    private Therapist()
    {
    }

    public Guid Id { get; private set; }

    public Guid SymposiumId { get; private set; }

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public Guid? UserId { get; private set; }

    /// <summary>SHA-256 of the private calendar feed token; the token itself is never stored.</summary>
    public string? FeedTokenHash { get; private set; }

    public Instant CreatedAt { get; private set; }

    /// <summary>Issues a new feed token (its hash): the previous feed URL stops working at once.</summary>
    public void SetFeedToken(string tokenHash) => FeedTokenHash = tokenHash;

    public static Therapist Create(Guid symposiumId, string name, string email, Guid? userId, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        SymposiumId = symposiumId,
        Name = name.Trim(),
        Email = email.Trim(),
        NormalizedEmail = Common.Email.Normalize(email),
        UserId = userId,
        CreatedAt = now,
    };
}
