namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// Something a booking's transition made happen, raised by the <see cref="Booking"/> method that decided it and
/// handled in the same transaction once the change is written (docs/adr/0061): the waitlist and the mails subscribe,
/// so no handler has to remember them.
/// </summary>
public abstract record BookingEvent(Guid BookingId);

/// <summary>The booking no longer keeps <paramref name="SlotId"/> from others: the slot may go to someone waiting.</summary>
public sealed record SlotFreed(Guid BookingId, Guid SlotId) : BookingEvent(BookingId);

/// <summary>
/// What the attendee is to be told of the change: the kind, and the calendar SEQUENCE and slot as they are after it
/// (docs/adr/0014). Whether a mail goes out is the mail's rule (an attendee never invited hears of no update).
/// </summary>
public sealed record InviteChanged(Guid BookingId, InviteChange Change, int Sequence, Guid SlotId) : BookingEvent(BookingId);

public enum InviteChange
{
    /// <summary>An online booking was paid and is confirmed: its first invite.</summary>
    PaymentReceived,

    /// <summary>The booking moved to another slot.</summary>
    Moved,

    /// <summary>The booking ended (cancelled or refunded) while it was active.</summary>
    Cancelled,

    /// <summary>A payment that came after its hold had ended went back: the booking never was.</summary>
    LatePaymentRefunded,
}

/// <summary>The state a booking was read in: a write of its change applies only if the row is still in it.</summary>
public sealed record BookingVersion(BookingStatus Status, int Sequence);
