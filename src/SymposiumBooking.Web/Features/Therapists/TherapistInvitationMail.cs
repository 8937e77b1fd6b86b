using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SymposiumBooking.Web.Features.Auth;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;

namespace SymposiumBooking.Web.Features.Therapists;

/// <summary>
/// The mail a therapist gets when an organizer adds them: a link to set their password, made now so that no
/// secret waits in the outbox; or, if they already have one from an earlier year, a link to sign in.
/// </summary>
public sealed class TherapistInvitationMail(BookingDb db, UserManager<StaffUser> users, PublicUrls urls, IOptions<MailOptions> mail)
    : MailRenderer(mail)
{
    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        var therapistId = IdIn(payload, "therapistId");
        var found = await (
                from t in db.Therapists.AsNoTracking()
                join e in db.Symposia on t.SymposiumId equals e.Id
                where t.Id == therapistId
                select new { t.Name, t.Email, t.UserId, e.City, e.Year })
            .FirstOrDefaultAsync(ct);
        if (found?.UserId is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { RemovedAt: null } user)
        {
            return null; // removed (or the account was) before the mail went out: nothing to say
        }

        var hasPassword = await users.HasPasswordAsync(user);
        var link = hasPassword
            ? urls.StaffSignIn.AbsoluteUri
            : (await users.SetPasswordLinkAsync(urls, user)).AbsoluteUri;

        var what = $"the {found.Year} ST/Dystonia symposium in {found.City}";
        var action = hasPassword ? "Sign in with your usual password" : "Choose your password (the link works for one day)";
        return Compose(found.Name, found.Email, $"You are a therapist at {what}",
            $"Hello {found.Name},\n\nYou have been added as a massage therapist at {what}.\n{action}:\n{link}\n\n"
            + "Once signed in you will see your daily schedule.\n",
            $"<p>Hello {Html(found.Name)},</p><p>You have been added as a massage therapist at {Html(what)}.</p>"
            + $"<p><a href=\"{Html(link)}\">{Html(action)}</a></p><p>Once signed in you will see your daily schedule.</p>");
    }
}
