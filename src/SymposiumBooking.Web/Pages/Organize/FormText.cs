using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>
/// Reading the numbers a form sends as text. What cannot be read becomes a message at its input and a placeholder
/// value; a page never sends a request once its form has such a message.
/// </summary>
public static class FormText
{
    /// <summary>The number, or null after noting the problem at the input model's <paramref name="property"/>.</summary>
    public static int? Whole(string? text, string property, ModelStateDictionary problems)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.AddFormProblem(property, "Enter a whole number.");
        return null;
    }

    /// <summary>The year, or 0 after noting the problem at the year input.</summary>
    public static int Year(string? text, ModelStateDictionary problems)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return year;
        }

        problems.AddFormProblem(nameof(PlaceForm.Year), "Enter the year as four digits, for example 2030.");
        return 0;
    }
}
