using NodaTime;

namespace SymposiumBooking.Domain.Payments;

/// <summary>
/// A payment provider's event that has been applied. Its id is the primary key, so a redelivered event
/// cannot take effect twice.
/// </summary>
public sealed class ProcessedPaymentEvent
{
    private ProcessedPaymentEvent()
    {
    }

    public string EventId { get; private set; } = "";

    public string Type { get; private set; } = "";

    public Guid? BookingId { get; private set; }

    public Instant ProcessedAt { get; private set; }

    public static ProcessedPaymentEvent Create(string eventId, string type, Guid? bookingId, Instant now) =>
        new() { EventId = eventId, Type = type, BookingId = bookingId, ProcessedAt = now };
}
