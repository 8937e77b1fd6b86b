using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Bookings;

public static class SessionErrors
{
    public static readonly Error NotStarted =
        new("session.not_started", ErrorKind.Rule, "This session has not started yet. Mark it once it has begun.");

    public static readonly Error AwaitingPayment =
        new("session.awaiting_payment", ErrorKind.Conflict,
            "This booking is still waiting for its online payment. Please ask the organizers to settle it at the table first.");

    public static readonly Error NotActive =
        new("session.not_active", ErrorKind.Conflict, "This booking was cancelled or released, so there is no session to mark.");

    public static readonly Error NotFound =
        new("session.not_found", ErrorKind.NotFound, "There is no such session in your schedule.");

    public static readonly Error NotATherapist =
        new("schedule.not_a_therapist", ErrorKind.NotFound, "You are not a therapist at any symposium.");

    public static readonly Error DayOutsideSymposium =
        new("schedule.day_outside_symposium", ErrorKind.Rule, "That day is not a day of the symposium.")
        {
            Fields = new Dictionary<string, string[]> { ["date"] = ["That day is not a day of the symposium."] },
        };
}
