using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;

namespace SymposiumBooking.Web.Features.Auth;

/// <summary>The link that sets a new password, to the account's own address; made at send time, like an invitation's.</summary>
public sealed class PasswordResetMail(UserManager<StaffUser> users, PublicUrls urls, IOptions<MailOptions> mail) : MailRenderer(mail)
{
    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        if (await users.FindByIdAsync(IdIn(payload, "userId").ToString()) is not { RemovedAt: null, Email: { } email } user)
        {
            return null; // removed before the mail went out: nothing to say
        }

        var link = (await users.SetPasswordLinkAsync(urls, user)).AbsoluteUri;
        const string Action = "Choose a new password (the link works once, for one day)";
        const string NotYou = "If you did not ask for this, ignore this mail: your password stays as it is.";
        return Compose(user.DisplayName, email, "Reset your password for the ST/Dystonia symposium",
            $"Hello {user.DisplayName},\n\nSomeone asked to reset the password of your staff account.\n{Action}:\n{link}\n\n{NotYou}\n",
            $"<p>Hello {Html(user.DisplayName)},</p><p>Someone asked to reset the password of your staff account.</p>"
            + $"<p><a href=\"{Html(link)}\">{Action}</a></p><p>{NotYou}</p>");
    }
}
