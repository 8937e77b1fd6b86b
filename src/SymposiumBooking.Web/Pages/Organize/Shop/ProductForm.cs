using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SymposiumBooking.Web.Features.Shop;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Organize.Shop;

/// <summary>A product as its form sends it: the price as typed ("40.00"), the stock as typed, how it is delivered as checkboxes.</summary>
public sealed class ProductForm
{
    public const string Ships = "ships";
    public const string Pickup = "pickup";

    public static readonly IReadOnlyList<Choice> Deliveries =
    [
        new(Ships, "Posted: Stripe Checkout collects the address and the shipping"),
        new(Pickup, "Picked up at the symposium's table"),
    ];

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Currency { get; set; } = "USD";

    [ApiName("priceCents")]
    public string? Price { get; set; }

    public string? Stock { get; set; }

    [ApiName("ships")]
    public List<string> Delivery { get; set; } = [];

    public bool OnSale { get; set; }

    /// <summary>A new product's form: on sale, posted or picked up, in dollars.</summary>
    public static ProductForm New() => new() { Delivery = [Ships, Pickup], OnSale = true };

    public static ProductForm From(ProductView p) => new()
    {
        Title = p.Title,
        Description = p.Description,
        Currency = p.Currency,
        Price = Display.Amount(p.PriceCents, p.Currency),
        Stock = p.Stock.ToString(CultureInfo.InvariantCulture),
        Delivery = [.. new[] { p.Ships ? Ships : null, p.PickupAllowed ? Pickup : null }.OfType<string>()],
        OnSale = p.OnSale,
    };

    /// <summary>The product as the handler takes it; a price or stock that cannot be read is noted in <paramref name="problems"/>.</summary>
    public ProductBody Read(ModelStateDictionary problems)
    {
        long? price = null;
        if (Display.TryMinorUnits(Price, Currency, out var minor))
        {
            price = minor;
        }
        else
        {
            problems.AddFormProblem(nameof(Price), "Enter the price as a number with a point for decimals, for example 40.00.");
        }

        int? stock = null;
        if (int.TryParse(Stock?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var copies))
        {
            stock = copies;
        }
        else
        {
            problems.AddFormProblem(nameof(Stock), "Enter the copies free to order as a whole number, for example 120.");
        }

        return new ProductBody(
            Title, string.IsNullOrWhiteSpace(Description) ? null : Description, price ?? 1, Currency?.Trim(), stock ?? 0,
            Delivery.Contains(Ships), Delivery.Contains(Pickup), OnSale);
    }
}
