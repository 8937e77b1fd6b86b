using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>
/// The mail with the link that issues an attendee's feed. It says nothing about any booking (no times, no therapist,
/// nothing from an intake): whoever asked for it learns nothing from it, and neither does anyone who reads it on the
/// way. The link's token is made here, at send time, so no secret waits in the outbox; a link used or expired by now
/// is not mailed.
/// </summary>
public sealed class AttendeeFeedMail(BookingDb db, IClock clock, IOptions<MailOptions> mail, IOptions<AppOptions> app)
{
    public async Task<MimeMessage?> RenderAsync(string payload, CancellationToken ct)
    {
        var linkId = JsonDocument.Parse(payload).RootElement.GetProperty("linkId").GetGuid();
        var link = await db.AttendeeFeedLinks.FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null || !link.IsLiveAt(clock.GetCurrentInstant()))
        {
            return null;
        }

        var (token, hash) = SecretToken.Create();
        link.IssueToken(hash); // saved with the outbox row's outcome
        var url = new Uri(app.Value.PublicBaseUrl, $"calendar/subscribe/{link.Id}?t={Uri.EscapeDataString(token)}").AbsoluteUri;

        var message = new MimeMessage { Subject = "Your calendar subscription for your massage bookings" };
        message.From.Add(new MailboxAddress(mail.Value.FromName, mail.Value.FromAddress));
        message.To.Add(new MailboxAddress("", link.Email));
        const string Asked = "Someone asked, from a massage booking made with this address, for a calendar subscription of all the massage bookings made with it.";
        const string After = "The link works once, for one hour. If you did not ask for it, ignore this mail: nothing changes, and any subscription you have keeps working.";
        message.Body = new BodyBuilder
        {
            TextBody = $"Hello,\n\n{Asked}\n\nTo get the subscription address, open this link and press the button:\n{url}\n\n{After}\n",
            HtmlBody = $"<p>Hello,</p><p>{Html(Asked)}</p><p><a href=\"{Html(url)}\">Get my calendar subscription address</a></p><p>{Html(After)}</p>",
        }.ToMessageBody();
        return message;
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
