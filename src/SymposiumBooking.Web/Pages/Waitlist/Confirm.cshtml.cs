using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Pages.Waitlist;

/// <summary>
/// The link in the waitlist's confirmation mail. Opening it changes nothing (mail scanners open links); the button
/// POSTs (with antiforgery) and confirms the entry.
/// </summary>
public sealed class ConfirmModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public bool Confirmed { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(Guid entryId, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var confirmed = await sender.Send(new ConfirmWaitlistEntry(entryId, Token), ct);
        if (confirmed.IsFailure)
        {
            Problem = confirmed.Error.Message;
            Response.StatusCode = ProblemResults.StatusOf(confirmed.Error.Kind);
            return Page();
        }

        Confirmed = true;
        return Page();
    }
}
