using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Web.Features.Auth;

namespace SymposiumBooking.Web.Pages.Account;

public sealed class SignOutModel(ISender sender) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends every session of the account (a copied cookie too), then deletes this browser's cookie.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new SignOutEverywhere(User), ct);
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return LocalRedirect("/");
    }
}
