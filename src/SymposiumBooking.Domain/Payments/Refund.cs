using NodaTime;

namespace SymposiumBooking.Domain.Payments;

/// <summary>Why a booking's payment went back.</summary>
public enum RefundReason
{
    /// <summary>The attendee cancelled before the policy's cutoff.</summary>
    AttendeeCancelled,

    /// <summary>An organizer refunded it from the bookings list.</summary>
    Organizer,

    /// <summary>The payment landed after the hold had lapsed and someone else had the slot.</summary>
    SlotTakenAfterHold,

    /// <summary>Stripe reported a refund we had not asked for (made in Stripe's dashboard).</summary>
    MadeAtStripe,
}

/// <summary>
/// A refund of a booking's payment. At most one per booking (a unique index): the row is written before Stripe is
/// asked, so a second attempt finds it and cannot issue a second refund. Refunds are always in full.
/// </summary>
public sealed class Refund
{
    private Refund()
    {
    }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public RefundReason Reason { get; private set; }

    public long AmountCents { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>Stripe's refund id (<c>re_…</c>).</summary>
    public string? StripeRefundId { get; private set; }

    public Instant CreatedAt { get; private set; }
}
