using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Shop;

/// <summary>How an order reaches the buyer.</summary>
public enum Delivery
{
    /// <summary>Posted: Stripe Checkout collects the address and the shipping; paid online only.</summary>
    Ship,

    /// <summary>Picked up at the symposium's table: paid online, or reserved and paid there.</summary>
    Pickup,
}

/// <summary>Where an order is in its life (docs/shop.md has the diagram).</summary>
public enum OrderStatus
{
    /// <summary>Paying online: its copies are held until the Checkout Session expires.</summary>
    AwaitingPayment,

    /// <summary>Picked up and paid at the table: its copies are kept for the buyer.</summary>
    Reserved,

    /// <summary>Paid, not yet shipped or picked up.</summary>
    Paid,

    Shipped,

    PickedUp,

    /// <summary>Not paid before the Checkout Session expired: its copies went back on sale.</summary>
    Expired,

    /// <summary>Its money went back to the buyer (once); copies not yet handed over went back on sale.</summary>
    Refunded,

    /// <summary>A reservation never collected, cancelled by an organizer: its copies went back on sale.</summary>
    Cancelled,
}

/// <summary>One product of an order, with the title and price it had when ordered.</summary>
public sealed record OrderLine(Guid ProductId, string Title, long UnitPriceCents, int Quantity)
{
    public long TotalCents => UnitPriceCents * Quantity;
}

/// <summary>What a buyer asks for (docs/api.md, "Shop").</summary>
public sealed record OrderRequest(IReadOnlyList<(Guid ProductId, int Quantity)> Items, string Name, string Email, Delivery Delivery, PaymentMethod Payment);

/// <summary>The address Stripe Checkout collected for a shipped order.</summary>
public sealed record ShippingAddress(string? Name, string? Line1, string? Line2, string? City, string? State, string? PostalCode, string? Country);

/// <summary>
/// A buyer's order of guidebooks (or other products). Its copies are taken off the products' stock when it is placed
/// and go back when it expires unpaid or is refunded before it was handed over (<see cref="Refund"/>); the
/// stock statements live with the use cases, inside the transaction that changes the order.
/// </summary>
public sealed class Order
{
    public const int MaxLines = 5;
    public const int MaxCopies = 10;
    public const int MaxCarrierLength = 100;
    public const int MaxTrackingLength = 100;

    /// <summary>How long an online order holds its copies: Stripe's shortest Checkout Session, and a minute for the call.</summary>
    public static readonly Duration OnlineHold = Duration.FromMinutes(31);

    private Order()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The symposium the order counts toward (this year's, when ordered), and where a pickup is collected.</summary>
    public Guid? SymposiumId { get; private set; }

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public Delivery Delivery { get; private set; }

    public PaymentMethod Payment { get; private set; }

    public OrderStatus Status { get; private set; }

    public List<OrderLine> Lines { get; private set; } = [];

    public string Currency { get; private set; } = "";

    public long ItemsCents { get; private set; }

    /// <summary>The shipping the buyer chose in Checkout, known once paid; 0 for a pickup.</summary>
    public long ShippingCents { get; private set; }

    public long TotalCents => ItemsCents + ShippingCents;

    public int Copies => Lines.Sum(l => l.Quantity);

    /// <summary>When an online order's copies go back on sale if it is still unpaid.</summary>
    public Instant? HoldExpiresAt { get; private set; }

    public string TokenHash { get; private set; } = "";

    /// <summary>The order link's token, protected (purpose <c>SymposiumBooking.Shop.OrderLink.v1</c>), for the mails.</summary>
    public string ProtectedToken { get; private set; } = "";

    public string? CheckoutSessionId { get; private set; }

    public string? CheckoutUrl { get; private set; }

    public string? PaymentIntentId { get; private set; }

    public Instant? PaidAt { get; private set; }

    /// <summary>Set when paid at the table: how, and the staff account that took it.</summary>
    public Payments.TablePaymentMethod? TableMethod { get; private set; }

    public Guid? TablePaidBy { get; private set; }

    public ShippingAddress? ShipTo { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public Instant? ShippedAt { get; private set; }

    public Instant? PickedUpAt { get; private set; }

    public Instant? RefundedAt { get; private set; }

    public string? StripeRefundId { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    /// <summary>
    /// Places an order for <paramref name="request"/> from the products it names (<paramref name="products"/>, as
    /// they are now). <paramref name="pickupAt"/> is this year's symposium, null when none is coming;
    /// <paramref name="onlineAvailable"/> whether Stripe is configured. Stock is not checked here: the statement that
    /// takes the copies decides.
    /// </summary>
    public static Result<Order> Place(
        OrderRequest request, IReadOnlyCollection<Product> products, Guid? pickupAt, bool onlineAvailable, string tokenHash, string protectedToken, Instant now)
    {
        if (request.Items.Count is 0 or > MaxLines || request.Items.Select(i => i.ProductId).Distinct().Count() != request.Items.Count)
        {
            return ShopErrors.Invalid("items", $"Order between 1 and {MaxLines} different products, each once.");
        }

        if (request.Items.Any(i => i.Quantity is < 1 or > MaxCopies) || request.Items.Sum(i => i.Quantity) > MaxCopies)
        {
            return ShopErrors.Invalid("items", $"Order between 1 and {MaxCopies} copies in all.");
        }

        var lines = new List<OrderLine>();
        foreach (var (productId, quantity) in request.Items)
        {
            if (products.FirstOrDefault(p => p.Id == productId) is not { OnSale: true } product)
            {
                return ShopErrors.UnknownProduct;
            }

            if (request.Delivery == Delivery.Ship && !product.Ships)
            {
                return ShopErrors.CannotShip(product.Title);
            }

            if (request.Delivery == Delivery.Pickup && !product.PickupAllowed)
            {
                return ShopErrors.NoPickup(product.Title);
            }

            lines.Add(new OrderLine(product.Id, product.Title, product.PriceCents, quantity));
        }

        var currencies = products.Where(p => lines.Any(l => l.ProductId == p.Id)).Select(p => p.Currency).Distinct().ToList();
        if (currencies.Count != 1)
        {
            return ShopErrors.MixedCurrencies;
        }

        if (request.Delivery == Delivery.Ship && request.Payment != PaymentMethod.Online)
        {
            return ShopErrors.ShipPaysOnline;
        }

        if (request.Payment == PaymentMethod.Online && !onlineAvailable)
        {
            return BookingErrors.OnlinePaymentUnavailable;
        }

        if (request.Delivery == Delivery.Pickup && pickupAt is null)
        {
            return ShopErrors.PickupUnavailable;
        }

        var online = request.Payment == PaymentMethod.Online;
        return new Order
        {
            Id = Guid.CreateVersion7(),
            SymposiumId = pickupAt,
            Name = request.Name.Trim(),
            Email = request.Email.Trim(),
            NormalizedEmail = Common.Email.Canonical(request.Email),
            Delivery = request.Delivery,
            Payment = request.Payment,
            Status = online ? OrderStatus.AwaitingPayment : OrderStatus.Reserved,
            Lines = lines,
            Currency = currencies[0],
            ItemsCents = lines.Sum(l => l.TotalCents),
            HoldExpiresAt = online ? now + OnlineHold : null,
            TokenHash = tokenHash,
            ProtectedToken = protectedToken,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The Checkout Session made for this online order.</summary>
    public void StartCheckout(string sessionId, string url)
    {
        CheckoutSessionId = sessionId;
        CheckoutUrl = url;
    }

    /// <summary>
    /// Stripe says it is paid. False when that changes nothing (paid before, or refunded meanwhile). An order that
    /// expired meanwhile is paid only by a caller that took its copies back (<paramref name="copiesRetaken"/>).
    /// </summary>
    public bool PayOnline(string? paymentIntentId, long shippingCents, ShippingAddress? shipTo, Instant now, bool copiesRetaken = false)
    {
        if (Status != OrderStatus.AwaitingPayment && !(Status == OrderStatus.Expired && copiesRetaken))
        {
            return false;
        }

        Status = OrderStatus.Paid;
        PaymentIntentId = paymentIntentId;
        ShippingCents = Delivery == Delivery.Ship ? Math.Max(0, shippingCents) : 0;
        ShipTo = Delivery == Delivery.Ship ? shipTo : null;
        PaidAt = now;
        HoldExpiresAt = null;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Paid online after its copies went back on sale: the caller retakes them or refunds.</summary>
    public bool PaidTooLate => Status == OrderStatus.Expired;

    /// <summary>
    /// Paid online after its copies went back on sale, and too few are left to retake: the caller refunds the payment
    /// in full (items and shipping); there is nothing to hand over or put back. False when it had not expired.
    /// </summary>
    public bool RefundLatePayment(string? paymentIntentId, long shippingCents, ShippingAddress? shipTo, Instant now)
    {
        if (Status != OrderStatus.Expired)
        {
            return false;
        }

        Status = OrderStatus.Refunded;
        PaymentIntentId = paymentIntentId;
        ShippingCents = Delivery == Delivery.Ship ? Math.Max(0, shippingCents) : 0;
        ShipTo = Delivery == Delivery.Ship ? shipTo : null;
        PaidAt = now;
        RefundedAt = now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Unpaid when its Checkout Session ended: the copies go back on sale. False when it was not awaiting payment.</summary>
    public bool Expire(Instant now)
    {
        if (Status != OrderStatus.AwaitingPayment)
        {
            return false;
        }

        Status = OrderStatus.Expired;
        HoldExpiresAt = null;
        UpdatedAt = now;
        return true;
    }

    /// <summary>A reserved pickup paid at the table, recorded by <paramref name="staffId"/>.</summary>
    public Result PayAtTable(Payments.TablePaymentMethod method, Guid staffId, Instant now)
    {
        if (Status == OrderStatus.Paid && Payment == PaymentMethod.AtTable)
        {
            return Result.Success; // pressed twice
        }

        if (Status != OrderStatus.Reserved)
        {
            return ShopErrors.NotReserved;
        }

        Status = OrderStatus.Paid;
        TableMethod = method;
        TablePaidBy = staffId;
        PaidAt = now;
        UpdatedAt = now;
        return Result.Success;
    }

    public Result MarkShipped(string carrier, string trackingNumber, Instant now)
    {
        if (Delivery != Delivery.Ship)
        {
            return ShopErrors.NotForShipping;
        }

        if (Status == OrderStatus.Shipped && Carrier == carrier && TrackingNumber == trackingNumber)
        {
            return Result.Success;
        }

        if (Status is not (OrderStatus.Paid or OrderStatus.Shipped))
        {
            return ShopErrors.NotPaid;
        }

        Status = OrderStatus.Shipped;
        Carrier = carrier.Trim();
        TrackingNumber = trackingNumber.Trim();
        ShippedAt ??= now;
        UpdatedAt = now;
        return Result.Success;
    }

    public Result MarkPickedUp(Instant now)
    {
        if (Delivery != Delivery.Pickup)
        {
            return ShopErrors.NotForPickup;
        }

        if (Status == OrderStatus.PickedUp)
        {
            return Result.Success;
        }

        if (Status != OrderStatus.Paid)
        {
            return ShopErrors.NotPaid;
        }

        Status = OrderStatus.PickedUp;
        PickedUpAt = now;
        UpdatedAt = now;
        return Result.Success;
    }

    /// <summary>An unpaid reservation the buyer will not collect: its copies go back on sale. False when cancelled before.</summary>
    public Result<bool> Cancel(Instant now)
    {
        if (Status == OrderStatus.Cancelled)
        {
            return false;
        }

        if (Status != OrderStatus.Reserved)
        {
            return ShopErrors.NotReserved;
        }

        Status = OrderStatus.Cancelled;
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// The money goes back (once per order, as for bookings). Says whether the copies go back on sale: they do when they
    /// were never handed over. <see cref="OrderRefund.AlreadyRefunded"/> when it was refunded before.
    /// </summary>
    public Result<OrderRefund> Refund(Instant now)
    {
        if (Status == OrderStatus.Refunded)
        {
            return OrderRefund.AlreadyRefunded;
        }

        if (Status is not (OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.PickedUp))
        {
            return ShopErrors.NotPaid;
        }

        var copiesBack = Status == OrderStatus.Paid;
        Status = OrderStatus.Refunded;
        RefundedAt = now;
        UpdatedAt = now;
        return copiesBack ? OrderRefund.CopiesBackOnSale : OrderRefund.CopiesHandedOver;
    }

    /// <summary>Stripe's id for the refund, once it answered.</summary>
    public void RecordStripeRefund(string? stripeRefundId) => StripeRefundId ??= stripeRefundId;
}

/// <summary>What <see cref="Order.Refund"/> did.</summary>
public enum OrderRefund
{
    /// <summary>Refunded before: nothing changed.</summary>
    AlreadyRefunded,

    /// <summary>Refunded; the copies were handed over (posted or picked up) and stay with the buyer.</summary>
    CopiesHandedOver,

    /// <summary>Refunded; the copies were never handed over and go back on sale.</summary>
    CopiesBackOnSale,
}
