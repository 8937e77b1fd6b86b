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
        // Under the order's row lock, as Stripe's events take it: two refunds at once queue, and the second reads Refunded.
        return await db.ChangeLockedAsync(command.OrderId, order => RefundAsync(order, now, cancellationToken), cancellationToken);
    }

    private async Task<Result> RefundAsync(Order order, Instant now, CancellationToken ct)
    {
        var refunded = order.Refund(now);
        if (refunded.IsFailure)
        {
            return refunded.Error!;
        }

        if (refunded.Value == OrderRefund.AlreadyRefunded)
        {
            return Result.Success; // refunded before: nothing asked of Stripe
        }

        if (order.Payment == PaymentMethod.Online)
        {
            if (order.PaymentIntentId is not { } paymentIntent)
            {
                return ShopErrors.NotPaid;
            }

            try
            {
                order.RecordStripeRefund((await stripe.RefundOrderAsync(order.Id, paymentIntent, ct)).Id);
            }
            catch (PaymentProviderException)
            {
                return PaymentErrors.ProviderUnavailable; // the transaction rolls back: still paid, copies still taken
            }
        }

        await Orders.RefundedAsync(db, order, refunded.Value, now, ct);
        return Result.Success;
    }
}
