using System.Globalization;
using System.Text;

namespace SymposiumBooking.Web.Infrastructure.Calendar;

/// <summary>
/// Line folding for iCalendar text (RFC 5545 §3.1): content lines end in CRLF and are folded so that no line is
/// longer than 75 octets of UTF-8, never inside a character. Ical.Net 5.2.4 folds at 75 octets but can cut between
/// the two halves of a UTF-16 surrogate pair (an emoji), which becomes invalid UTF-8; so its output is unfolded and
/// folded again here (docs/adr/0012-calendar-invites-and-their-mail.md).
/// </summary>
public static class IcsText
{
    public const int MaxLineOctets = 75;

    // Strict: a lone surrogate throws instead of silently becoming U+FFFD.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Joins folded lines back into whole content lines (CRLF or LF followed by a space or tab).</summary>
    public static string Unfold(string text) =>
        text.Replace("\r\n ", "", StringComparison.Ordinal)
            .Replace("\r\n\t", "", StringComparison.Ordinal)
            .Replace("\n ", "", StringComparison.Ordinal)
            .Replace("\n\t", "", StringComparison.Ordinal);

    /// <summary>
    /// Unfolds <paramref name="text"/> and folds every content line again at <see cref="MaxLineOctets"/> octets,
    /// breaking only between user-perceived characters (a letter with its accents, a whole emoji sequence) and,
    /// for the rare character longer than a line, between code points. Every line ends in CRLF.
    /// </summary>
    public static string Refold(string text)
    {
        var result = new StringBuilder(text.Length + text.Length / 70 * 3);
        foreach (var raw in Unfold(text).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0)
            {
                FoldLine(line, result);
            }
        }

        return result.ToString();
    }

    private static void FoldLine(string line, StringBuilder result)
    {
        Utf8.GetByteCount(line); // throws on a lone surrogate: better a loud bug than a broken invite
        var used = 0;
        var limit = MaxLineOctets;
        var elements = StringInfo.GetTextElementEnumerator(line);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var size = Utf8.GetByteCount(element);
            if (size > MaxLineOctets - 1)
            {
                // A grapheme longer than a line (a long emoji sequence): break it between code points.
                foreach (var rune in element.EnumerateRunes())
                {
                    Append(rune.ToString(), rune.Utf8SequenceLength, result, ref used, ref limit);
                }

                continue;
            }

            Append(element, size, result, ref used, ref limit);
        }

        result.Append("\r\n");
    }

    private static void Append(string piece, int size, StringBuilder result, ref int used, ref int limit)
    {
        if (used + size > limit)
        {
            result.Append("\r\n ");
            used = 1; // the leading space counts
            limit = MaxLineOctets;
        }

        result.Append(piece);
        used += size;
    }
}
