using Microsoft.EntityFrameworkCore;
using NodaTime;
using Stripe;
using Stripe.Checkout;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// What Stripe's events do to an order (docs/payments.md, "Orders"; docs/adr/0165). <see cref="HandleStripeEvent"/>
/// verifies the event, asks <see cref="OrderOfAsync"/> whether it is an order's, locks the order's row
/// (<see cref="LockAsync"/>), records the event id, and then calls <see cref="ApplyAsync"/> in the same transaction;
/// it saves and commits. Each effect is decided by the order's own transition on the row as it is under the lock, so
/// events may come in any order and a redelivery does nothing: paid → receipt (paid after expiry: the copies are
/// retaken, or the money goes back); expired → copies back on sale; refunded at Stripe → refunded, copies back if not
/// handed over.
/// </summary>
public sealed partial class OrderPaymentEvents(BookingDb db, StripeGateway stripe, ILogger<OrderPaymentEvents> logger)
{
    /// <summary>The metadata key of an order's Checkout Session and payment.</summary>
    public const string MetadataKey = "order_id";

    /// <summary>The order an event is about: the session's metadata, or for a charge the payment stored on an order (then its metadata); null when none.</summary>
    public async Task<Guid?> OrderOfAsync(Event stripeEvent, CancellationToken ct)
    {
        switch (stripeEvent.Data.Object)
        {
            case Session s:
                return ParseId(s.Metadata);
            case Charge c:
                if (c.PaymentIntentId is { } pi
                    && await db.Orders.Where(o => o.PaymentIntentId == pi).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct) is { } byPayment)
                {
                    return byPayment;
                }

                return ParseId(c.Metadata);
            default:
                return null;
        }
    }

    /// <summary>Locks the order's row for the event's transaction: the first statement, as every writer of an order does.</summary>
    public Task LockAsync(Guid orderId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct);

    /// <summary>Applies the event to the order, answering what it did; the caller saves. A failed Stripe refund throws <see cref="PaymentProviderException"/>.</summary>
    public async Task<string> ApplyAsync(Event stripeEvent, Guid orderId, Instant now, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order?.CheckoutSessionId is null)
        {
            LogUnknownOrder(logger, stripeEvent.Id, stripeEvent.Type, orderId);
            return "unknown_order";
        }

        if (Mismatch(order, stripeEvent) is { } mismatch)
        {
            LogMismatch(logger, stripeEvent.Id, stripeEvent.Type, orderId, mismatch);
            return "mismatch";
        }

        return stripeEvent.Type switch
        {
            EventTypes.CheckoutSessionCompleted when stripeEvent.Data.Object is Session { PaymentStatus: "paid" } s => await PaidAsync(order, s, now, ct),
            EventTypes.CheckoutSessionAsyncPaymentSucceeded when stripeEvent.Data.Object is Session s => await PaidAsync(order, s, now, ct),
            EventTypes.CheckoutSessionExpired or EventTypes.CheckoutSessionAsyncPaymentFailed => await ExpireAsync(order, now, ct),
            EventTypes.ChargeRefunded when stripeEvent.Data.Object is Charge { Refunded: true } c => await RefundedAtStripeAsync(order, c, now, ct),
            _ => "ignored",
        };
    }

    /// <summary>
    /// Paid: the order is paid, with the shipping and address Checkout collected. Paid after it expired: its copies are
    /// taken again if there are enough (all or none), otherwise the payment is refunded in full
    /// (idempotency key <c>refund-order-{id}</c>) and the buyer told.
    /// </summary>
    private async Task<string> PaidAsync(Order order, Session session, Instant now, CancellationToken ct)
    {
        var (shipping, address) = (ShippingOf(session), AddressOf(session));
        if (order.PayOnline(session.PaymentIntentId, shipping, address, now))
        {
            db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderReceipt, order.Id, now));
            return "paid";
        }

        if (!order.PaidTooLate)
        {
            return "already_applied"; // paid, or refunded, by an earlier event
        }

        var tx = db.Database.CurrentTransaction!;
        await tx.CreateSavepointAsync("late_order_payment", ct);
        if (await Orders.TakeCopiesAsync(db, order, now, ct))
        {
            order.PayOnline(session.PaymentIntentId, shipping, address, now, copiesRetaken: true);
            db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderReceipt, order.Id, now));
            return "paid_late";
        }

        await tx.RollbackToSavepointAsync("late_order_payment", ct); // some copies were sold meanwhile: none are kept
        if (session.PaymentIntentId is not { } paymentIntent)
        {
            return "already_applied";
        }

        order.RefundLatePayment(paymentIntent, shipping, address, now);
        order.RecordStripeRefund((await stripe.RefundOrderAsync(order.Id, paymentIntent, ct)).Id);
        db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderRefunded, order.Id, now));
        return "refunded_late";
    }

    /// <summary>Not paid, and Stripe gave up on the session: the copies go back on sale.</summary>
    private async Task<string> ExpireAsync(Order order, Instant now, CancellationToken ct)
    {
        if (!order.Expire(now))
        {
            return "already_applied";
        }

        await Orders.ReturnCopiesAsync(db, order, now, ct);
        return "released";
    }

    /// <summary>
    /// A full refund made at Stripe (or the echo of ours): the order ends Refunded once, its copies back on sale if
    /// not handed over. A refund that overtakes the payment's own event is a payment too: an order still awaiting it
    /// is paid and refunded, one that expired meanwhile is refunded with nothing to put back.
    /// </summary>
    private async Task<string> RefundedAtStripeAsync(Order order, Charge charge, Instant now, CancellationToken ct)
    {
        var refundId = charge.Refunds?.Data?.FirstOrDefault()?.Id;
        var shipping = charge.Amount - order.ItemsCents;
        if (order.RefundLatePayment(charge.PaymentIntentId, shipping, null, now))
        {
            order.RecordStripeRefund(refundId);
            db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderRefunded, order.Id, now));
            return "refunded";
        }

        order.PayOnline(charge.PaymentIntentId, shipping, null, now); // no-op unless it was still awaiting payment
        var refunded = order.Refund(now);
        if (refunded.IsFailure || refunded.Value == OrderRefund.AlreadyRefunded)
        {
            return "already_applied";
        }

        order.RecordStripeRefund(refundId);
        await Orders.RefundedAsync(db, order, refunded.Value, now, ct);
        return "refunded";
    }

    /// <summary>
    /// What makes the event not the order's own (<c>session</c>, <c>payment</c>, <c>amount</c>, <c>currency</c>), or
    /// null when it is. A paid session must carry the order's items plus the shipping Checkout added (none for a pickup).
    /// </summary>
    private static string? Mismatch(Order order, Event stripeEvent)
    {
        if (stripeEvent.Data.Object is Charge charge)
        {
            return order.PaymentIntentId is { } pi && charge.PaymentIntentId != pi ? "payment" : null;
        }

        if (stripeEvent.Data.Object is not Session session || !HandleStripeEventHandler.SessionEvents.Contains(stripeEvent.Type))
        {
            return null;
        }

        if (session.Id != order.CheckoutSessionId)
        {
            return "session";
        }

        if (stripeEvent.Type is not (EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded))
        {
            return null;
        }

        var shipping = ShippingOf(session);
        if (session.AmountTotal != order.ItemsCents + shipping || (order.Delivery == Delivery.Pickup && shipping != 0))
        {
            return "amount";
        }

        return string.Equals(session.Currency, order.Currency.Trim(), StringComparison.OrdinalIgnoreCase) ? null : "currency";
    }

    /// <summary>The shipping the buyer chose in Checkout, in minor units (0 when none).</summary>
    private static long ShippingOf(Session session) => session.ShippingCost?.AmountTotal ?? session.TotalDetails?.AmountShipping ?? 0;

    /// <summary>The address Checkout collected, when it collected one.</summary>
    private static ShippingAddress? AddressOf(Session session) =>
        session.CollectedInformation?.ShippingDetails is { } d
            ? new ShippingAddress(d.Name, d.Address?.Line1, d.Address?.Line2, d.Address?.City, d.Address?.State, d.Address?.PostalCode, d.Address?.Country)
            : null;

    private static Guid? ParseId(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(MetadataKey, out var raw) && Guid.TryParse(raw, out var id) ? id : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) is about order {OrderId}, which has no Checkout Session here: acknowledged, not applied")]
    private static partial void LogUnknownOrder(ILogger logger, string eventId, string type, Guid orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) for order {OrderId} does not match the order's checkout ({Mismatch} differs): recorded, not applied")]
    private static partial void LogMismatch(ILogger logger, string eventId, string type, Guid orderId, string mismatch);
}
