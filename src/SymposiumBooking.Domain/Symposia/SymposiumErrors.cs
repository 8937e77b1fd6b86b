using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Symposia;

public static class SymposiumErrors
{
    public const int MaxDays = 14;
    public const long MaxRateCents = 1_000_000;

    public static readonly Error NotFound =
        new("symposium.not_found", ErrorKind.NotFound, "There is no such symposium.");

    public static readonly Error NoCurrent =
        new("symposium.none_current", ErrorKind.NotFound, "No symposium is open for booking at the moment.");

    public static Error UnknownTimeZone(string zone) =>
        Error.Invalid("symposium.unknown_time_zone", "timeZone", $"'{zone}' is not a time zone of the IANA database.");

    public static readonly Error EndBeforeStart =
        Error.Invalid("symposium.end_before_start", "endDate", "The end date must be on or after the start date.");

    public static readonly Error TooLong =
        Error.Invalid("symposium.too_long", "endDate", $"A symposium lasts at most {MaxDays} days.");

    public static readonly Error BadCurrency =
        Error.Invalid("symposium.bad_currency", "currency", "The currency must be a three-letter ISO 4217 code.");

    public static readonly Error BadRate =
        Error.Invalid("symposium.bad_rate", "reducedRateCents", $"Rates are whole minor units from 0 to {MaxRateCents}.");

    public static readonly Error AlreadyPublished =
        new("symposium.already_published", ErrorKind.Conflict, "This symposium is already published.");

    public static readonly Error NoSlots =
        new("symposium.no_slots", ErrorKind.Rule, "Add shifts with slots before publishing.");

    public static readonly Error YearTaken =
        new("symposium.year_taken", ErrorKind.Conflict, "Another symposium already has this year.") { Fields = new Dictionary<string, string[]> { ["year"] = ["Another symposium already has this year."] } };

    public static readonly Error ReadOnly =
        new("symposium.read_only", ErrorKind.Conflict, "This symposium has ended and can no longer be changed.");

    public static readonly Error ZoneLocked =
        new("symposium.zone_locked", ErrorKind.Conflict, "The time zone cannot change once shifts exist: remove the shifts first.");

    public static readonly Error ShiftsOutsideDates =
        new("symposium.shifts_outside_dates", ErrorKind.Conflict, "Some shifts would fall outside the new dates: move or remove them first.");

    public static readonly Error NotPublished =
        new("symposium.not_published", ErrorKind.Conflict, "This symposium is not published.");

    public static readonly Error BookingNotOpen =
        new("symposium.booking_not_open", ErrorKind.Conflict, "Booking is not open now, so there is nothing to close.");

    public static readonly Error BookingStillOpen =
        new("symposium.booking_still_open", ErrorKind.Conflict, "Booking is open: close booking first, then unpublish.");

    public static readonly Error HasActiveBookings =
        new("symposium.has_active_bookings", ErrorKind.Conflict, "Some bookings still hold slots: cancel them first, then unpublish.");

    public static readonly Error NotADraft =
        new("symposium.not_a_draft", ErrorKind.Conflict, "Only a draft can be deleted: unpublish it first.");

    public static readonly Error HasBookingHistory =
        new("symposium.has_bookings", ErrorKind.Conflict, "This symposium has bookings on record (cancelled ones too), so it is kept: archive it once it has ended.");

    public static readonly Error NotEnded =
        new("symposium.not_ended", ErrorKind.Conflict, "Only a symposium that has ended can be archived.");

    public static readonly Error AlreadyArchived =
        new("symposium.already_archived", ErrorKind.Conflict, "This symposium is already archived.");

    public static readonly Error NoPolicy =
        new("symposium.no_policy", ErrorKind.Rule, "Set the booking policy before publishing.");
}
