using FluentValidation;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features.Bookings;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>One product and how many copies, as sent.</summary>
public sealed record ItemBody(Guid? ProductId, int? Quantity);

/// <summary>An order as the buyer sends it (docs/api.md, "Shop").</summary>
public sealed record OrderBody(IReadOnlyList<ItemBody>? Items, string? Name, string? Email, Delivery? Delivery, PaymentMethod? Payment)
{
    public OrderRequest ToRequest() =>
        new([.. Items!.Select(i => (i.ProductId!.Value, i.Quantity!.Value))], Name!, Email!, Delivery!.Value, Payment!.Value);
}

public sealed class OrderBodyValidator : AbstractValidator<OrderBody>
{
    public OrderBodyValidator()
    {
        RuleFor(x => x.Items).NotEmpty().WithMessage("Choose at least one product.")
            .Must(i => i is null || i.All(x => x is { ProductId: not null, Quantity: not null }))
            .WithMessage("Each item is {productId, quantity}.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter your name.").MaximumLength(200).SingleLine();
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.").MaximumLength(320)
            .EmailAddress().WithMessage("Enter an email address like name@example.com.").SingleLine();
        RuleFor(x => x.Delivery).NotNull().WithMessage("Choose shipping or pickup at the symposium's table.");
        RuleFor(x => x.Payment).NotNull().WithMessage("Choose to pay online or at the table.");
    }
}

/// <summary>A product as the shop shows it.</summary>
public sealed record ProductView(
    Guid Id, string Title, string? Description, long PriceCents, string Currency, int Stock, bool Ships, bool PickupAllowed, bool OnSale)
{
    public static ProductView From(Product p) =>
        new(p.Id, p.Title, p.Description, p.PriceCents, p.Currency.Trim(), p.Stock, p.Ships, p.PickupAllowed, p.OnSale);
}

public sealed record OrderLineView(Guid ProductId, string Title, long UnitPriceCents, int Quantity, long TotalCents);

/// <summary>
/// An order as its buyer (with the order link) and the organizers see it. <see cref="Token"/> is given once, when it is
/// made; <see cref="CheckoutUrl"/> is where an online order is paid while it awaits payment.
/// </summary>
public sealed record OrderView(
    Guid Id,
    OrderStatus Status,
    string Name,
    string Email,
    Delivery Delivery,
    PaymentMethod Payment,
    IReadOnlyList<OrderLineView> Items,
    string Currency,
    long ItemsCents,
    long ShippingCents,
    long TotalCents,
    Guid? SymposiumId,
    Instant? HoldExpiresAt,
    Instant? PaidAt,
    ShippingAddress? ShipTo,
    string? Carrier,
    string? TrackingNumber,
    Instant? ShippedAt,
    Instant? PickedUpAt,
    Instant? RefundedAt,
    Instant CreatedAt,
    string? CheckoutUrl,
    string? Token)
{
    public static OrderView From(Order o, string? token = null) => new(
        o.Id, o.Status, o.Name, o.Email, o.Delivery, o.Payment,
        [.. o.Lines.Select(l => new OrderLineView(l.ProductId, l.Title, l.UnitPriceCents, l.Quantity, l.TotalCents))],
        o.Currency.Trim(), o.ItemsCents, o.ShippingCents, o.TotalCents, o.SymposiumId, o.HoldExpiresAt, o.PaidAt, o.ShipTo,
        o.Carrier, o.TrackingNumber, o.ShippedAt, o.PickedUpAt, o.RefundedAt, o.CreatedAt,
        o.Status == OrderStatus.AwaitingPayment ? o.CheckoutUrl : null, token);
}
