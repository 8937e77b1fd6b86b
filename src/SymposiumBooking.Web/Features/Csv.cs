using System.Text;

namespace SymposiumBooking.Web.Features;

/// <summary>Lines of a CSV file for a spreadsheet: RFC 4180 quoting, CRLF line ends, formulas defused.</summary>
public static class Csv
{
    public static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }

    /// <summary>
    /// Quotes per RFC 4180, and defuses text a spreadsheet would run as a formula (an attendee may type
    /// <c>=HYPERLINK(…)</c> as their name): a cell that starts with = + - @, a tab, a CR or a NUL gets a leading
    /// apostrophe (OWASP CSV injection; ASVS 5.0 1.2.10). New input cannot hold controls (<see cref="FreeText"/>); rows
    /// written before that rule still can.
    /// </summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
