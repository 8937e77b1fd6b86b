using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// An organizer gives an order's money back in full, once (docs/shop.md). Paid online: Stripe refunds the payment
/// (items and shipping; idempotency key <c>refund-order-{id}</c>); paid at the table: it records the money handed back.
/// Copies not yet posted or picked up go back on sale; the buyer gets the refund mail. Asking again answers the
/// refunded order and asks Stripe nothing; an unpaid order answers 409 <c>shop.not_paid</c>.
/// </summary>
public sealed record RefundOrder(Guid OrderId) : ICommand<Result<OrderView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [OrderId];
}

internal sealed class RefundOrderHandler(BookingDb db, IClock clock, StripeGateway stripe) : ICommandHandler<RefundOrder, Result<OrderView>>
{
    public async ValueTask<Result<OrderView>> Handle(RefundOrder command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // The row lock first, as Stripe's events take it: two refunds at once queue here, and the second reads Refunded.
        var order = await db.Orders.FromSql($"SELECT * FROM orders WHERE id = {command.OrderId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return ShopErrors.OrderNotFound;
        }

        var statusRead = order.Status.ToString();
        var returnsCopies = order.ReturnsCopies;
        var refunded = order.Refund(now);
        if (refunded.IsFailure)
        {
            return refunded.Error!;
        }

        if (!refunded.Value)
        {
            return OrderView.From(order); // refunded before: nothing asked of Stripe
        }

        // The conditional status change decides: only the transaction that made it returns copies and asks Stripe.
        var refundedName = nameof(OrderStatus.Refunded);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE orders SET status = {refundedName}, refunded_at = {now}, updated_at = {now} WHERE id = {order.Id} AND status = {statusRead}",
            cancellationToken);
        if (claimed == 0)
        {
            return ShopErrors.NotPaid;
        }

        if (order.Payment == PaymentMethod.Online)
        {
            if (order.PaymentIntentId is not { } paymentIntent)
            {
                return ShopErrors.NotPaid;
            }

            try
            {
                order.RecordStripeRefund((await stripe.RefundOrderAsync(order.Id, paymentIntent, cancellationToken)).Id);
            }
            catch (PaymentProviderException)
            {
                db.ChangeTracker.Clear();
                return PaymentErrors.ProviderUnavailable; // the transaction rolls back: still paid, copies still taken
            }
        }

        if (returnsCopies)
        {
            await Orders.ReturnCopiesAsync(db, order, now, cancellationToken);
        }

        db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderRefunded, order.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return OrderView.From(order);
    }
}
