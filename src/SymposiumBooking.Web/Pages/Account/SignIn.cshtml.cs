using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Auth;
using SignInCommand = SymposiumBooking.Web.Features.Auth.SignIn;

namespace SymposiumBooking.Web.Pages.Account;

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
            Problem = result.Error!.Kind == ErrorKind.Validation ? "Enter your email and password." : result.Error.Message;
            Response.StatusCode = result.Error.Kind == ErrorKind.TooManyRequests
                ? StatusCodes.Status429TooManyRequests
                : StatusCodes.Status400BadRequest;
            return Page();
        }

        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, result.Value);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
