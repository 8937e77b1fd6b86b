using Microsoft.Extensions.Options;
using NodaTime;
using Stripe;
using Stripe.Checkout;

namespace SymposiumBooking.Web.Infrastructure.Payments;

/// <summary>What a Checkout Session is made of (docs/payments.md).</summary>
public sealed record CheckoutRequest(
    Guid BookingId,
    Guid SymposiumId,
    string Description,
    long AmountCents,
    string Currency,
    string CustomerEmail,
    Instant ExpiresAt,
    Uri SuccessUrl,
    Uri CancelUrl);

/// <summary>Stripe did not answer, or refused in a way the caller cannot fix; nothing on our side may change.</summary>
public sealed class PaymentProviderException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The app's only door to Stripe: one <see cref="StripeClient"/> from <see cref="StripeOptions"/> (ApiBase points
/// it at the tests' fake server). Every write carries an idempotency key derived from the booking, so a retry (ours
/// or Stripe.net's own) never makes a second session or refund.
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

    public Task<Session> CreateCheckoutAsync(CheckoutRequest r, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string> { ["booking_id"] = r.BookingId.ToString(), ["symposium_id"] = r.SymposiumId.ToString() };
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = r.Currency.ToLowerInvariant(),
                        UnitAmount = r.AmountCents,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = r.Description },
                    },
                },
            ],
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(metadata) },
            ClientReferenceId = r.BookingId.ToString(),
            CustomerEmail = r.CustomerEmail,
            ExpiresAt = r.ExpiresAt.ToDateTimeUtc(),
            SuccessUrl = r.SuccessUrl.AbsoluteUri,
            CancelUrl = r.CancelUrl.AbsoluteUri,
        };
        return CallAsync(() => _client.Value.V1.Checkout.Sessions.CreateAsync(
            create, new RequestOptions { IdempotencyKey = CheckoutKey(r.BookingId) }, ct));
    }

    /// <summary>Refunds a booking's payment in full.</summary>
    public Task<Stripe.Refund> RefundAsync(Guid bookingId, string paymentIntentId, string reason, CancellationToken ct) =>
        CallAsync(() => _client.Value.V1.Refunds.CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = paymentIntentId,
                Reason = "requested_by_customer",
                Metadata = new Dictionary<string, string> { ["booking_id"] = bookingId.ToString(), ["reason"] = reason },
            },
            new RequestOptions { IdempotencyKey = RefundKey(bookingId) },
            ct));

    public Task<List<Session>> SessionsCreatedSinceAsync(Instant since, CancellationToken ct) =>
        CallAsync(() => _client.Value.V1.Checkout.Sessions
            .ListAutoPagingAsync(new SessionListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = since.ToDateTimeUtc() }, Limit = 100 }, null, ct)
            .ToListAsync(ct).AsTask());

    public Task<List<Stripe.Refund>> RefundsCreatedSinceAsync(Instant since, CancellationToken ct) =>
        CallAsync(() => _client.Value.V1.Refunds
            .ListAutoPagingAsync(new RefundListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = since.ToDateTimeUtc() }, Limit = 100 }, null, ct)
            .ToListAsync(ct).AsTask());

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
