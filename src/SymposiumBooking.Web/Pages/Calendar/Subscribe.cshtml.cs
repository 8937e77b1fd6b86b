using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Web.Features.Calendar;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Pages.Calendar;

/// <summary>
/// The link in the feed mail. Opening it changes nothing (mail scanners open links): the page shows a button, and only
/// its POST (with antiforgery) uses the link and shows the new subscription address, once, to whoever reads that mailbox.
/// </summary>
public sealed class SubscribeModel(ISender sender) : PageModel
{
    /// <summary>The link's token, carried from the mail's address into the form.</summary>
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    /// <summary>Just issued: the address to subscribe to, shown this once.</summary>
    public string? FeedUrl { get; private set; }

    /// <summary>Why the link did not work, in words.</summary>
    public string? Problem { get; private set; }

    public IActionResult OnGet()
    {
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var issued = await sender.Send(new IssueAttendeeFeed(id, Token), ct);
        if (issued.IsFailure)
        {
            Problem = issued.Error.Message;
            Response.StatusCode = ProblemResults.StatusOf(issued.Error.Kind);
            return Page();
        }

        // Answered as a page, not a redirect: the address is shown once and must not be kept in TempData's cookie.
        FeedUrl = issued.Value.Url;
        return Page();
    }

}
