using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SymposiumBooking.Web.Pages;

/// <summary>Where a page's exception lands: a plain apology, never the exception.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "Something went wrong on our side. Please try again.";

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
        {
            Response.StatusCode = bad.StatusCode;
            (Heading, Explanation) = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ("Too much data", "What you sent is too large. Please shorten it and try again.")
                : ("Something is not right", "We could not read what was sent.");
        }
    }
}
