using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;
using SymposiumBooking.Web.Features.Auth;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;

namespace SymposiumBooking.Web.Features.Staff;

/// <summary>
/// An organizer's invitation, or any staff invitation sent again: a link to choose a password, made now so that no
/// secret waits in the outbox; or, for an account that already has a password, a link to sign in.
/// </summary>
public sealed class StaffInvitationMail(UserManager<StaffUser> users, PublicUrls urls, IOptions<MailOptions> mail)
    : MailRenderer(mail)
{
    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        if (await users.FindByIdAsync(IdIn(payload, "userId").ToString()) is not { RemovedAt: null, Email: { } email } user)
        {
            return null; // removed before the mail went out: nothing to say
        }

        var roles = await users.GetRolesAsync(user);
        var what = roles.Contains(Roles.Organizer) ? "an organizer" : "a massage therapist";
        var hasPassword = await users.HasPasswordAsync(user);
        var link = hasPassword ? urls.StaffSignIn.AbsoluteUri : (await users.SetPasswordLinkAsync(urls, user)).AbsoluteUri;
        var action = hasPassword ? "Sign in with your usual password" : "Choose your password (the link works for one day)";
        return Compose(user.DisplayName, email, "Your staff account for the ST/Dystonia symposium",
            $"Hello {user.DisplayName},\n\nYou are invited to the ST/Dystonia symposium's booking site as {what}.\n{action}:\n{link}\n",
            $"<p>Hello {Html(user.DisplayName)},</p><p>You are invited to the ST/Dystonia symposium's booking site as {what}.</p>"
            + $"<p><a href=\"{Html(link)}\">{Html(action)}</a></p>");
    }
}
