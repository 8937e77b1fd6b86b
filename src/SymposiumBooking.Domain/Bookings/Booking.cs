using NodaTime;

namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// An attendee's claim on one slot. At most one booking that holds the slot exists per slot: PostgreSQL enforces
/// it with a partial unique index, so this type never has to check.
/// </summary>
public sealed class Booking
{
    private Booking()
    {
    }

    public Guid Id { get; private set; }

    public Guid EditionId { get; private set; }

    public Guid SlotId { get; private set; }

    public BookingStatus Status { get; private set; }

    public string AttendeeName { get; private set; } = "";

    public string AttendeeEmail { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public string? Phone { get; private set; }

    public Rate Rate { get; private set; }

    public PaymentMethod Payment { get; private set; }

    public long PriceCents { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>SHA-256 of the attendee's secret token; the token itself is never stored.</summary>
    public string TokenHash { get; private set; } = "";

    /// <summary>Until when an unpaid booking keeps its slot.</summary>
    public Instant? HoldExpiresAt { get; private set; }

    /// <summary>The calendar invite's SEQUENCE: bumped on every change of time, place or status.</summary>
    public int Sequence { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public static Booking Create(BookingRequest request, string tokenHash, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        EditionId = request.EditionId,
        SlotId = request.SlotId,
        Status = request.Payment == PaymentMethod.AtTable ? BookingStatus.Confirmed : BookingStatus.AwaitingPayment,
        AttendeeName = request.Name.Trim(),
        AttendeeEmail = request.Email.Trim(),
        NormalizedEmail = Common.Email.Normalize(request.Email),
        Phone = request.Phone,
        Rate = request.Rate,
        Payment = request.Payment,
        PriceCents = request.PriceCents,
        Currency = request.Currency,
        TokenHash = tokenHash,
        HoldExpiresAt = request.HoldExpiresAt,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

/// <summary>What a new booking is made of, once its price and hold are known.</summary>
public sealed record BookingRequest(
    Guid EditionId,
    Guid SlotId,
    string Name,
    string Email,
    string? Phone,
    Rate Rate,
    PaymentMethod Payment,
    long PriceCents,
    string Currency,
    Instant? HoldExpiresAt);
