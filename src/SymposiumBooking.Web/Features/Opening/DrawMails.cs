using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// The draw's mails (docs/fair-opening.md): the link to a request, and the result of a request that did not end in a
/// confirmed booking (a slot held to pay for online, or none). A request won at the table gets the usual booking
/// confirmation with its invite instead. The link carries the request's token, read from its protected copy at send
/// time; no health information is ever in these mails.
/// </summary>
public sealed class DrawMails(BookingDb db, IDataProtectionProvider protection, PublicUrls urls, IOptions<MailOptions> mail) : MailRenderer(mail)
{
    public static OutboxMessage RequestLink(Guid requestId, Instant now) =>
        OutboxMessage.Create(OutboxTypes.DrawRequestLink, Payload(requestId), now);

    public static string Payload(Guid requestId) => JsonSerializer.Serialize(new { requestId });

    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        var id = IdIn(payload, "requestId");
        var row = await (from r in db.DrawRequests
                         join e in db.Symposia on r.SymposiumId equals e.Id
                         where r.Id == id
                         select new { r.Name, r.Email, r.Status, r.ProtectedToken, r.Payment, r.BookingId, e.Year, e.City, e.TimeZoneId, e.Policy })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null; // removed with its symposium
        }

        var token = protection.CreateProtector(BookingMails.ManageLinkPurpose).Unprotect(row.ProtectedToken);
        var link = urls.Request(id, token).AbsoluteUri;
        var zone = DateTimeZoneProviders.Tzdb[row.TimeZoneId];
        var symposium = $"the {row.Year} ST/Dystonia symposium in {row.City}";
        if (type == OutboxTypes.DrawRequestLink)
        {
            var closes = row.Policy?.Draw is { } draw ? Local(draw.RequestsCloseAt, zone, "dddd d MMMM, h:mm tt") : "the draw";
            return Message(row.Name, row.Email, "Your request for a massage",
                $"We have your request for a massage at {symposium}.",
                $"You can look at it, change it or withdraw it until {closes}. When you sent it makes no difference to the draw.",
                "Open your request", link);
        }

        return row.Status switch
        {
            DrawRequestStatus.Allocated when row.BookingId is { } bookingId =>
                await HeldAsync(row.Name, row.Email, symposium, bookingId, link, zone, ct),
            DrawRequestStatus.Unallocated => Message(row.Name, row.Email, "The draw: no time this time",
                $"The draw for massages at {symposium} has run, and none of the times you chose was left when your turn came.",
                "You are on the waiting list for the days you chose: we will write when a time frees up (please confirm the waiting-list mail that follows). Any time still free opens to everyone when first-come booking opens.",
                "See your request", link),
            DrawRequestStatus.Excluded => Message(row.Name, row.Email, "The draw: your request could not take part",
                $"The draw for massages at {symposium} has run. Your request asked for the reduced rate, and you already have as many reduced-rate bookings as allowed, so it could not take part.",
                "Please ask the organizers at the table if you need help.",
                "See your request", link),
            _ => null, // changed since (withdrawn, or a result mail no longer true): nothing to say
        };
    }

    private async Task<MimeMessage?> HeldAsync(string name, string email, string symposium, Guid bookingId, string link, DateTimeZone zone, CancellationToken ct)
    {
        var booking = await (from b in db.Bookings
                             join s in db.Slots on b.SlotId equals s.Id
                             join t in db.Therapists on s.TherapistId equals t.Id
                             where b.Id == bookingId
                             select new { b.Status, b.HoldExpiresAt, b.PriceCents, b.Currency, s.StartsAt, t.Name }).FirstOrDefaultAsync(ct);
        if (booking is not { Status: BookingStatus.AwaitingPayment, HoldExpiresAt: { } until })
        {
            return null; // paid or lapsed before this mail went out: the booking's own mails tell the rest
        }

        var when = Local(booking.StartsAt, zone, "dddd d MMMM 'at' h:mm tt");
        return Message(name, email, "The draw: you have a time — pay to keep it",
            $"The draw for massages at {symposium} has run, and you have a time: {when} with {booking.Name}.",
            $"It is held for you until {Local(until, zone, "dddd d MMMM, h:mm tt")}. Pay {Money(booking.PriceCents, booking.Currency)} online before then to confirm it; after that it goes to someone else.",
            "Open your request and pay", link);
    }

    private MimeMessage Message(string name, string email, string subject, string first, string second, string action, string link) =>
        Compose(name, email, subject,
            $"Hello {name},\n\n{first}\n\n{second}\n\n{action}: {link}\n\nKeep this link to yourself: it is the key to your request.\n",
            $"<p>Hello {Html(name)},</p><p>{Html(first)}</p><p>{Html(second)}</p><p><a href=\"{Html(link)}\">{Html(action)}</a></p>"
            + "<p>Keep this link to yourself: it is the key to your request.</p>");
}
