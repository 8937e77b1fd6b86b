using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SymposiumBooking.Web.Features.Auth;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Account;

/// <summary>A staff member's own account: change the password (<see cref="ChangePassword"/>); this browser stays signed in.</summary>
[Authorize(Policy = Policies.Staff)]
[EnableRateLimiting(RateLimits.SignIn)]
[FormsReadByHand]
public sealed class AccountModel(ISender sender) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var changed = await sender.Send(new ChangePassword(User, CurrentPassword ?? "", NewPassword ?? ""), ct);
        CurrentPassword = NewPassword = null; // never written back into the page
        if (changed.IsFailure)
        {
            return this.Refused(changed.Error);
        }

        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, changed.Value);
        TempData["Notice"] = "Your password is changed. Your other sessions have ended.";
        return Redirect("/account");
    }
}
