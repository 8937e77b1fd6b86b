namespace SymposiumBooking.Web.Infrastructure.Outbox;

/// <summary>The kinds of outbox message; the dispatcher knows how to render and send each.</summary>
public static class OutboxTypes
{
    /// <summary>Payload <c>{"therapistId": "…"}</c>: the set-password link is made at send time, so no secret waits in the table.</summary>
    public const string TherapistInvitation = "mail.therapist_invitation";

    /// <summary>Payload <c>{"entryId": "…"}</c>: the claim link's token is made at send time, like the invitation's.</summary>
    public const string WaitlistOffer = "mail.waitlist_offer";
}
