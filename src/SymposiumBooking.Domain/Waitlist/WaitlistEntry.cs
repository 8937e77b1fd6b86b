using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Waitlist;

public enum WaitlistStatus
{
    Waiting,
    Offered,
    Claimed,
    Expired,
    Withdrawn,
}

/// <summary>Someone waiting for a slot to free up on a day and/or with a therapist.</summary>
public sealed class WaitlistEntry
{
    private WaitlistEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid SymposiumId { get; private set; }

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    /// <summary>The canonical address (<see cref="Common.Email.Canonical"/>): what per-person limits count by, never where mail goes.</summary>
    public string NormalizedEmail { get; private set; } = "";

    public LocalDate? Date { get; private set; }

    public Guid? TherapistId { get; private set; }

    public WaitlistStatus Status { get; private set; }

    public Guid? OfferedSlotId { get; private set; }

    public Instant? OfferExpiresAt { get; private set; }

    public string? ClaimTokenHash { get; private set; }

    public Instant CreatedAt { get; private set; }

    /// <summary>When the person confirmed from the mailed link that the address is theirs; until then no offer comes to the entry.</summary>
    public Instant? ConfirmedAt { get; private set; }

    /// <summary>The SHA-256 of the confirmation link's token, set when its mail is rendered.</summary>
    public string? ConfirmTokenHash { get; private set; }

    /// <summary>How long a new entry may wait for its confirmation; after that it lapses (docs/adr/0044).</summary>
    public static readonly Duration ConfirmWithin = Duration.FromHours(24);

    /// <summary>Still waiting, not confirmed, and within <see cref="ConfirmWithin"/>: its confirmation mail may still be used.</summary>
    public bool AwaitsConfirmation(Instant now) => Status == WaitlistStatus.Waiting && ConfirmedAt is null && now < CreatedAt + ConfirmWithin;

    public void IssueConfirmToken(string tokenHash) => ConfirmTokenHash = tokenHash;

    /// <summary>Confirms with the mailed link's token; confirming again changes nothing.</summary>
    public Result Confirm(string tokenHash, Instant now)
    {
        if (ConfirmTokenHash is null || ConfirmTokenHash != tokenHash)
        {
            return WaitlistErrors.ConfirmLinkNotFound;
        }

        if (ConfirmedAt is not null)
        {
            return Result.Success;
        }

        if (!AwaitsConfirmation(now))
        {
            return WaitlistErrors.ConfirmLinkExpired;
        }

        ConfirmedAt = now;
        return Result.Success;
    }

    /// <summary>Whether this entry's offer still reserves its slot at <paramref name="now"/>.</summary>
    public bool HasLiveOffer(Instant now) => Status == WaitlistStatus.Offered && OfferExpiresAt > now;

    /// <summary>Offers a freed slot until <paramref name="expiresAt"/>; the claim link's token is made when the mail is sent.</summary>
    public void Offer(Guid slotId, Instant expiresAt)
    {
        Status = WaitlistStatus.Offered;
        OfferedSlotId = slotId;
        OfferExpiresAt = expiresAt;
        ClaimTokenHash = null;
    }

    /// <summary>Sets the claim link's token (its hash) when the offer mail is rendered.</summary>
    public void IssueClaimToken(string tokenHash) => ClaimTokenHash = tokenHash;

    public bool IsClaimToken(string tokenHash) => ClaimTokenHash is not null && ClaimTokenHash == tokenHash;

    public void Claim() => Status = WaitlistStatus.Claimed;

    /// <summary>An unclaimed offer lapses; the entry does not wait any more (the slot passes to the next person).</summary>
    public void ExpireOffer() => Status = WaitlistStatus.Expired;

    public static WaitlistEntry Create(Guid symposiumId, string name, string email, LocalDate? date, Guid? therapistId, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        SymposiumId = symposiumId,
        Name = name.Trim(),
        Email = email.Trim(),
        NormalizedEmail = Common.Email.Canonical(email), // for counting per person; mail goes to Email
        Date = date,
        TherapistId = therapistId,
        Status = WaitlistStatus.Waiting,
        CreatedAt = now,
    };
}
