using System.Text.Json;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// The "I lost my link" mail (<see cref="RequestLostLink"/>): to the address that was typed, and only when it has active
/// bookings at send time; otherwise there is nothing to say and no mail goes out. The recovery link is made now, so no
/// secret waits in the outbox, and it works for <see cref="RecoveryLinks.Lifetime"/>.
/// </summary>
public sealed class LostLinkMail(BookingDb db, IClock clock, RecoveryLinks links, PublicUrls urls, IOptions<MailOptions> mail) : MailRenderer(mail)
{
    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<LostLinkPayload>(payload, BookingMailPayload.Json)
            ?? throw new JsonException("Empty lost-link payload.");
        var bookings = await RecoverableBookings.ForAsync(db, request.Email, clock.GetCurrentInstant(), ct);
        if (bookings.Count == 0)
        {
            return null; // nothing to recover: nobody learns whether the address is known
        }

        var link = urls.LostLinkRecovery(links.Issue(request.Email)).AbsoluteUri;
        var name = bookings[0].Booking.AttendeeName;
        var minutes = RecoveryLinks.Lifetime.TotalMinutes;
        var count = bookings.Count == 1 ? "your booking" : $"your {bookings.Count} bookings";
        return Compose(name, request.Email, "The link to your massage booking",
            $"Hello {name},\n\nSomeone (we hope you) asked for the links to the massage bookings made with this address.\n"
            + $"Open this link within {minutes:0} minutes to see {count} and open each one:\n{link}\n\n"
            + "If you did not ask for it, you can ignore this mail: your bookings stay as they are.\n",
            $"<p>Hello {Html(name)},</p><p>Someone (we hope you) asked for the links to the massage bookings made with this address.</p>"
            + $"<p><a href=\"{Html(link)}\">See {Html(count)}</a> (the link works for {minutes:0} minutes).</p>"
            + "<p>If you did not ask for it, you can ignore this mail: your bookings stay as they are.</p>");
    }
}
