namespace SymposiumBooking.Web.Infrastructure.Outbox;

/// <summary>The kinds of outbox message; each has a renderer, registered by its feature (<see cref="IOutboxRenderer"/>).</summary>
public static class OutboxTypes
{
    /// <summary>Payload <c>{"therapistId": "…"}</c>: the set-password link is made at send time, so no secret waits in the table.</summary>
    public const string TherapistInvitation = "mail.therapist_invitation";

    /// <summary>Payload <c>{"userId": "…"}</c>: an organizer's invitation, or any staff invitation sent again; the link is made at send time.</summary>
    public const string StaffInvitation = "mail.staff_invitation";

    /// <summary>Payload <c>{"userId": "…"}</c>: a forgotten password's reset link, made at send time.</summary>
    public const string PasswordReset = "mail.password_reset";

    /// <summary>Payload <c>{"entryId": "…"}</c>: the claim link's token is made at send time, like the invitation's.</summary>
    public const string WaitlistOffer = "mail.waitlist_offer";

    /// <summary>Payload <c>{"entryId": "…"}</c>: the link that confirms a new waitlist entry; its token is made at send time.</summary>
    public const string WaitlistConfirmation = "mail.waitlist_confirmation";

    /// <summary>Payload <c>{"linkId": "…"}</c>: the link that issues an attendee's feed; its token is made at send time.</summary>
    public const string AttendeeFeedLink = "mail.attendee_feed_link";

    // Booking mails: payload {"bookingId", "sequence", "slotId", "manageToken"?} (Features/Bookings/BookingMail.cs,
    // docs/adr/0014-booking-mails-and-the-manage-link.md). The sequence and slot are those of the change announced.

    /// <summary>An at-table booking is confirmed: METHOD:REQUEST.</summary>
    public const string BookingConfirmed = "mail.booking_confirmed";

    /// <summary>An online booking is paid: METHOD:REQUEST (its first invite).</summary>
    public const string PaymentReceived = "mail.payment_received";

    /// <summary>The booking moved: METHOD:REQUEST, same UID, higher SEQUENCE.</summary>
    public const string BookingRescheduled = "mail.booking_rescheduled";

    /// <summary>Cancelled, or a hold that lapsed after an invite went out: METHOD:CANCEL, STATUS:CANCELLED.</summary>
    public const string BookingCancelled = "mail.booking_cancelled";

    /// <summary>The day before the session, in the symposium's zone; plain text, no invite.</summary>
    public const string BookingReminder = "mail.booking_reminder";

    /// <summary>A payment that landed after its hold lapsed and its slot was taken went back; plain text, no invite.</summary>
    public const string PaymentRefunded = "mail.payment_refunded";

    /// <summary>An organizer sent the booking's links again (a new token): METHOD:REQUEST at the current SEQUENCE when confirmed.</summary>
    public const string BookingLinks = "mail.booking_links";

    /// <summary>Payload <c>{"email": "…"}</c>: an attendee asked for their links; the recovery link is made at send time.</summary>
    public const string LostLink = "mail.lost_link";

    /// <summary>Payload <c>{"requestId": "…"}</c>: the link to a draw request, sent when it is made and when the address sends a second one.</summary>
    public const string DrawRequestLink = "mail.draw_request_link";

    /// <summary>Payload <c>{"requestId": "…"}</c>: what the draw gave a request paid online (a held slot to pay for) or left without a slot.</summary>
    public const string DrawResult = "mail.draw_result";

    /// <summary>Payload <c>{"orderId": "…"}</c>: the link to a shop order, sent when it is placed.</summary>
    public const string OrderLink = "mail.order_link";

    /// <summary>Payload <c>{"orderId": "…"}</c>: the receipt of a paid order (online, or at the table).</summary>
    public const string OrderReceipt = "mail.order_receipt";

    /// <summary>Payload <c>{"orderId": "…"}</c>: a posted order is on its way, with the carrier and tracking number.</summary>
    public const string OrderShipped = "mail.order_shipped";

    /// <summary>Payload <c>{"orderId": "…"}</c>: an order's money went back to the buyer.</summary>
    public const string OrderRefunded = "mail.order_refunded";
}
