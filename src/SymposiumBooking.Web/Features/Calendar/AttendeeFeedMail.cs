using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>
/// The mail with the link that issues an attendee's feed. It says nothing about any booking (no times, no therapist,
/// nothing from an intake): whoever asked for it learns nothing from it, and neither does anyone who reads it on the
/// way. The link's token is made here, at send time, so no secret waits in the outbox; a link used or expired by now
/// is not mailed.
/// </summary>
public sealed class AttendeeFeedMail(BookingDb db, IClock clock, PublicUrls urls, IOptions<MailOptions> mail) : MailRenderer(mail)
{
    private const string Asked = "Someone asked, from a massage booking made with this address, for a calendar subscription of all the massage bookings made with it.";
    private const string After = "The link works once, for one hour. If you did not ask for it, ignore this mail: nothing changes, and any subscription you have keeps working.";

    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        var linkId = IdIn(payload, "linkId");
        var link = await db.AttendeeFeedLinks.FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null || !link.IsLiveAt(clock.GetCurrentInstant()))
        {
            return null;
        }

        var (token, hash) = SecretToken.Create();
        link.IssueToken(hash); // saved with the outbox row's outcome
        var url = urls.FeedSubscription(link.Id, token).AbsoluteUri;
        return Compose("", link.Email, "Your calendar subscription for your massage bookings",
            $"Hello,\n\n{Asked}\n\nTo get the subscription address, open this link and press the button:\n{url}\n\n{After}\n",
            $"<p>Hello,</p><p>{Html(Asked)}</p><p><a href=\"{Html(url)}\">Get my calendar subscription address</a></p><p>{Html(After)}</p>");
    }
}
