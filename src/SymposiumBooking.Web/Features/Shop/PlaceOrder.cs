using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// A buyer orders (docs/shop.md): the copies are taken off the stock by conditional statements in the order's
/// transaction, so the shop never sells more than it has (409 <c>shop.sold_out</c>, nothing written). The answer's
/// token is the order link's key; the link is also mailed. An online order's Checkout Session is made in the same
/// transaction (<see cref="OrderCheckout"/>): the answer's <c>checkoutUrl</c> is where it is paid. With an
/// <c>Idempotency-Key</c>, sending the same order again (a retrying phone, a double press) answers the first order.
/// </summary>
public sealed record PlaceOrder(OrderBody Body, string? IdempotencyKey = null) : ICommand<Result<OrderView>>;

public sealed class PlaceOrderValidator : AbstractValidator<PlaceOrder>
{
    public PlaceOrderValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new OrderBodyValidator());
}

internal sealed class PlaceOrderHandler(
    BookingDb db, IClock clock, IOptions<StripeOptions> stripe, IDataProtectionProvider protection, OrderCheckout checkout, IdempotentWrites idempotent)
    : ICommandHandler<PlaceOrder, Result<OrderView>>
{
    public const string Scope = "shop.order";

    public async ValueTask<Result<OrderView>> Handle(PlaceOrder command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return await idempotent.RunAsync(Scope, command.IdempotencyKey, command.Body, now, () => PlaceAsync(command.Body, now, cancellationToken), cancellationToken);
    }

    /// <summary>Runs in the idempotent write's transaction: a refusal rolls it back, taking nothing and writing nothing.</summary>
    private async Task<Result<OrderView>> PlaceAsync(OrderBody body, Instant now, CancellationToken cancellationToken)
    {
        var request = body.ToRequest();
        var ids = request.Items.Select(i => i.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var thisYear = await Orders.ThisYearsAsync(db, now, cancellationToken);
        var (token, tokenHash) = SecretToken.Create();
        var placed = Order.Place(
            request, products, thisYear?.Id, stripe.Value.OnlinePaymentEnabled, tokenHash,
            protection.CreateProtector(Orders.LinkPurpose).Protect(token), now);
        if (placed.IsFailure)
        {
            return placed.Error;
        }

        var order = placed.Value;
        if (!await Orders.TakeCopiesAsync(db, order, now, cancellationToken))
        {
            return ShopErrors.SoldOut; // rolled back with the transaction: nothing taken, nothing written
        }

        if (order.Payment == PaymentMethod.Online && await checkout.StartAsync(order, cancellationToken) is { IsFailure: true } noCheckout)
        {
            return noCheckout.Error!; // Stripe did not answer: rolled back, the copies stay on sale
        }

        db.Orders.Add(order);
        db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderLink, order.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        return OrderView.From(order, token);
    }
}
