using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Bookings;

public static class BookingErrors
{
    public static readonly Error NotFound =
        new("booking.not_found", ErrorKind.NotFound, "There is no such booking, or the link is not valid for it.");

    public static readonly Error TokenRequired =
        new("booking.token_required", ErrorKind.Unauthorized, "Send the booking's token (header X-Booking-Token) to see or change it.");

    public static readonly Error UnknownSlot =
        new("booking.unknown_slot", ErrorKind.Rule, "There is no such time slot.") { Fields = new Dictionary<string, string[]> { ["slotId"] = ["There is no such time slot."] } };

    public static readonly Error OtherSymposium =
        new("booking.other_symposium", ErrorKind.Rule, "That time slot belongs to another symposium.") { Fields = new Dictionary<string, string[]> { ["slotId"] = ["That time slot belongs to another symposium."] } };

    /// <summary>
    /// The member of a <see cref="SlotUnavailable"/> answer that lists the free times nearest the one that was taken.
    /// </summary>
    public const string AlternativesMember = "alternatives";

    public static readonly Error SlotUnavailable =
        new("booking.slot_unavailable", ErrorKind.Conflict, "Someone else has just taken this time slot. Please choose another one.");

    public static readonly Error SlotStarted =
        new("booking.slot_past", ErrorKind.Rule, "This time slot has already started. Please choose a later one.");

    /// <summary>
    /// Whether <paramref name="refusal"/> leaves the attendee to choose another time at once: the slot was just taken
    /// or has started. The booking page then offers the nearest free times, and the refusal keeps the attendee's place
    /// in line (docs/adr/0039).
    /// </summary>
    public static bool ChooseAnotherTime(Error refusal) => refusal.Code == SlotUnavailable.Code || refusal.Code == SlotStarted.Code;

    public static readonly Error NotOpen =
        new("symposium.not_open", ErrorKind.Rule, "Booking is not open for this symposium right now.");

    public static Error ReducedRateLimit(int limit) =>
        new("booking.reduced_rate_limit", ErrorKind.Rule,
            limit == 1
                ? "You already have a reduced-rate booking at this symposium. You can book another session at the standard rate."
                : $"You already have {limit} reduced-rate bookings at this symposium. You can book more at the standard rate.");

    public static readonly Error OnlinePaymentUnavailable =
        new("payment.online_unavailable", ErrorKind.Rule, "Paying online is not available. Please choose to pay at the table.") { Fields = new Dictionary<string, string[]> { ["payment"] = ["Paying online is not available. Please choose to pay at the table."] } };

    public static readonly Error NotActive =
        new("booking.not_active", ErrorKind.Conflict, "This booking is no longer active, so it cannot be changed.");

    public static Error CutoffPassed(int hours) =>
        new("booking.cutoff_passed", ErrorKind.Rule,
            $"Bookings can be changed or cancelled online until {hours} hours before the session. Please speak to the organizers at the massage table.");

    public static readonly Error HoldLapsed =
        new("booking.hold_expired", ErrorKind.Conflict, "This booking was not paid in time and its slot was released.");

    public static readonly Error NoEmail =
        new("booking.no_email", ErrorKind.Rule, "This booking has no email address, so there is nowhere to send its links.");

    public static readonly Error RecoveryLinkNotValid =
        new("booking.recovery_link_not_valid", ErrorKind.NotFound, "This link has expired or is not valid. Please ask for a new one.");

    /// <summary>Another change of the booking committed between this request's read and its write (docs/adr/0051).</summary>
    public static readonly Error ChangedMeanwhile =
        new("booking.changed", ErrorKind.Conflict,
            "This booking was changed by another request at the same moment, so this change was not made. Look at the booking again and retry if you still want it.");
}
