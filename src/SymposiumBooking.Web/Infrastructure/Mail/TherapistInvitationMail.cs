using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>
/// The mail a therapist gets when an organizer adds them: a link to set their password, made now so that no
/// secret waits in the outbox; or, if they already have one from an earlier year, a link to sign in.
/// </summary>
public sealed class TherapistInvitationMail(
    BookingDb db, UserManager<StaffUser> users, IOptions<MailOptions> mail, IOptions<AppOptions> app)
{
    public async Task<MimeMessage?> RenderAsync(string payload, CancellationToken ct)
    {
        var therapistId = JsonDocument.Parse(payload).RootElement.GetProperty("therapistId").GetGuid();
        var found = await (
                from t in db.Therapists.AsNoTracking()
                join e in db.Symposia on t.SymposiumId equals e.Id
                where t.Id == therapistId
                select new { t.Name, t.Email, t.UserId, e.City, e.Year })
            .FirstOrDefaultAsync(ct);
        if (found?.UserId is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return null; // removed before the mail went out: nothing to say
        }

        var hasPassword = await users.HasPasswordAsync(user);
        string link;
        if (hasPassword)
        {
            link = new Uri(app.Value.PublicBaseUrl, "account/sign-in").ToString();
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            link = QueryHelpers.AddQueryString(new Uri(app.Value.PublicBaseUrl, "account/set-password").ToString(), new Dictionary<string, string?>
            {
                ["email"] = user.Email,
                ["token"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)),
            });
        }

        var what = $"the {found.Year} ST/Dystonia symposium in {found.City}";
        var message = new MimeMessage { Subject = $"You are a therapist at {what}" };
        message.From.Add(new MailboxAddress(mail.Value.FromName, mail.Value.FromAddress));
        message.To.Add(new MailboxAddress(found.Name, found.Email));
        var action = hasPassword ? "Sign in with your usual password" : "Choose your password (the link works for one day)";
        var body = new BodyBuilder
        {
            TextBody = $"Hello {found.Name},\n\nYou have been added as a massage therapist at {what}.\n{action}:\n{link}\n\n"
                + "Once signed in you will see your daily schedule.\n",
            HtmlBody = $"<p>Hello {Html(found.Name)},</p><p>You have been added as a massage therapist at {Html(what)}.</p>"
                + $"<p><a href=\"{Html(link)}\">{Html(action)}</a></p><p>Once signed in you will see your daily schedule.</p>",
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
