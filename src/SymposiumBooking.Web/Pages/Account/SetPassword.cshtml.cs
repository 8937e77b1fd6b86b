using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Pages.Account;

/// <summary>Where a therapist's invitation link leads: they choose a password, then sign in.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SetPasswordModel(UserManager<StaffUser> users) : PageModel
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (Password != Confirm)
        {
            return Refuse("The two passwords are not the same.");
        }

        var user = await users.FindByEmailAsync(Email);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token));
        }
        catch (FormatException)
        {
            token = "";
        }

        if (user is null || token.Length == 0)
        {
            return Refuse(ExpiredLink);
        }

        var reset = await users.ResetPasswordAsync(user, token, Password);
        if (!reset.Succeeded)
        {
            return Refuse(reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? ExpiredLink
                : string.Join(" ", reset.Errors.Select(e => e.Description)));
        }

        TempData["Notice"] = "Your password is saved. Sign in with it now.";
        return RedirectToPage("/Account/SignIn");
    }

    private const string ExpiredLink = "This link has expired or was already used. Ask an organizer to send a new invitation.";

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
