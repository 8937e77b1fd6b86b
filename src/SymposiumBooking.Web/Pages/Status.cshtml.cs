using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SymposiumBooking.Web.Pages;

/// <summary>
/// What a person sees for an error status on a page (API callers get problem details instead). A refused form post
/// (429, 413, 408) is re-executed here as a POST: it shows the same words, and needs no antiforgery token to say so.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnPost(int code) => OnGet(code);

    public void OnGet(int code)
    {
        (Heading, Explanation) = code switch
        {
            404 => ("Page not found", "We could not find that page. The link may be old or mistyped."),
            403 => ("Not allowed", "Your account cannot open this page."),
            408 => ("Too slow", "What you sent took too long to arrive. Please check your connection and try again."),
            413 => ("Too much data", "What you sent is too large. Please shorten it and try again."),
            429 => ("Please wait", "There have been too many attempts. Please wait a few minutes and try again."),
            >= 500 => ("Something went wrong", "Something went wrong on our side. Please try again."),
            _ => ("Something is not right", "We could not handle that request."),
        };
    }
}
