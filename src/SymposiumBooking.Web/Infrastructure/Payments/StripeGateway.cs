using Microsoft.Extensions.Options;
using NodaTime;
using Stripe;
using Stripe.Checkout;

namespace SymposiumBooking.Web.Infrastructure.Payments;

/// <summary>One line of a Checkout Session: what is bought, its unit price in minor units, and how many.</summary>
public sealed record CheckoutLine(string Name, long UnitAmountCents, int Quantity);

/// <summary>A shipping rate Checkout offers (a fixed amount in the session's currency).</summary>
public sealed record CheckoutShippingRate(string Name, long AmountCents);

/// <summary>What Checkout asks of a posted order: the address, in one of these countries, and one of these rates.</summary>
public sealed record CheckoutShipping(IReadOnlyList<string> AllowedCountries, IReadOnlyList<CheckoutShippingRate> Rates);

/// <summary>
/// What a Checkout Session is made of (docs/payments.md), for a booking or an order. <see cref="Metadata"/> names
/// what it is for (<c>booking_id</c> or <c>order_id</c>; the webhook routes by it) and is copied to the payment;
/// <see cref="IdempotencyKey"/> is derived from the booking or order, so a retry never makes a second session.
/// </summary>
public sealed record CheckoutRequest(
    string IdempotencyKey,
    IReadOnlyDictionary<string, string> Metadata,
    string ClientReferenceId,
    IReadOnlyList<CheckoutLine> Lines,
    string Currency,
    string CustomerEmail,
    Instant ExpiresAt,
    Uri SuccessUrl,
    Uri CancelUrl,
    CheckoutShipping? Shipping = null);

/// <summary>Stripe did not answer, or refused in a way the caller cannot fix; nothing on our side may change.</summary>
public sealed class PaymentProviderException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The app's only door to Stripe: one <see cref="StripeClient"/> from <see cref="StripeOptions"/> (ApiBase points
/// it at the tests' fake server). Every write carries an idempotency key derived from the booking or order, so a retry
/// (ours or Stripe.net's own) never makes a second session or refund.
/// </summary>
public sealed class StripeGateway(IOptions<StripeOptions> options)
{
    private readonly Lazy<StripeClient> _client = new(() => new StripeClient(new StripeClientOptions
    {
        ApiKey = options.Value.SecretKey,
        ApiBase = string.IsNullOrWhiteSpace(options.Value.ApiBase) ? null : options.Value.ApiBase.TrimEnd('/'),
    }));

    public static string CheckoutKey(Guid bookingId) => $"checkout-{bookingId}";

    public static string RefundKey(Guid bookingId) => $"refund-{bookingId}";

    public static string OrderCheckoutKey(Guid orderId) => $"checkout-order-{orderId}";

    public static string OrderRefundKey(Guid orderId) => $"refund-order-{orderId}";

    public Task<Session> CreateCheckoutAsync(CheckoutRequest r, CancellationToken ct)
    {
        var currency = r.Currency.Trim().ToLowerInvariant();
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            LineItems =
            [
                .. r.Lines.Select(l => new SessionLineItemOptions
                {
                    Quantity = l.Quantity,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = currency,
                        UnitAmount = l.UnitAmountCents,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = l.Name },
                    },
                }),
            ],
            Metadata = new Dictionary<string, string>(r.Metadata),
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(r.Metadata) },
            ClientReferenceId = r.ClientReferenceId,
            CustomerEmail = r.CustomerEmail,
            ExpiresAt = r.ExpiresAt.ToDateTimeUtc(),
            SuccessUrl = r.SuccessUrl.AbsoluteUri,
            CancelUrl = r.CancelUrl.AbsoluteUri,
        };
        if (r.Shipping is { } shipping)
        {
            create.ShippingAddressCollection = new SessionShippingAddressCollectionOptions { AllowedCountries = [.. shipping.AllowedCountries] };
            create.ShippingOptions =
            [
                .. shipping.Rates.Select(rate => new SessionShippingOptionOptions
                {
                    ShippingRateData = new SessionShippingOptionShippingRateDataOptions
                    {
                        Type = "fixed_amount",
                        DisplayName = rate.Name,
                        FixedAmount = new SessionShippingOptionShippingRateDataFixedAmountOptions { Amount = rate.AmountCents, Currency = currency },
                    },
                }),
            ];
        }

        return CallAsync(() => _client.Value.V1.Checkout.Sessions.CreateAsync(
            create, new RequestOptions { IdempotencyKey = r.IdempotencyKey }, ct));
    }

    /// <summary>Refunds a booking's payment in full.</summary>
    public Task<Stripe.Refund> RefundAsync(Guid bookingId, string paymentIntentId, string reason, CancellationToken ct) =>
        RefundAsync(paymentIntentId, RefundKey(bookingId), new Dictionary<string, string> { ["booking_id"] = bookingId.ToString(), ["reason"] = reason }, ct);

    /// <summary>Refunds an order's payment in full (items and shipping).</summary>
    public Task<Stripe.Refund> RefundOrderAsync(Guid orderId, string paymentIntentId, CancellationToken ct) =>
        RefundAsync(paymentIntentId, OrderRefundKey(orderId), new Dictionary<string, string> { ["order_id"] = orderId.ToString() }, ct);

    public Task<List<Session>> SessionsCreatedSinceAsync(Instant since, CancellationToken ct) =>
        CallAsync(() => _client.Value.V1.Checkout.Sessions
            .ListAutoPagingAsync(new SessionListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = since.ToDateTimeUtc() }, Limit = 100 }, null, ct)
            .ToListAsync(ct).AsTask());

    public Task<List<Stripe.Refund>> RefundsCreatedSinceAsync(Instant since, CancellationToken ct) =>
        CallAsync(() => _client.Value.V1.Refunds
            .ListAutoPagingAsync(new RefundListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = since.ToDateTimeUtc() }, Limit = 100 }, null, ct)
            .ToListAsync(ct).AsTask());

    private Task<Stripe.Refund> RefundAsync(string paymentIntentId, string idempotencyKey, Dictionary<string, string> metadata, CancellationToken ct) =>
        CallAsync(() => _client.Value.V1.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentIntentId, Reason = "requested_by_customer", Metadata = metadata },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            ct));

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e)
        {
            throw new PaymentProviderException($"Stripe refused or failed: {e.StripeError?.Code ?? e.HttpStatusCode.ToString()}", e);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderException("Stripe could not be reached.", e);
        }
    }
}
