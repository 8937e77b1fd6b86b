using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// Makes the Stripe Checkout Session of a new online order, inside the order's transaction, as bookings do
/// (docs/adr/0020-checkout-session-before-commit.md): when Stripe does not answer, the order and its copies roll back
/// and the buyer hears 503 <c>payment.provider_unavailable</c>. One line item per order line; a posted order also has
/// Checkout collect the address (<see cref="ShopOptions.ShippingCountries"/>) and offer the shipping rates. The
/// session's metadata <c>order_id</c> routes its events to the order (docs/adr/0165).
/// </summary>
public sealed partial class OrderCheckout(StripeGateway stripe, PublicUrls urls, IOptions<ShopOptions> shop, ILogger<OrderCheckout> logger)
{
    /// <summary>The session's <c>client_reference_id</c>: never a bare id, so it cannot be read as a booking's.</summary>
    public static string Reference(Guid orderId) => $"order-{orderId}";

    /// <summary>Creates the session (idempotency key <c>checkout-order-{id}</c>) and records it on the order; the caller saves.</summary>
    public async Task<Result> StartAsync(Order order, CancellationToken ct)
    {
        var request = new CheckoutRequest(
            StripeGateway.OrderCheckoutKey(order.Id),
            new Dictionary<string, string> { [OrderPaymentEvents.MetadataKey] = order.Id.ToString() },
            Reference(order.Id),
            [.. order.Lines.Select(l => new CheckoutLine(l.Title, l.UnitPriceCents, l.Quantity))],
            order.Currency,
            order.Email,
            order.HoldExpiresAt!.Value,
            urls.OrderCheckoutReturn(order.Id, paid: true),
            urls.OrderCheckoutReturn(order.Id, paid: false),
            order.Delivery == Delivery.Ship ? shop.Value.Shipping : null);
        try
        {
            var session = await stripe.CreateCheckoutAsync(request, ct);
            order.StartCheckout(session.Id, session.Url);
            return Result.Success;
        }
        catch (PaymentProviderException e)
        {
            LogCheckoutFailed(logger, order.Id, e);
            return PaymentErrors.ProviderUnavailable;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Checkout Session for order {OrderId}: the order is rolled back")]
    private static partial void LogCheckoutFailed(ILogger logger, Guid orderId, Exception exception);
}
