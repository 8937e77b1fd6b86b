using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// A booking an organizer makes for a person at the table. The attendees' booking window and cutoff do not bind it:
/// the symposium must be published and the slot not yet over (a person may still walk in to a session that began).
/// </summary>
public static class WalkIns
{
    public static readonly Error SlotEnded =
        new("booking.slot_ended", ErrorKind.Rule, "This time slot is over. Please choose a later one.");

    public static Result EnsureBookable(Symposium symposium, Instant slotEndsAt, Instant now) =>
        symposium.Status != SymposiumStatus.Published ? BookingErrors.NotOpen
        : slotEndsAt <= now ? SlotEnded
        : Result.Success;
}
