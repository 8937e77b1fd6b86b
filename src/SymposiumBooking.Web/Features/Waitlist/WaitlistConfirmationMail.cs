using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>
/// The mail that asks someone who joined the waitlist to confirm the address is theirs. The link's token is made here,
/// at send time, and only its hash is kept on the entry; an entry confirmed, ended or past its time by now is not mailed.
/// </summary>
public sealed class WaitlistConfirmationMail(BookingDb db, IClock clock, IOptions<MailOptions> mail, IOptions<AppOptions> app)
{
    public async Task<MimeMessage?> RenderAsync(string payload, CancellationToken ct)
    {
        var entryId = JsonDocument.Parse(payload).RootElement.GetProperty("entryId").GetGuid();
        var found = await (
                from w in db.WaitlistEntries
                join e in db.Symposia on w.SymposiumId equals e.Id
                where w.Id == entryId
                select new { w, e.City, e.Year })
            .FirstOrDefaultAsync(ct);
        if (found is null || !found.w.AwaitsConfirmation(clock.GetCurrentInstant()))
        {
            return null;
        }

        var entry = found.w;
        var (token, hash) = SecretToken.Create();
        entry.IssueConfirmToken(hash); // saved with the outbox row's outcome
        var link = new Uri(app.Value.PublicBaseUrl, $"waitlist/confirm/{entry.Id}?t={Uri.EscapeDataString(token)}").AbsoluteUri;
        var what = $"the {found.Year} ST/Dystonia symposium in {found.City}";
        var hours = (int)Domain.Waitlist.WaitlistEntry.ConfirmWithin.TotalHours;

        var message = new MimeMessage { Subject = "Please confirm your place on the massage waitlist" };
        message.From.Add(new MailboxAddress(mail.Value.FromName, mail.Value.FromAddress));
        message.To.Add(new MailboxAddress(entry.Name, entry.Email));
        var asked = $"You (or someone using this address) asked to join the massage waitlist at {what}.";
        var then = $"Open this link and press the button within {hours} hours to confirm. Until you do, no freed time is offered to you; "
            + "after that the request lapses. If it was not you, ignore this mail.";
        message.Body = new BodyBuilder
        {
            TextBody = $"Hello {entry.Name},\n\n{asked}\n\n{then}\n{link}\n",
            HtmlBody = $"<p>Hello {Html(entry.Name)},</p><p>{Html(asked)}</p><p>{Html(then)}</p><p><a href=\"{Html(link)}\">Confirm my place on the waitlist</a></p>",
        }.ToMessageBody();
        return message;
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
