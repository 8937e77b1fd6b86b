using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Opening;

public static class DrawErrors
{
    public static readonly Error RequestsNotOpen =
        new("requests.not_open", ErrorKind.Rule, "Requests for this symposium are not being taken right now.");

    public static readonly Error AlreadyMade =
        new("requests.already_made", ErrorKind.Conflict,
            "There is already a request from this email address. Open it from the link we gave you (or ask for the link again) to change it.");

    public static readonly Error RequestNotFound =
        new("requests.not_found", ErrorKind.NotFound, "There is no such request, or the link is not valid.");

    public static readonly Error RequestNotChangeable =
        new("requests.closed", ErrorKind.Rule, "Requests have closed: this request can no longer be changed or withdrawn.");

    public static readonly Error NotByDraw =
        new("draw.not_by_draw", ErrorKind.Rule, "This symposium opens first-come, not by draw.");

    public static readonly Error StillOpen =
        new("draw.requests_still_open", ErrorKind.Rule, "Requests are still open: the draw can run once they close.");

    public static readonly Error AlreadyDrawn =
        new("draw.already_run", ErrorKind.Conflict, "The draw has run: its opening can no longer change.");

    public static Error TooManyChoices(int most) =>
        Error.Invalid("requests.too_many_choices", "choices", $"Choose at most {most} times.");

    public static readonly Error NoChoices =
        Error.Invalid("requests.no_choices", "choices", "Choose at least one time.");

    public static readonly Error BadChoice =
        Error.Invalid("requests.bad_choice", "choices", "Each choice is a slot, a day and time, or a day and therapist of this symposium.");

    public static readonly Error RepeatedChoice =
        Error.Invalid("requests.repeated_choice", "choices", "Each choice may be listed once.");
}
