using System.Globalization;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>Reading the numbers a form sends as text; what cannot be read becomes a message at its input.</summary>
public static class FormText
{
    public static int? Whole(string? text, string input, FormErrors errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(input, "Enter a whole number.");
        return null;
    }

    public static int? Year(string? text, FormErrors errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return year;
        }

        errors.Add("year", "Enter the year as four digits, for example 2030.");
        return null;
    }
}
