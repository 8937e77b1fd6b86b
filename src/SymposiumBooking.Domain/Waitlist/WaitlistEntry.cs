using NodaTime;

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

    public Guid EditionId { get; private set; }

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public LocalDate? Date { get; private set; }

    public Guid? TherapistId { get; private set; }

    public WaitlistStatus Status { get; private set; }

    public Guid? OfferedSlotId { get; private set; }

    public Instant? OfferExpiresAt { get; private set; }

    public string? ClaimTokenHash { get; private set; }

    public Instant CreatedAt { get; private set; }

    public static WaitlistEntry Create(Guid editionId, string name, string email, LocalDate? date, Guid? therapistId, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        EditionId = editionId,
        Name = name.Trim(),
        Email = email.Trim(),
        NormalizedEmail = Common.Email.Normalize(email),
        Date = date,
        TherapistId = therapistId,
        Status = WaitlistStatus.Waiting,
        CreatedAt = now,
    };
}
