using System.Globalization;
using NodaTime.Text;

namespace SymposiumBooking.Web.Pages;

/// <summary>How pages write dates and money for people (the API writes them for machines).</summary>
public static class Display
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>ISO 4217 currencies whose minor unit is not a hundredth.</summary>
    private static readonly Dictionary<string, int> MinorDigits = new()
    {
        ["JPY"] = 0,
        ["KRW"] = 0,
        ["ISK"] = 0,
        ["CLP"] = 0,
        ["VND"] = 0,
        ["BHD"] = 3,
        ["KWD"] = 3,
        ["JOD"] = 3,
        ["OMR"] = 3,
        ["TND"] = 3,
    };

    public static string Money(long minorUnits, string currency)
    {
        var digits = MinorDigits.GetValueOrDefault(currency, 2);
        var amount = minorUnits / (decimal)Math.Pow(10, digits);
        return $"{amount.ToString("N" + digits, English)} {currency}";
    }

    public static string DateRange(string isoStart, string isoEnd)
    {
        var start = LocalDatePattern.Iso.Parse(isoStart).Value;
        var end = LocalDatePattern.Iso.Parse(isoEnd).Value;
        return start == end
            ? start.ToString("dddd d MMMM yyyy", English)
            : $"{start.ToString("dddd d MMMM", English)} to {end.ToString("dddd d MMMM yyyy", English)}";
    }

    public static string DateTime(DateTimeOffset local) => local.ToString("dddd d MMMM yyyy, h:mm tt", English);
}
