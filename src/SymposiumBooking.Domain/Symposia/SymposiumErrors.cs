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

    public static readonly Error NoPolicy =
        new("symposium.no_policy", ErrorKind.Rule, "Set the booking policy before publishing.");
}
