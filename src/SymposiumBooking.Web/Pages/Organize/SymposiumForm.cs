using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>
/// The details form of a symposium as typed, kept as text so a refused form comes back exactly as entered. Rates are
/// typed as money ("25.00") and sent as minor units.
/// </summary>
public sealed class SymposiumForm : PlaceForm
{
    public string? EndDate { get; set; }

    public string? Currency { get; set; }

    [ApiName("reducedRateCents")]
    public string? ReducedRate { get; set; }

    [ApiName("standardRateCents")]
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

    /// <summary>The form as the handlers take it; what could not be read is noted in <paramref name="problems"/>.</summary>
    public SymposiumBody Read(ModelStateDictionary problems) => new(
        FormText.Year(Year, problems), City ?? "", VenueName ?? "", VenueAddress ?? "", TimeZone ?? "", StartDate ?? "", EndDate ?? "",
        Currency?.Trim().ToUpperInvariant() ?? "",
        ReadAmount(ReducedRate, nameof(ReducedRate), "reduced rate", problems),
        ReadAmount(StandardRate, nameof(StandardRate), "standard rate", problems));

    private long? ReadAmount(string? text, string property, string name, ModelStateDictionary problems)
    {
        if (Display.TryMinorUnits(text, Currency, out var minor))
        {
            return minor;
        }

        var example = Display.MinorDigitsOf(Currency) == 0 ? "25" : "25." + new string('0', Display.MinorDigitsOf(Currency));
        problems.AddFormProblem(property, string.IsNullOrWhiteSpace(text)
            ? $"Enter the {name}, for example {example}."
            : $"Enter the {name} as a number with a point for decimals, for example {example}.");
        return null;
    }
}

/// <summary>Where and when a copy meets: the part of the details form a copy asks for again.</summary>
public class PlaceForm
{
    public string? Year { get; set; }

    public string? City { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public string? TimeZone { get; set; }

    public string? StartDate { get; set; }

    public CopyBody ReadPlace(ModelStateDictionary problems) =>
        new(FormText.Year(Year, problems), City ?? "", VenueName ?? "", VenueAddress ?? "", TimeZone ?? "", StartDate ?? "");
}
