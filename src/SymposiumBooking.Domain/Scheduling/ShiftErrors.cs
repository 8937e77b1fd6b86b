using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Scheduling;

public static class ShiftErrors
{
    public static readonly Error NotFound = new("shift.not_found", ErrorKind.NotFound, "There is no such shift.");

    public static readonly Error OutsideSymposium =
        Error.Invalid("shift.outside_symposium", "date", "The shift's date must be one of the symposium's days.");

    public static readonly Error CrossesMidnight =
        Error.Invalid("shift.crosses_midnight", "end", "The shift must end after it starts on the same day; split a shift that crosses midnight in two.");

    public static readonly Error BadBreak =
        Error.Invalid("shift.bad_break", "breaks", "Each break must lie inside the shift, end after it starts and not overlap another break.");

    public static readonly Error NoSlots =
        new("shift.no_slots", ErrorKind.Rule, "No session fits in this shift: make it longer or the sessions shorter.");

    public static readonly Error Overlaps =
        new("shift.overlaps", ErrorKind.Conflict, "This therapist already works at that time.");

    public static readonly Error HasBookings =
        new("shift.has_bookings", ErrorKind.Conflict, "Some slots of this shift have bookings: it cannot be changed or removed.");
}

public static class TherapistErrors
{
    public static readonly Error NotFound = new("therapist.not_found", ErrorKind.NotFound, "There is no such therapist at this symposium.");

    public static readonly Error AlreadyAdded =
        new("therapist.already_added", ErrorKind.Conflict, "A therapist with this email is already at this symposium.");

    public static readonly Error HasBookings =
        new("therapist.has_bookings", ErrorKind.Conflict, "This therapist has bookings and cannot be removed.");
}
