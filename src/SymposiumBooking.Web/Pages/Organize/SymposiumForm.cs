using System.Globalization;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>
/// The details form of a symposium as typed, kept as text so a refused form comes back exactly as entered. Rates are
/// typed as money ("25.00") and sent as minor units.
/// </summary>
public sealed class SymposiumForm : PlaceForm
{
    /// <summary>Handler field (JSON name) → the input that shows it.</summary>
    public static new readonly IReadOnlyDictionary<string, string> Inputs = new Dictionary<string, string>(PlaceForm.Inputs)
    {
        ["endDate"] = "end-date",
        ["currency"] = "currency",
        ["reducedRateCents"] = "reduced-rate",
        ["standardRateCents"] = "standard-rate",
    };

    public string? EndDate { get; set; }

    public string? Currency { get; set; }

    public string? ReducedRate { get; set; }

    public string? StandardRate { get; set; }

    public static SymposiumForm From(SymposiumView s) => new()
    {
        Year = s.Year.ToString(CultureInfo.InvariantCulture),
        City = s.City,
        VenueName = s.VenueName,
        VenueAddress = s.VenueAddress,
        TimeZone = s.TimeZone,
        StartDate = s.StartDate,
        EndDate = s.EndDate,
        Currency = s.Currency,
        ReducedRate = Display.Amount(s.ReducedRateCents, s.Currency),
        StandardRate = Display.Amount(s.StandardRateCents, s.Currency),
    };

    /// <summary>The form as the handlers take it; what could not be read is noted in <paramref name="errors"/>.</summary>
    public SymposiumBody Read(FormErrors errors) => new(
        FormText.Year(Year, errors), City ?? "", VenueName ?? "", VenueAddress ?? "", TimeZone ?? "", StartDate ?? "", EndDate ?? "",
        Currency?.Trim().ToUpperInvariant() ?? "",
        ReadAmount(ReducedRate, "reduced-rate", "reduced rate", errors),
        ReadAmount(StandardRate, "standard-rate", "standard rate", errors));

    private long? ReadAmount(string? text, string input, string name, FormErrors errors)
    {
        if (Display.TryMinorUnits(text, Currency, out var minor))
        {
            return minor;
        }

        var example = Display.MinorDigitsOf(Currency) == 0 ? "25" : "25." + new string('0', Display.MinorDigitsOf(Currency));
        errors.Add(input, string.IsNullOrWhiteSpace(text)
            ? $"Enter the {name}, for example {example}."
            : $"Enter the {name} as a number with a point for decimals, for example {example}.");
        return null;
    }
}

/// <summary>Where and when a copy meets: the part of the details form a copy asks for again.</summary>
public class PlaceForm
{
    public static readonly IReadOnlyDictionary<string, string> Inputs = new Dictionary<string, string>
    {
        ["year"] = "year",
        ["city"] = "city",
        ["venueName"] = "venue-name",
        ["venueAddress"] = "venue-address",
        ["timeZone"] = "time-zone",
        ["startDate"] = "start-date",
    };

    public string? Year { get; set; }

    public string? City { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public string? TimeZone { get; set; }

    public string? StartDate { get; set; }

    public CopyBody ReadPlace(FormErrors errors) =>
        new(FormText.Year(Year, errors), City ?? "", VenueName ?? "", VenueAddress ?? "", TimeZone ?? "", StartDate ?? "");
}
