using FluentValidation;
using SymposiumBooking.Domain.Shop;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>A product as an organizer sends it (docs/api.md, "Shop"); the rules on its values are the product's own.</summary>
public sealed record ProductBody(
    string? Title, string? Description, long? PriceCents, string? Currency, int? Stock, bool? Ships, bool? PickupAllowed, bool? OnSale)
{
    public ProductDetails ToDetails() =>
        new(Title!, Description, PriceCents!.Value, Currency!, Stock!.Value, Ships!.Value, PickupAllowed!.Value, OnSale!.Value);
}

/// <summary>Only that each value is there; what it may be is decided by <see cref="Product"/>.</summary>
public sealed class ProductBodyValidator : AbstractValidator<ProductBody>
{
    public ProductBodyValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Give the product a title.").SingleLine();
        RuleFor(x => x.PriceCents).NotNull().WithMessage("Enter the price.");
        RuleFor(x => x.Currency).NotEmpty().WithMessage("Enter the currency, for example USD.");
        RuleFor(x => x.Stock).NotNull().WithMessage("Enter the copies free to order.");
        RuleFor(x => x.Ships).NotNull().WithMessage("Say whether it can be posted.");
        RuleFor(x => x.PickupAllowed).NotNull().WithMessage("Say whether it can be picked up at the table.");
        RuleFor(x => x.OnSale).NotNull().WithMessage("Say whether it is on sale.");
    }
}
