using System.Buffers;
using FluentValidation;

namespace SymposiumBooking.Web.Features;

/// <summary>
/// What a person may type into a free-text field (docs/adr/0054-free-text-refuses-control-characters.md). Names,
/// addresses, places and emails end up in mail headers, calendar properties, the CSV export and the logs, where a line
/// break starts a new header or property and a bidi override makes staff read something else than what is stored.
/// </summary>
/// <remarks>
/// Refused in every field: C0 controls (U+0000–U+001F, so also tab, CR and LF), DEL and C1 (U+007F–U+009F), the
/// Unicode line and paragraph separators (U+2028, U+2029), the explicit bidi embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), the noncharacters U+FFFE and U+FFFF, and a surrogate that is not half of a pair
/// (no UTF-8 can carry it). Kept: every script, emoji, combining marks, the joiners U+200C/U+200D that scripts and
/// emoji need, and the implicit direction marks U+200E/U+200F (they order punctuation, never whole runs). A multi-line
/// field (the intake note) also takes LF and CR LF line ends, nothing else.
/// </remarks>
public static class FreeText
{
    public const string SingleLineMessage = "Use letters, digits, spaces and punctuation only, on one line.";

    public const string MultiLineMessage = "Use letters, digits, spaces, punctuation and line breaks only.";

    private static readonly SearchValues<char> Refused = SearchValues.Create(RefusedCharacters());

    private static readonly SearchValues<char> RefusedButLineEnds =
        SearchValues.Create(RefusedCharacters().Where(c => c is not '\n' and not '\r').ToArray());

    /// <summary>True when <paramref name="text"/> is null or holds nothing a single-line field refuses.</summary>
    public static bool IsSingleLine(string? text) =>
        text is null || (!text.AsSpan().ContainsAny(Refused) && SurrogatesArePaired(text));

    /// <summary>
    /// True when <paramref name="text"/> is null or holds nothing a multi-line field refuses: like
    /// <see cref="IsSingleLine"/>, but LF and CR LF may end lines (a CR on its own may not).
    /// </summary>
    public static bool IsMultiLine(string? text)
    {
        if (text is null)
        {
            return true;
        }

        var span = text.AsSpan();
        if (span.ContainsAny(RefusedButLineEnds) || !SurrogatesArePaired(text))
        {
            return false;
        }

        for (var i = span.IndexOf('\r'); i >= 0; i = span.IndexOf('\r'))
        {
            if (i + 1 >= span.Length || span[i + 1] != '\n')
            {
                return false;
            }

            span = span[(i + 2)..];
        }

        return true;
    }

    /// <summary>The field holds one line of text: see <see cref="FreeText"/> for what is refused.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsSingleLine).WithMessage(SingleLineMessage);

    /// <summary>The field may hold several lines (LF or CR LF); otherwise as <see cref="SingleLine{T}"/>.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsMultiLine).WithMessage(MultiLineMessage);

    private static bool SurrogatesArePaired(string text)
    {
        var span = text.AsSpan();
        var i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return true; // the usual case: one vectorised scan
        }

        for (; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]))
            {
                if (i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(span[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static char[] RefusedCharacters()
    {
        var refused = new List<char>();
        for (var c = '\u0000'; c <= '\u001F'; c++)
        {
            refused.Add(c);
        }

        for (var c = '\u007F'; c <= '\u009F'; c++)
        {
            refused.Add(c);
        }

        refused.AddRange(['\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E']);
        refused.AddRange(['\u2066', '\u2067', '\u2068', '\u2069', '\uFFFE', '\uFFFF']);
        return [.. refused];
    }
}
