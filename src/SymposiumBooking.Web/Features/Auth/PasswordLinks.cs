using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Auth;

/// <summary>
/// The set-password link that invitations and password resets mail: Identity's reset token, tied to the account's
/// security stamp, so it works once (setting the password changes the stamp), stops working when a newer invitation is
/// sent or the account is removed, and expires after a day (Identity's token lifespan).
/// </summary>
public static class PasswordLinks
{
    public static async Task<Uri> SetPasswordLinkAsync(this UserManager<StaffUser> users, PublicUrls urls, StaffUser user) =>
        urls.SetPassword(user.Email, WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user))));

    /// <summary>The token a link carries, or "" when it is not one we made.</summary>
    public static string TokenIn(string encoded)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
