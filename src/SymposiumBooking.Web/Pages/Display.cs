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

    /// <summary>A symposium's status as the API writes it ("draft", "published", "archived"), for people.</summary>
    public static string SymposiumStatus(string status) => status switch
    {
        "published" => "Published",
        "archived" => "Archived",
        _ => "Draft",
    };

    public static string Money(long minorUnits, string currency)
    {
        var digits = MinorDigits.GetValueOrDefault(currency, 2);
        var amount = minorUnits / (decimal)Math.Pow(10, digits);
        return $"{amount.ToString("N" + digits, English)} {currency}";
    }

    /// <summary>An amount as a form shows it for editing: "25.00", no thousands separator.</summary>
    public static string Amount(long minorUnits, string currency)
    {
        var digits = MinorDigits.GetValueOrDefault(currency, 2);
        return (minorUnits / (decimal)Math.Pow(10, digits)).ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads an amount typed as "25" or "25.00" into minor units. A comma is refused rather than guessed: "25,00"
    /// means 25 in much of the world and 2,500 in the rest.
    /// </summary>
    public static bool TryMinorUnits(string? text, string? currency, out long minorUnits)
    {
        minorUnits = 0;
        var digits = MinorDigits.GetValueOrDefault(currency?.Trim().ToUpperInvariant() ?? "", 2);
        if (string.IsNullOrWhiteSpace(text)
            || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var scaled = amount * (decimal)Math.Pow(10, digits);
        if (scaled != decimal.Truncate(scaled) || Math.Abs(scaled) > long.MaxValue / 2)
        {
            return false;
        }

        minorUnits = (long)scaled;
        return true;
    }

    public static int MinorDigitsOf(string? currency) => MinorDigits.GetValueOrDefault(currency?.Trim().ToUpperInvariant() ?? "", 2);

    public static string DateRange(string isoStart, string isoEnd)
    {
        var start = LocalDatePattern.Iso.Parse(isoStart).Value;
        var end = LocalDatePattern.Iso.Parse(isoEnd).Value;
        return start == end
            ? start.ToString("dddd d MMMM yyyy", English)
            : $"{start.ToString("dddd d MMMM", English)} to {end.ToString("dddd d MMMM yyyy", English)}";
    }

    public static string Date(string isoDate) => LocalDatePattern.Iso.Parse(isoDate).Value.ToString("dddd d MMMM yyyy", English);

    /// <summary>The day of a local date-time: "Friday 1 January 2027".</summary>
    public static string Day(DateTimeOffset local) => local.ToString("dddd d MMMM yyyy", English);

    /// <summary>A local time of day: "9:00 AM".</summary>
    public static string Time(DateTimeOffset local) => local.ToString("h:mm tt", English);

    /// <summary>A local "HH:mm" as people read it: "9:00 AM".</summary>
    public static string Time(string hhmm) =>
        LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(hhmm) is { Success: true } t ? t.Value.ToString("h:mm tt", English) : hhmm;

    /// <summary>"9:00 AM – 9:50 AM" (the shift preview script writes the same).</summary>
    public static string TimeRange(DateTimeOffset start, DateTimeOffset end) => $"{Time(start)} – {Time(end)}";

    public static string DateTime(DateTimeOffset local) => local.ToString("dddd d MMMM yyyy, h:mm tt", English);
}
