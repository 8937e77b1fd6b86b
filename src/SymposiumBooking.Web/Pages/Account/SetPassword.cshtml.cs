using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SymposiumBooking.Web.Features.Auth;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Pages.Account;

/// <summary>Where an invitation's or a password reset's link leads: they choose a password, then sign in.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SetPasswordModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    public string? Problem { get; private set; }

    public IActionResult OnGet() => string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Password != Confirm)
        {
            return Refuse("The two passwords are not the same.");
        }

        var reset = await sender.Send(new ResetPassword(Email, Token, Password), ct);
        if (reset.IsFailure)
        {
            // The link's refusal and Identity's password rules say it in words; a blank form is the validator's.
            return Refuse(reset.Error.Code == "request.invalid" ? "Choose a password of at least 12 characters." : reset.Error.Message);
        }

        TempData["Notice"] = "Your password is saved. Sign in with it now.";
        return RedirectToPage("/Account/SignIn");
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
