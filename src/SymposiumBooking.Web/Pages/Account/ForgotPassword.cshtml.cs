using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SymposiumBooking.Web.Features.Auth;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Account;

/// <summary>
/// "Forgot your password?": the same answer for every well-formed address, whether or not it has an account
/// (<see cref="RequestPasswordReset"/>); rate-limited like sign-in.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
[FormsReadByHand]
public sealed class ForgotPasswordModel(ISender sender) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var requested = await sender.Send(new RequestPasswordReset(Email ?? ""), ct);
        return requested.IsFailure ? this.Refused(requested.Error) : Redirect("/account/forgot-password?sent=true");
    }
}
