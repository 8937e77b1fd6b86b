using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Waitlist;

public static class WaitlistErrors
{
    public static readonly Error DateOutsideSymposium =
        Error.Invalid("waitlist.date_outside_symposium", "date", "Choose one of the symposium's days, or any day.");

    public static readonly Error UnknownTherapist =
        new("waitlist.unknown_therapist", ErrorKind.Rule, "There is no such therapist at this symposium.")
        {
            Fields = new Dictionary<string, string[]> { ["therapistId"] = ["There is no such therapist at this symposium."] },
        };

    /// <summary>The per-address cap: a stable code, and nothing about the entries themselves.</summary>
    public static Error TooManyEntries(int limit) =>
        new("waitlist.too_many_entries", ErrorKind.Conflict,
            $"This email address already has {limit} waiting entries at this symposium, the most it may have. One ends when it is offered a time, or lapses unconfirmed.");

    public static readonly Error ConfirmLinkNotFound =
        new("waitlist.confirm_link_not_found", ErrorKind.NotFound, "This link is not valid. Open the whole link from the mail.");

    public static readonly Error ConfirmLinkExpired =
        new("waitlist.confirm_link_expired", ErrorKind.Conflict, "This link has expired: a waitlist request must be confirmed within 24 hours. Please join the waitlist again.");

    public static readonly Error OfferTokenRequired =
        new("waitlist.offer_token_required", ErrorKind.Unauthorized, "Send the offer's token (header X-Offer-Token) from the link in the offer mail.");

    /// <summary>No such entry, no offer on it, or not its token: the same answer, so that ids cannot be probed.</summary>
    public static readonly Error OfferNotFound =
        new("waitlist.offer_not_found", ErrorKind.NotFound, "There is no such offer, or the link is not valid for it.");

    public static readonly Error OfferExpired =
        new("waitlist.offer_expired", ErrorKind.Conflict, "This offer has expired and the time was passed on to the next person waiting.");

    public static readonly Error OfferClaimed =
        new("waitlist.offer_claimed", ErrorKind.Conflict, "This offer has already been used to book the time.");
}
