using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Stripe;
using Stripe.Checkout;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Shop;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Telemetry;

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
/// An event about an order (metadata <c>order_id</c>, or a payment stored on an order) goes to
/// <see cref="OrderPaymentEvents"/> instead, under the same rules (docs/adr/0165).
/// </summary>
internal sealed partial class HandleStripeEventHandler(
    BookingDb db, IClock clock, IOptions<StripeOptions> options, StripeGateway stripe, BookingWriter writer,
    BookingMetrics metrics, OrderPaymentEvents orders, ILogger<HandleStripeEventHandler> logger)
    : ICommandHandler<HandleStripeEvent, Result<StripeEventAnswer>>
{
    /// <summary>How old a signature may be (Stripe's default): older deliveries are refused as replays.</summary>
    public const long ToleranceSeconds = 300;

    /// <summary>The session events that change a booking or an order, and so must be about its own session.</summary>
    internal static readonly HashSet<string> SessionEvents =
    [
        EventTypes.CheckoutSessionCompleted, EventTypes.CheckoutSessionAsyncPaymentSucceeded,
        EventTypes.CheckoutSessionExpired, EventTypes.CheckoutSessionAsyncPaymentFailed,
    ];

    public async ValueTask<Result<StripeEventAnswer>> Handle(HandleStripeEvent command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WebhookSecret))
        {
            return metrics.WebhookRefused(PaymentErrors.WebhookNotConfigured);
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
            return metrics.WebhookRefused(PaymentErrors.InvalidSignature);
        }

        try
        {
            var answer = await ApplyAsync(stripeEvent, now, cancellationToken);
            metrics.WebhookEvent(stripeEvent.Type, answer.IsSuccess ? answer.Value.Outcome : answer.Error.Code);
            return answer;
        }
        catch (PaymentProviderException e)
        {
            LogRefundFailed(logger, stripeEvent.Id, e);
            db.ChangeTracker.Clear();
            return metrics.WebhookRefused(PaymentErrors.ProviderUnavailable, stripeEvent.Type); // rolled back, event not recorded: Stripe delivers it again
        }
    }

    private async Task<Result<StripeEventAnswer>> ApplyAsync(Event stripeEvent, Instant now, CancellationToken ct)
    {
        // An order's event is never read as a booking's (docs/adr/0165): its metadata says order_id, its reference is not a bare id.
        var orderId = await orders.OrderOfAsync(stripeEvent, ct);
        var bookingId = orderId is null ? await BookingOfAsync(stripeEvent, ct) : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (orderId is { } order)
        {
            await orders.LockAsync(order, ct);
        }
        else if (bookingId is { } locked)
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

        if (orderId is { } ordered)
        {
            var applied = await orders.ApplyAsync(stripeEvent, ordered, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new StripeEventAnswer(stripeEvent.Id, applied);
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
        var token = ManageToken.Protected(tokens.FirstOrDefault());
        var booking = await BookingAsync(id, ct);
        if (booking.Status == BookingStatus.AwaitingPayment && booking.ConfirmPayment(now))
        {
            await writer.SaveAsync(booking, ct, token);
            return "confirmed";
        }

        return await LateAsync(booking, paymentIntentId, token, now, ct);
    }

    private async Task<string> LateAsync(Booking booking, string? paymentIntentId, ManageToken? token, Instant now, CancellationToken ct)
    {
        if (booking.Status == BookingStatus.Expired)
        {
            var tx = db.Database.CurrentTransaction!;
            await tx.CreateSavepointAsync("late_payment", ct);
            booking.ConfirmPayment(now);
            if (await writer.SaveAsync(booking, ct, token) == BookingWrite.Applied)
            {
                return "confirmed_late";
            }

            await tx.RollbackToSavepointAsync("late_payment", ct); // someone else has the slot now
            booking = await BookingAsync(booking.Id, ct);
        }

        if (!booking.PaidTooLate)
        {
            return "already_applied"; // confirmed, or refunded, by an earlier event
        }

        var issued = paymentIntentId is null
            ? RefundOutcome.NotPaid
            : await Refunds.IssueAsync(db, stripe, booking.Id, paymentIntentId, RefundReason.SlotTakenAfterHold, now, ct);
        booking.RefundLatePayment(now, moneyReturnedNow: issued == RefundOutcome.Issued);
        await writer.SaveAsync(booking, ct);
        return paymentIntentId is null ? "already_applied" : "refunded_late";
    }

    /// <summary>Not paid, and Stripe gave up on the session: the hold ends now and the slot goes to the waitlist.</summary>
    private async Task<string> ReleaseAsync(Guid id, Instant now, CancellationToken ct)
    {
        var booking = await BookingAsync(id, ct);
        return booking.ExpireHold(now) && await writer.SaveAsync(booking, ct) == BookingWrite.Applied ? "released" : "already_applied";
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
        var booking = await BookingAsync(id, ct);
        return booking.Refund(now) && await writer.SaveAsync(booking, ct) == BookingWrite.Applied ? "refunded" : "already_applied";
    }

    /// <summary>The booking as it is now: its row is locked by this transaction (<see cref="ApplyAsync"/>).</summary>
    private Task<Booking> BookingAsync(Guid id, CancellationToken ct) => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, ct);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) is about booking {BookingId}, which has no online payment here: acknowledged, not applied")]
    private static partial void LogUnknownBooking(ILogger logger, string eventId, string type, Guid bookingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) for booking {BookingId} does not match the booking's checkout ({Mismatch} differs): recorded, not applied; left for reconciliation")]
    private static partial void LogMismatch(ILogger logger, string eventId, string type, Guid bookingId, string mismatch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} not applied: the refund call failed; Stripe will deliver it again")]
    private static partial void LogRefundFailed(ILogger logger, string eventId, Exception exception);
}
