using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Web.Pages;

/// <summary>
/// A failed form, as the page shows it: a summary at the top linking each problem to its input, and the message
/// next to the input. Handlers name fields by their JSON names (<c>timeZone</c>, <c>breaks[0].start</c>); each
/// form says which input shows which field, and a problem with no input of its own stays in the summary.
/// </summary>
public sealed class FormErrors(IReadOnlyDictionary<string, string> inputs)
{
    private readonly Dictionary<string, string> _byInput = new(StringComparer.Ordinal);
    private readonly List<Problem> _summary = [];
    private readonly List<string> _order = [.. inputs.Values.Distinct()];

    /// <summary>One line of the summary; <see cref="InputId"/> is null when no input is at fault.</summary>
    public sealed record Problem(string Message, string? InputId);

    public bool Any => _summary.Count > 0;

    /// <summary>Problems without an input first, then in the order of the form.</summary>
    public IReadOnlyList<Problem> Summary => [.. _summary.OrderBy(p => p.InputId is null ? -1 : _order.IndexOf(p.InputId))];

    public void Add(Error error)
    {
        if (error.Fields is not { Count: > 0 } fields)
        {
            Add(null, error.Message);
            return;
        }

        foreach (var (field, messages) in fields)
        {
            var input = inputs.GetValueOrDefault(field);
            foreach (var message in messages)
            {
                Add(input, message);
            }
        }
    }

    /// <summary>The error's problems at inputs that have none yet (the page's own reading of them comes first).</summary>
    public void AddMissing(Error error)
    {
        foreach (var (field, messages) in error.Fields ?? new Dictionary<string, string[]>())
        {
            var input = inputs.GetValueOrDefault(field);
            if (input is not null && Has(input))
            {
                continue;
            }

            foreach (var message in messages)
            {
                Add(input, message);
            }
        }
    }

    /// <summary>A problem the page finds itself while reading the form (an amount it cannot read).</summary>
    public void Add(string? inputId, string message)
    {
        if (inputId is not null)
        {
            // One message per input: the first says what to do, and the rest mostly follow from it ("must not be
            // empty", then "use the form YYYY-MM-DD" for the same empty date).
            if (!_byInput.TryAdd(inputId, message))
            {
                return;
            }
        }

        _summary.Add(new Problem(message, inputId));
    }

    public bool Has(string inputId) => _byInput.ContainsKey(inputId);

    /// <summary>For <c>aria-invalid</c>: "true", or null so Razor leaves the attribute out.</summary>
    public string? Invalid(string inputId) => Has(inputId) ? "true" : null;

    /// <summary>For <c>aria-describedby</c>: the input's hint (if any) and its error message (if any).</summary>
    public string? DescribedBy(string inputId, string? hintId = null)
    {
        var ids = new[] { hintId, Has(inputId) ? ErrorId(inputId) : null }.Where(id => id is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>The message shown between an input's label and the input itself.</summary>
    public IHtmlContent Message(string inputId)
    {
        if (!_byInput.TryGetValue(inputId, out var message))
        {
            return HtmlString.Empty;
        }

        var html = HtmlEncoder.Default;
        return new HtmlString(
            $"<p class=\"field-error\" id=\"{html.Encode(ErrorId(inputId))}\"><span class=\"visually-hidden\">Error: </span>{html.Encode(message)}</p>");
    }

    public static string ErrorId(string inputId) => inputId + "-error";
}
