using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Auth;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Http;
using SignInCommand = SymposiumBooking.Web.Features.Auth.SignIn;

namespace SymposiumBooking.Web.Pages.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(ISender sender) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await sender.Send(new SignInCommand(Email, Password, AuthApi.ClientKey(HttpContext)), ct);
        if (result.IsFailure)
        {
            Problem = result.Error.Kind == ErrorKind.Validation ? "Enter your email and password." : result.Error.Message;
            Response.StatusCode = result.Error.Kind == ErrorKind.TooManyRequests
                ? StatusCodes.Status429TooManyRequests
                : StatusCodes.Status400BadRequest;
            return Page();
        }

        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, result.Value);
        // Without a page to return to, each lands where their work is: therapists on their day, organizers on theirs.
        var home = result.Value.IsInRole(Roles.Organizer) ? "/organize" : result.Value.IsInRole(Roles.Therapist) ? "/my-day" : "/";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : home);
    }
}
