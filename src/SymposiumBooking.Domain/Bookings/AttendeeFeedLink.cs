using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// A link mailed to an address that proves its owner reads that mailbox; following it (once, before it expires) is
/// the only way to issue that address's "all my bookings" feed (docs/adr/0042-attendee-feeds-are-mailed.md). The
/// link's token is made when the mail is rendered, and only its SHA-256 is kept.
/// </summary>
public sealed class AttendeeFeedLink
{
    /// <summary>How long a mailed link works.</summary>
    public static readonly Duration Lifetime = Duration.FromHours(1);

    /// <summary>At most one mail per address in this time; asking again meanwhile sends nothing.</summary>
    public static readonly Duration MailInterval = Duration.FromMinutes(5);

    private AttendeeFeedLink()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The address as the attendee typed it: the mail goes there.</summary>
    public string Email { get; private set; } = "";

    /// <summary>The address trimmed and lower-cased (<see cref="Common.Email.Normalize"/>): the feed's key.</summary>
    public string NormalizedEmail { get; private set; } = "";

    public string? TokenHash { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant ExpiresAt { get; private set; }

    public Instant? UsedAt { get; private set; }

    public bool IsLiveAt(Instant now) => UsedAt is null && now < ExpiresAt;

    /// <summary>Sets the token (its hash) when the mail is rendered; a resend makes a new one and the old stops working.</summary>
    public void IssueToken(string tokenHash) => TokenHash = tokenHash;

    /// <summary>Why a presented token does not open this link, or success; does not use it (the caller writes that conditionally).</summary>
    public Result CheckUse(string tokenHash, Instant now)
    {
        if (TokenHash is null || TokenHash != tokenHash)
        {
            return AttendeeFeedLinkErrors.NotFound;
        }

        if (UsedAt is not null)
        {
            return AttendeeFeedLinkErrors.Used;
        }

        return now >= ExpiresAt ? AttendeeFeedLinkErrors.Expired : Result.Success;
    }

    public static AttendeeFeedLink Create(string email, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        Email = email.Trim(),
        NormalizedEmail = Common.Email.Normalize(email),
        CreatedAt = now,
        ExpiresAt = now + Lifetime,
    };
}

public static class AttendeeFeedLinkErrors
{
    /// <summary>No such link, or not its token: one answer, so links cannot be probed.</summary>
    public static readonly Error NotFound =
        new("calendar.link_not_found", ErrorKind.NotFound, "This link is not valid. Open the whole link from the mail, or ask for a new one from your booking page.");

    public static readonly Error Used =
        new("calendar.link_used", ErrorKind.Conflict, "This link has already been used. Ask for a new one from your booking page if you need a new subscription address.");

    public static readonly Error Expired =
        new("calendar.link_expired", ErrorKind.Conflict, "This link has expired: it works for one hour. Ask for a new one from your booking page.");
}
