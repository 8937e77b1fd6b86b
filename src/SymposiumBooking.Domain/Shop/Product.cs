using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Shop;

/// <summary>What an organizer types to make or change a product (docs/shop.md).</summary>
public sealed record ProductDetails(
    string Title, string? Description, long PriceCents, string Currency, int Stock, bool Ships, bool PickupAllowed, bool OnSale);

/// <summary>
/// Something the shop sells: the guidebook first. <see cref="Stock"/> is the copies still free to order; the database
/// keeps it at zero or more (a CHECK), and an order takes its copies with one conditional UPDATE, so two buyers of the
/// last copy cannot both have it (docs/adr/0160).
/// </summary>
public sealed class Product
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const long MaxPriceCents = 1_000_000;
    public const int MaxStock = 100_000;

    private Product()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public long PriceCents { get; private set; }

    /// <summary>ISO 4217, upper case.</summary>
    public string Currency { get; private set; } = "";

    /// <summary>Copies free to order now: held and sold copies are already taken off.</summary>
    public int Stock { get; private set; }

    /// <summary>Whether it can be posted to the buyer (Stripe Checkout then collects the address and the shipping).</summary>
    public bool Ships { get; private set; }

    /// <summary>Whether it can be picked up at the symposium's table.</summary>
    public bool PickupAllowed { get; private set; }

    /// <summary>Shown and orderable; a product taken off sale keeps its orders.</summary>
    public bool OnSale { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public static Result<Product> Create(ProductDetails details, Instant now)
    {
        var product = new Product { Id = Guid.CreateVersion7(), CreatedAt = now };
        var applied = product.Apply(details, now);
        return applied.IsFailure ? applied.Error! : product;
    }

    /// <summary>Changes what the organizer typed; <see cref="ProductDetails.Stock"/> sets the copies free to order from now on.</summary>
    public Result Update(ProductDetails details, Instant now) => Apply(details, now);

    private Result Apply(ProductDetails d, Instant now)
    {
        var title = d.Title?.Trim() ?? "";
        if (title.Length is 0 or > MaxTitleLength)
        {
            return ShopErrors.Invalid("title", $"Give the product a title of at most {MaxTitleLength} characters.");
        }

        if (d.Description is { Length: > MaxDescriptionLength })
        {
            return ShopErrors.Invalid("description", $"The description may have at most {MaxDescriptionLength} characters.");
        }

        if (d.PriceCents is <= 0 or > MaxPriceCents)
        {
            return ShopErrors.Invalid("priceCents", "The price is in cents, more than 0 and at most 1,000,000.");
        }

        if (d.Currency is not { Length: 3 } || !d.Currency.All(char.IsAsciiLetter))
        {
            return ShopErrors.Invalid("currency", "The currency is a three-letter ISO code such as USD.");
        }

        if (d.Stock is < 0 or > MaxStock)
        {
            return ShopErrors.Invalid("stock", $"Stock is between 0 and {MaxStock:N0} copies.");
        }

        if (!d.Ships && !d.PickupAllowed)
        {
            return ShopErrors.Invalid("ships", "A product is shipped, picked up at the table, or both.");
        }

        Title = title;
        Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description.Trim();
        PriceCents = d.PriceCents;
        Currency = d.Currency.ToUpperInvariant();
        Stock = d.Stock;
        Ships = d.Ships;
        PickupAllowed = d.PickupAllowed;
        OnSale = d.OnSale;
        UpdatedAt = now;
        return Result.Success;
    }
}
