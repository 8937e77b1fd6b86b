using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Stripe;
using Stripe.Checkout;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>
/// A Stripe webhook delivery: the raw body as sent and its <c>Stripe-Signature</c> header (docs/payments.md).
/// </summary>
public sealed record HandleStripeEvent(string Payload, string? Signature) : ICommand<Result<StripeEventAnswer>>;

/// <summary>What became of an event: its id and what it did (<c>confirmed</c>, <c>duplicate</c>, <c>ignored</c>, …).</summary>
public sealed record StripeEventAnswer(string EventId, string Outcome);

/// <summary>
/// Verifies the event on its raw body, then applies it in one transaction with the row that records its id
/// (INSERT … ON CONFLICT DO NOTHING on <c>processed_payment_events</c>): a redelivered event is acknowledged and does
/// nothing. Each effect is a conditional single UPDATE, so events may arrive in any order
/// (docs/adr/0021-webhook-events-in-any-order.md); a mail is queued, or a refund asked for, only by the statement
/// that actually changed the booking. The booking's row is locked first, as a cancel and an organizer's refund lock it
/// (docs/adr/0051). A session event is applied only when the session is the booking's own, and a payment only when its
/// amount and currency are the booking's; otherwise it is logged and left for reconciliation (<c>mismatch</c>).
/// </summary>
internal sealed partial class HandleStripeEventHandler(
    BookingDb db, IClock clock, IOptions<StripeOptions> options, StripeGateway stripe, BookingMails mails,
    IOptions<WaitlistOptions> waitlist, ILogger<HandleStripeEventHandler> logger)
    : ICommandHandler<HandleStripeEvent, Result<StripeEventAnswer>>
{
    /// <summary>How old a signature may be (Stripe's default): older deliveries are refused as replays.</summary>
    public const long ToleranceSeconds = 300;

    /// <summary>The session events that change a booking, and so must be about the booking's own session.</summary>
    private static readonly HashSet<string> SessionEvents =
    [
        EventTypes.CheckoutSessionCompleted, EventTypes.CheckoutSessionAsyncPaymentSucceeded,
        EventTypes.CheckoutSessionExpired, EventTypes.CheckoutSessionAsyncPaymentFailed,
    ];

    public async ValueTask<Result<StripeEventAnswer>> Handle(HandleStripeEvent command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WebhookSecret))
        {
            return PaymentErrors.WebhookNotConfigured;
        }

        var now = clock.GetCurrentInstant();
        Event stripeEvent;
        try
        {
            // The injected clock decides what is stale, like every other time rule here.
            EventUtility.ValidateSignature(command.Payload, command.Signature ?? "", options.Value.WebhookSecret, ToleranceSeconds, now.ToUnixTimeSeconds());
            // An account on another API version still sends the fields we read; refusing them would make Stripe retry for days.
            stripeEvent = EventUtility.ParseEvent(command.Payload, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return PaymentErrors.InvalidSignature;
        }

        try
        {
            return await ApplyAsync(stripeEvent, now, cancellationToken);
        }
        catch (PaymentProviderException e)
        {
            LogRefundFailed(logger, stripeEvent.Id, e);
            db.ChangeTracker.Clear();
            return PaymentErrors.ProviderUnavailable; // rolled back, event not recorded: Stripe delivers it again
        }
    }

    private async Task<Result<StripeEventAnswer>> ApplyAsync(Event stripeEvent, Instant now, CancellationToken ct)
    {
        var bookingId = await BookingOfAsync(stripeEvent, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (bookingId is { } locked)
        {
            // One lock order for every writer of a booking (this row first), so a cancel and an event wait for each other.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM bookings WHERE id = {locked} FOR UPDATE", ct);
        }

        var recorded = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO processed_payment_events (event_id, type, booking_id, processed_at)
            VALUES ({stripeEvent.Id}, {Truncate(stripeEvent.Type, 100)}, {bookingId}, {now})
            ON CONFLICT (event_id) DO NOTHING
            """, ct);
        if (recorded == 0)
        {
            return new StripeEventAnswer(stripeEvent.Id, "duplicate");
        }

        string outcome;
        if (bookingId is not { } id)
        {
            outcome = "ignored";
        }
        else if (!await db.OnlinePayments.AnyAsync(p => p.BookingId == id, ct))
        {
            LogUnknownBooking(logger, stripeEvent.Id, stripeEvent.Type, id);
            outcome = "unknown_booking";
        }
        else if (stripeEvent.Data.Object is Session session && SessionEvents.Contains(stripeEvent.Type)
                 && await MismatchAsync(id, session, stripeEvent.Type, ct) is { } mismatch)
        {
            LogMismatch(logger, stripeEvent.Id, stripeEvent.Type, id, mismatch);
            outcome = "mismatch";
        }
        else
        {
            outcome = stripeEvent.Type switch
            {
                EventTypes.CheckoutSessionCompleted when stripeEvent.Data.Object is Session { PaymentStatus: "paid" } s =>
                    await PaidAsync(id, s.PaymentIntentId, now, ct),
                EventTypes.CheckoutSessionAsyncPaymentSucceeded when stripeEvent.Data.Object is Session s =>
                    await PaidAsync(id, s.PaymentIntentId, now, ct),
                EventTypes.CheckoutSessionExpired or EventTypes.CheckoutSessionAsyncPaymentFailed =>
                    await ReleaseAsync(id, now, ct),
                EventTypes.ChargeRefunded when stripeEvent.Data.Object is Charge { Refunded: true } c =>
                    await RefundedAtStripeAsync(id, c, now, ct),
                _ => "ignored",
            };
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new StripeEventAnswer(stripeEvent.Id, outcome);
    }

    /// <summary>
    /// Paid: confirm while the booking still holds its slot (or the lapsed hold's slot is still free); otherwise, and
    /// for a booking cancelled meanwhile, refund it in full and tell the attendee.
    /// </summary>
    private async Task<string> PaidAsync(Guid id, string? paymentIntentId, Instant now, CancellationToken ct)
    {
        var tokens = await db.Database.SqlQuery<string?>($"""
            UPDATE online_payments SET payment_intent_id = COALESCE(payment_intent_id, {paymentIntentId}), paid_at = COALESCE(paid_at, {now})
            WHERE booking_id = {id} RETURNING protected_manage_token AS "Value"
            """).ToListAsync(ct);
        var token = tokens.FirstOrDefault();
        return await ConfirmAsync(id, "AwaitingPayment", now, ct) is { } confirmed
            ? Mail(OutboxTypes.PaymentReceived, id, confirmed, token, now, "confirmed")
            : await LateAsync(id, paymentIntentId, token, now, ct);
    }

    private async Task<string> LateAsync(Guid id, string? paymentIntentId, string? token, Instant now, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction!;
        await tx.CreateSavepointAsync("late_payment", ct);
        try
        {
            if (await ConfirmAsync(id, "Expired", now, ct) is { } late)
            {
                return Mail(OutboxTypes.PaymentReceived, id, late, token, now, "confirmed_late");
            }
        }
        catch (Exception e) when ((e as PostgresException ?? e.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackToSavepointAsync("late_payment", ct); // someone else has the slot now
        }

        var refunded = await db.Database.SqlQuery<Changed>($"""
            UPDATE bookings SET status = 'Refunded', hold_expires_at = NULL, sequence = sequence + 1, updated_at = {now}
            WHERE id = {id} AND status IN ('Expired', 'Cancelled')
            RETURNING sequence, slot_id
            """).ToListAsync(ct);
        if (refunded.Count == 0 || paymentIntentId is null)
        {
            return "already_applied"; // confirmed, or refunded, by an earlier event
        }

        var issued = await Refunds.IssueAsync(db, stripe, id, paymentIntentId, RefundReason.SlotTakenAfterHold, now, ct);
        return issued == RefundOutcome.Issued ? Mail(OutboxTypes.PaymentRefunded, id, refunded[0], null, now, "refunded_late") : "refunded_late";
    }

    /// <summary>Not paid, and Stripe gave up on the session: the hold ends now and the slot goes to the waitlist.</summary>
    private async Task<string> ReleaseAsync(Guid id, Instant now, CancellationToken ct)
    {
        var released = await db.Database.SqlQuery<Changed>($"""
            UPDATE bookings SET status = 'Expired', sequence = sequence + 1, updated_at = {now}
            WHERE id = {id} AND status = 'AwaitingPayment'
            RETURNING sequence, slot_id
            """).ToListAsync(ct);
        if (released.Count == 0)
        {
            return "already_applied";
        }

        await WaitlistOffers.OfferFreedSlotsAsync(db, [released[0].SlotId], now, waitlist.Value.OfferDuration, ct);
        return "released";
    }

    /// <summary>A full refund made at Stripe (or the echo of ours): recorded once; an active booking becomes Refunded.</summary>
    private async Task<string> RefundedAtStripeAsync(Guid id, Charge charge, Instant now, CancellationToken ct)
    {
        var stripeRefundId = charge.Refunds?.Data?.FirstOrDefault()?.Id;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO refunds (id, booking_id, reason, amount_cents, currency, stripe_refund_id, created_at)
            SELECT {Guid.CreateVersion7()}, b.id, {nameof(RefundReason.MadeAtStripe)}, b.price_cents, b.currency, {stripeRefundId}, {now}
            FROM bookings b WHERE b.id = {id}
            ON CONFLICT DO NOTHING
            """, ct);
        var ended = await db.Database.SqlQuery<Changed>($"""
            UPDATE bookings SET status = 'Refunded', hold_expires_at = NULL, sequence = sequence + 1, updated_at = {now}
            WHERE id = {id} AND status IN ('Confirmed', 'AwaitingPayment')
            RETURNING sequence, slot_id
            """).ToListAsync(ct);
        if (ended.Count == 0)
        {
            return "already_applied";
        }

        if (await BookingMails.InviteSentAsync(db, id, ct))
        {
            mails.Queue(OutboxTypes.BookingCancelled, id, ended[0].Sequence, ended[0].SlotId, null, now);
        }

        await WaitlistOffers.OfferFreedSlotsAsync(db, [ended[0].SlotId], now, waitlist.Value.OfferDuration, ct);
        return "refunded";
    }

    /// <summary>
    /// What makes <paramref name="session"/> not the booking's own (<c>session</c>, <c>amount</c>, <c>currency</c>), or
    /// null when it is. Amount and currency matter only for the events that confirm a payment.
    /// </summary>
    private async Task<string?> MismatchAsync(Guid id, Session session, string type, CancellationToken ct)
    {
        var expected = await (
                from p in db.OnlinePayments
                join b in db.Bookings on p.BookingId equals b.Id
                where p.BookingId == id
                select new { p.CheckoutSessionId, b.PriceCents, b.Currency })
            .AsNoTracking()
            .SingleAsync(ct);
        if (session.Id != expected.CheckoutSessionId)
        {
            return "session";
        }

        if (type is not (EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded))
        {
            return null;
        }

        if (session.AmountTotal != expected.PriceCents)
        {
            return "amount";
        }

        return string.Equals(session.Currency, expected.Currency.Trim(), StringComparison.OrdinalIgnoreCase) ? null : "currency";
    }

    private async Task<Changed?> ConfirmAsync(Guid id, string fromStatus, Instant now, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Changed>($"""
            UPDATE bookings SET status = 'Confirmed', hold_expires_at = NULL, sequence = sequence + 1, updated_at = {now}
            WHERE id = {id} AND status = {fromStatus}
            RETURNING sequence, slot_id
            """).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }

    private string Mail(string type, Guid id, Changed changed, string? token, Instant now, string outcome)
    {
        mails.Queue(type, id, changed.Sequence, changed.SlotId, token, now);
        return outcome;
    }

    /// <summary>The booking an event is about: the session's metadata, or for a charge the payment it belongs to.</summary>
    private async Task<Guid?> BookingOfAsync(Event stripeEvent, CancellationToken ct)
    {
        switch (stripeEvent.Data.Object)
        {
            case Session s:
                return ParseId(s.Metadata) ?? (Guid.TryParse(s.ClientReferenceId, out var reference) ? reference : null);
            case Charge c:
                if (c.PaymentIntentId is { } pi
                    && await db.OnlinePayments.Where(p => p.PaymentIntentId == pi).Select(p => (Guid?)p.BookingId).FirstOrDefaultAsync(ct) is { } byPayment)
                {
                    return byPayment;
                }

                return ParseId(c.Metadata);
            default:
                return null;
        }
    }

    private static Guid? ParseId(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("booking_id", out var raw) && Guid.TryParse(raw, out var id) ? id : null;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record Changed(int Sequence, Guid SlotId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) is about booking {BookingId}, which has no online payment here: acknowledged, not applied")]
    private static partial void LogUnknownBooking(ILogger logger, string eventId, string type, Guid bookingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) for booking {BookingId} does not match the booking's checkout ({Mismatch} differs): recorded, not applied; left for reconciliation")]
    private static partial void LogMismatch(ILogger logger, string eventId, string type, Guid bookingId, string mismatch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} not applied: the refund call failed; Stripe will deliver it again")]
    private static partial void LogRefundFailed(ILogger logger, string eventId, Exception exception);
}
