using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Opening;

public enum DrawRequestStatus
{
    /// <summary>Taken, waiting for the draw; may still be changed or withdrawn while requests are open.</summary>
    Submitted,

    /// <summary>Withdrawn by the attendee before requests closed.</summary>
    Withdrawn,

    /// <summary>The draw gave it a slot: <see cref="DrawRequest.BookingId"/> is its booking.</summary>
    Allocated,

    /// <summary>The draw could give it none of its choices; the person was put on the waitlist for their choices' days.</summary>
    Unallocated,

    /// <summary>Left out of the draw: the person already had as many reduced-rate bookings as the policy allows.</summary>
    Excluded,
}

/// <summary>
/// One person's request in a symposium that opens by draw (docs/fair-opening.md): who they are, how they will pay,
/// their ranked choices and (kept apart, encrypted) their intake. Its <see cref="Id"/> is random, not time-ordered: it
/// is the pseudonym published with the draw, and it must not tell when the request was made.
/// </summary>
public sealed class DrawRequest
{
    private DrawRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid SymposiumId { get; private set; }

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    /// <summary>The canonical address: one request per person counts by it.</summary>
    public string NormalizedEmail { get; private set; } = "";

    public string? Phone { get; private set; }

    public Rate Rate { get; private set; }

    public PaymentMethod Payment { get; private set; }

    /// <summary>The ranked choices, best first.</summary>
    public IReadOnlyList<RequestedChoice> Choices { get; private set; } = [];

    /// <summary>The intake as JSON; encrypted at rest by the persistence layer, like a booking's.</summary>
    public string Intake { get; private set; } = "";

    /// <summary>SHA-256 of the request link's token; the token itself is never stored.</summary>
    public string TokenHash { get; private set; } = "";

    public DrawRequestStatus Status { get; private set; }

    public Instant SubmittedAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    /// <summary>The booking the draw made for it; null unless <see cref="DrawRequestStatus.Allocated"/>.</summary>
    public Guid? BookingId { get; private set; }

    /// <summary>Its turn in the draw (1 = first served); null before the draw and for a withdrawn or excluded request.</summary>
    public int? Position { get; private set; }

    /// <summary>Which of its choices it got (1 = its first); null unless allocated.</summary>
    public int? ChoiceRank { get; private set; }

    /// <summary>
    /// The link's token, protected by the service's keys (as booking mails carry theirs), so that a mail can carry the
    /// link. The booking the draw makes takes the same token: the request's link opens it.
    /// </summary>
    public string ProtectedToken { get; private set; } = "";

    public bool IsOpen => Status == DrawRequestStatus.Submitted;

    public static DrawRequest Create(DrawRequestDetails details, string intake, string tokenHash, string protectedToken, Instant now) => new()
    {
        Id = Guid.NewGuid(), // random (version 4): the published pseudonym
        SymposiumId = details.SymposiumId,
        Name = details.Name.Trim(),
        Email = details.Email.Trim(),
        NormalizedEmail = Common.Email.Canonical(details.Email),
        Phone = details.Phone,
        Rate = details.Rate,
        Payment = details.Payment,
        Choices = [.. details.Choices],
        Intake = intake,
        TokenHash = tokenHash,
        ProtectedToken = protectedToken,
        Status = DrawRequestStatus.Submitted,
        SubmittedAt = now,
        UpdatedAt = now,
    };

    /// <summary>New details and choices while requests are open. The address cannot change: it is whose request it is.</summary>
    public Result Change(DrawRequestDetails details, string intake, Instant now)
    {
        if (!IsOpen)
        {
            return DrawErrors.RequestNotChangeable;
        }

        Name = details.Name.Trim();
        Phone = details.Phone;
        Rate = details.Rate;
        Payment = details.Payment;
        Choices = [.. details.Choices];
        Intake = intake;
        UpdatedAt = now;
        return Result.Success;
    }

    public Result Withdraw(Instant now)
    {
        if (!IsOpen)
        {
            return DrawErrors.RequestNotChangeable;
        }

        Status = DrawRequestStatus.Withdrawn;
        UpdatedAt = now;
        return Result.Success;
    }
}

/// <summary>What a request is made of: the symposium, the person, the rate and payment, and the ranked choices.</summary>
public sealed record DrawRequestDetails(
    Guid SymposiumId,
    string Name,
    string Email,
    string? Phone,
    Rate Rate,
    PaymentMethod Payment,
    IReadOnlyList<RequestedChoice> Choices);

/// <summary>
/// One ranked choice as stored and sent: exactly one of the three shapes of <see cref="DrawChoice"/> — a slot; a day
/// and time (any therapist); a day and therapist (any time).
/// </summary>
public sealed record RequestedChoice(Guid? SlotId, LocalDate? Date, LocalTime? Time, Guid? TherapistId)
{
    public DrawChoice? ToDrawChoice() => this switch
    {
        { SlotId: { } slot, Date: null, Time: null, TherapistId: null } => new DrawChoice.OneSlot(slot),
        { SlotId: null, Date: { } date, Time: { } time, TherapistId: null } => new DrawChoice.AnyTherapistAt(date, time),
        { SlotId: null, Date: { } date, Time: null, TherapistId: { } therapist } => new DrawChoice.AnyTimeWith(date, therapist),
        _ => null,
    };
}
