using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// The draw's mails (docs/fair-opening.md): the link to a request, and the result of a request that did not end in a
/// confirmed booking (a slot held to pay for online, or none). A request won at the table gets the usual booking
/// confirmation with its invite instead. The link carries the request's token, read from its protected copy at send
/// time; no health information is ever in these mails.
/// </summary>
public sealed class DrawMails(BookingDb db, IDataProtectionProvider protection, PublicUrls urls, IClock clock, IOptions<MailOptions> mail) : MailRenderer(mail)
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
                         select new { r.SymposiumId, r.Name, r.Email, r.Status, r.ProtectedToken, r.Payment, r.BookingId, e.Year, e.City, e.TimeZoneId, e.Policy })
            .AsNoTracking() // the policy is owned by the symposium: it can only be projected untracked
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
            DrawRequestStatus.Unallocated => await LeftOutAsync(row.SymposiumId, row.Name, row.Email, symposium, link, ct),
            DrawRequestStatus.Excluded => Message(row.Name, row.Email, "The draw: your request could not take part",
                $"The draw for massages at {symposium} has run. Your request asked for the reduced rate, and you already have as many reduced-rate bookings as allowed, so it could not take part.",
                "Please ask the organizers at the table if you need help.",
                "See your request", link),
            _ => null, // changed since (withdrawn, or a result mail no longer true): nothing to say
        };
    }

    /// <summary>
    /// No time: the mail also asks them to confirm the waitlist entries the draw made for their days (docs/adr/0044),
    /// with one link for them all, instead of a second mail.
    /// </summary>
    private async Task<MimeMessage> LeftOutAsync(Guid symposiumId, string name, string email, string symposium, string link, CancellationToken ct)
    {
        var drawnAt = await db.Draws.Where(d => d.SymposiumId == symposiumId).Select(d => d.DrawnAt).FirstOrDefaultAsync(ct);
        var now = clock.GetCurrentInstant();
        var entries = (await db.WaitlistEntries.Where(w => w.SymposiumId == symposiumId && w.Email == email && w.CreatedAt == drawnAt).ToListAsync(ct))
            .Where(w => w.AwaitsConfirmation(now)).OrderBy(w => w.Date).ToList();
        var first = $"The draw for massages at {symposium} has run, and none of the times you chose was left when your turn came.";
        var open = "Any time still free opens to everyone when first-come booking opens.";
        if (entries.Count == 0)
        {
            return Message(name, email, "The draw: no time this time", first, open, "See your request", link);
        }

        var (token, hash) = SecretToken.Create();
        entries.ForEach(w => w.IssueConfirmToken(hash)); // saved with the outbox row's outcome; one link confirms them all
        var confirm = urls.WaitlistConfirmation(entries[0].Id, token).AbsoluteUri;
        var days = entries.Select(w => w.Date!.Value.ToString("dddd d MMMM", English)).ToList();
        var listed = days.Count == 1 ? days[0] : $"{string.Join(", ", days[..^1])} and {days[^1]}";
        var hours = (int)WaitlistEntry.ConfirmWithin.TotalHours;
        var wait = $"We can put you on the waiting list for {listed}, and write when a time frees up. Confirm within {hours} hours with this link and its button; until you do, no freed time is offered to you.";
        return Compose(name, email, "The draw: no time this time",
            $"Hello {name},\n\n{first}\n\n{wait}\n{confirm}\n\n{open}\n\nSee your request: {link}\n\nKeep these links to yourself.\n",
            $"<p>Hello {Html(name)},</p><p>{Html(first)}</p><p>{Html(wait)}</p><p><a href=\"{Html(confirm)}\">Confirm my place on the waiting list</a></p>"
            + $"<p>{Html(open)}</p><p><a href=\"{Html(link)}\">See your request</a></p><p>Keep these links to yourself.</p>");
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
