using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Mediator;

namespace SymposiumBooking.Web.Pages.Forms;

/// <summary>
/// A failed form, in one place: a handler's <see cref="Error"/> goes into the page's <c>ModelState</c>, each field at
/// the input that shows it (<see cref="FormFields.KeyOf"/>), and the page draws the summary and the inputs' messages
/// from there (Shared/_ErrorSummary.cshtml, <see cref="FieldTagHelper"/>). Binding adds nothing of its own: the
/// request's validators say what is wrong (<see cref="FormsReadByHandAttribute"/>).
/// </summary>
public static class FormErrors
{
    /// <summary>Shows the refusal on the page, with the status code the API would answer.</summary>
    public static PageResult Refused(this PageModel page, Error error)
    {
        page.ModelState.AddError(error, page.GetType());
        page.Response.StatusCode = ProblemResults.StatusOf(error.Kind);
        return page.Page();
    }

    /// <summary>
    /// The page could not read part of its form (an amount, a number), so nothing is sent. The request's own
    /// validators still look at the rest (<paramref name="request"/> carries placeholders where reading failed), so
    /// one round trip names every missing or malformed field; an input keeps the page's own message.
    /// </summary>
    public static PageResult Unreadable<T>(this PageModel page, T request)
    {
        if (ValidationErrors.Of(page.HttpContext.RequestServices.GetServices<IValidator<T>>(), request) is { } invalid)
        {
            page.ModelState.AddError(invalid, page.GetType());
        }

        page.Response.StatusCode = StatusCodes.Status400BadRequest;
        return page.Page();
    }

    /// <summary>
    /// The error's problems: a field's first message at its input (the first says what to do, and the rest mostly
    /// follow from it: "must not be empty", then "use the form YYYY-MM-DD"), a problem with no input in the summary.
    /// </summary>
    public static void AddError(this ModelStateDictionary state, Error error, Type page)
    {
        if (error.Fields is not { Count: > 0 } fields)
        {
            state.AddModelError("", error.Message);
            return;
        }

        foreach (var (field, messages) in fields)
        {
            var key = FormFields.KeyOf(page, field) ?? "";
            foreach (var message in messages)
            {
                state.AddFormError(key, message);
            }
        }
    }

    /// <summary>A problem the page finds itself while reading the form, at the input model's <paramref name="property"/>.</summary>
    public static void AddFormProblem(this ModelStateDictionary state, string property, string message) =>
        state.AddFormError(FormFields.Key(property), message);

    /// <summary>The message an input shows, if any.</summary>
    public static string? MessageOf(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors is [var first, ..] ? first.ErrorMessage : null;

    /// <summary>The summary's lines: problems without an input first, then in the order of the form.</summary>
    public static IReadOnlyList<Problem> Summary(this ModelStateDictionary state, Type page) =>
    [
        .. state.Where(e => e.Value is { Errors.Count: > 0 })
            .Select(e => (Order: FormFields.Order(page, e.Key), e.Key, e.Value!.Errors))
            .OrderBy(e => e.Order, OrderComparer.Instance)
            .SelectMany(e => e.Errors.Select(m => new Problem(m.ErrorMessage, e.Key.Length == 0 ? null : FormFields.Id(e.Key)))),
    ];

    /// <summary>One line of the summary; <see cref="InputId"/> is null when no input is at fault.</summary>
    public sealed record Problem(string Message, string? InputId);

    private static void AddFormError(this ModelStateDictionary state, string key, string message)
    {
        if (key.Length > 0 && state.MessageOf(key) is not null)
        {
            return;
        }

        state.AddModelError(key, message);
    }

    private sealed class OrderComparer : IComparer<IReadOnlyList<int>>
    {
        public static readonly OrderComparer Instance = new();

        public int Compare(IReadOnlyList<int>? x, IReadOnlyList<int>? y)
        {
            for (var i = 0; i < Math.Min(x!.Count, y!.Count); i++)
            {
                if (x[i] != y[i])
                {
                    return x[i].CompareTo(y[i]);
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
