using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>
/// The mail that asks someone who joined the waitlist to confirm the address is theirs. The link's token is made here,
/// at send time, and only its hash is kept on the entry; an entry confirmed, ended or past its time by now is not mailed.
/// </summary>
public sealed class WaitlistConfirmationMail(BookingDb db, IClock clock, PublicUrls urls, IOptions<MailOptions> mail) : MailRenderer(mail)
{
    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        var entryId = IdIn(payload, "entryId");
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
        var link = urls.WaitlistConfirmation(entry.Id, token).AbsoluteUri;
        var what = $"the {found.Year} ST/Dystonia symposium in {found.City}";
        var hours = (int)WaitlistEntry.ConfirmWithin.TotalHours;
        var asked = $"You (or someone using this address) asked to join the massage waitlist at {what}.";
        var then = $"Open this link and press the button within {hours} hours to confirm. Until you do, no freed time is offered to you; "
            + "after that the request lapses. If it was not you, ignore this mail.";
        return Compose(entry.Name, entry.Email, "Please confirm your place on the massage waitlist",
            $"Hello {entry.Name},\n\n{asked}\n\n{then}\n{link}\n",
            $"<p>Hello {Html(entry.Name)},</p><p>{Html(asked)}</p><p>{Html(then)}</p><p><a href=\"{Html(link)}\">Confirm my place on the waitlist</a></p>");
    }
}
