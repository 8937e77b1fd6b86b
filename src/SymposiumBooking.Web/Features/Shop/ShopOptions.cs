using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>A shipping rate as configured (<c>Shop:ShippingRates:0:Name</c>, <c>…:AmountCents</c>), in the order's currency.</summary>
public sealed class ShippingRateOption
{
    public string Name { get; set; } = "";

    public long AmountCents { get; set; }
}

/// <summary>
/// The <c>Shop</c> configuration section: where a posted order may go and what its shipping costs (Stripe Checkout
/// collects the address and offers the rates). Unset, the defaults below apply; a list set replaces its default whole.
/// </summary>
public sealed class ShopOptions
{
    /// <summary>Stripe offers at most five shipping options per Checkout Session.</summary>
    public const int MaxRates = 5;

    public static readonly IReadOnlyList<string> DefaultCountries = ["US", "CA", "GB", "IE", "AU", "NZ"];

    public static readonly IReadOnlyList<CheckoutShippingRate> DefaultRates =
        [new("Domestic (United States)", 500), new("International", 1500)];

    /// <summary>ISO 3166-1 alpha-2 codes a posted order can be shipped to.</summary>
    public string[]? ShippingCountries { get; set; }

    public ShippingRateOption[]? ShippingRates { get; set; }

    /// <summary>What Checkout is asked for a posted order.</summary>
    public CheckoutShipping Shipping => new(
        ShippingCountries is { Length: > 0 } countries ? [.. countries.Select(c => c.Trim().ToUpperInvariant())] : DefaultCountries,
        ShippingRates is { Length: > 0 } rates ? [.. rates.Select(r => new CheckoutShippingRate(r.Name.Trim(), r.AmountCents))] : DefaultRates);

    public static IEnumerable<string?> Problems(ShopOptions o, SettingsContext context)
    {
        foreach (var (country, i) in (o.ShippingCountries ?? []).Select((c, i) => (c, i)))
        {
            yield return country is { } c && c.Trim().Length == 2 && c.Trim().All(char.IsAsciiLetter)
                ? null
                : Setting.Problem($"Shop:ShippingCountries:{i}", $"must be a two-letter country code such as US, not '{country}'");
        }

        yield return (o.ShippingRates?.Length ?? 0) <= MaxRates
            ? null
            : Setting.Problem("Shop:ShippingRates", $"may list at most {MaxRates} rates (Stripe Checkout offers no more)");
        foreach (var (rate, i) in (o.ShippingRates ?? []).Select((r, i) => (r, i)))
        {
            yield return string.IsNullOrWhiteSpace(rate.Name) || rate.Name.Length > 100
                ? Setting.Problem($"Shop:ShippingRates:{i}:Name", "must name the rate as buyers see it (at most 100 characters)")
                : null;
            yield return rate.AmountCents is >= 0 and <= 1_000_000
                ? null
                : Setting.Problem($"Shop:ShippingRates:{i}:AmountCents", "must be between 0 and 1000000 (minor units)");
        }
    }
}
