using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Calendar;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// What a booking mail's outbox row holds (docs/adr/0014-booking-mails-and-the-manage-link.md): the booking, the
/// SEQUENCE and the slot as they were when the change happened, so that a mail sent late still describes its own
/// event and never a newer state; and, when the change was made by the attendee, their token encrypted with Data
/// Protection (purpose <see cref="BookingMails.ManageLinkPurpose"/>) so the mail can carry a working manage link.
/// </summary>
public sealed record BookingMailPayload(Guid BookingId, int Sequence, Guid SlotId, string? ManageToken = null)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BookingMailPayload FromJson(string json) =>
        JsonSerializer.Deserialize<BookingMailPayload>(json, Json) ?? throw new JsonException("Empty booking mail payload.");
}

/// <summary>
/// Queues a booking's mails in the outbox, in the caller's transaction. A booking whose attendee never got an invite
/// (an online hold never paid) gets no update or cancellation either: that would announce an event they never had.
/// </summary>
public sealed class BookingMails(BookingDb db, IDataProtectionProvider protection, IClock clock)
{
    public const string ManageLinkPurpose = "SymposiumBooking.Outbox.ManageLink.v1";

    /// <summary>The mails that put the event in the attendee's calendar.</summary>
    public static readonly string[] InviteTypes = [OutboxTypes.BookingConfirmed, OutboxTypes.PaymentReceived, OutboxTypes.BookingRescheduled];

    private readonly IDataProtector _protector = protection.CreateProtector(ManageLinkPurpose);

    /// <summary>The confirmation mail's outbox row; the booking inserts it in its own batch (docs/adr/0030).</summary>
    public OutboxMessage ConfirmedMessage(Booking booking, string token, Instant now) =>
        Message(OutboxTypes.BookingConfirmed, booking.Id, booking.Sequence, booking.SlotId, _protector.Protect(token), now);

    /// <summary>Whether an invite for this booking was ever queued (the outbox keeps its rows; no extra column needed).</summary>
    public async Task<bool> InviteSentAsync(Guid bookingId, CancellationToken ct) =>
        await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM outbox_messages
                           WHERE type = ANY({InviteTypes}) AND payload->>'bookingId' = {bookingId.ToString()}) AS "Value"
            """).SingleAsync(ct);

    /// <summary>Queues the mail of <paramref name="type"/> about a change, with the SEQUENCE and slot it left.</summary>
    public void Queue(string type, InviteChanged changed, ManageToken? token)
    {
        var protectedToken = token is null ? null : token.IsProtected ? token.Value : _protector.Protect(token.Value);
        db.Outbox.Add(Message(type, changed.BookingId, changed.Sequence, changed.SlotId, protectedToken, clock.GetCurrentInstant()));
    }

    /// <summary>Queues the mail with the booking's new links (<see cref="OutboxTypes.BookingLinks"/>) at its current SEQUENCE.</summary>
    public void QueueLinks(Booking booking, string token) =>
        db.Outbox.Add(Message(OutboxTypes.BookingLinks, booking.Id, booking.Sequence, booking.SlotId, _protector.Protect(token), clock.GetCurrentInstant()));

    private static OutboxMessage Message(string type, Guid bookingId, int sequence, Guid slotId, string? protectedToken, Instant now) =>
        OutboxMessage.Create(type, new BookingMailPayload(bookingId, sequence, slotId, protectedToken).ToJson(), now);
}

/// <summary>
/// Renders a booking's mails at send time: the slot, therapist and SEQUENCE of the payload (the state when the change
/// happened), names and places from the database. Invites are iMIP mails (<see cref="InvitationMail"/>); the
/// calendar never holds anything from the intake.
/// </summary>
public sealed class BookingMail(BookingDb db, IClock clock, IDataProtectionProvider protection, PublicUrls urls, IOptions<MailOptions> mail)
    : MailRenderer(mail)
{
    private const string KeepYourLink = "To view, reschedule or cancel, use the link in your booking confirmation mail.";

    private readonly IDataProtector _protector = protection.CreateProtector(BookingMails.ManageLinkPurpose);

    public override Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct) =>
        RenderAsync(type, BookingMailPayload.FromJson(payload), ct);

    private async Task<MimeMessage?> RenderAsync(string type, BookingMailPayload payload, CancellationToken ct)
    {
        var found = await (
                from b in db.Bookings
                where b.Id == payload.BookingId
                from s in db.Slots
                where s.Id == payload.SlotId
                join t in db.Therapists on s.TherapistId equals t.Id
                join e in db.Symposia on b.SymposiumId equals e.Id
                select new { b, s, Therapist = t.Name, e })
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null; // the booking or its slot is gone: nothing true to say
        }

        if (type == OutboxTypes.BookingReminder && (found.b.Status != BookingStatus.Confirmed || found.b.SlotId != payload.SlotId))
        {
            return null; // moved or cancelled since the reminder was queued: the mails about that said it all
        }

        var (booking, slot, symposium) = (found.b, found.s, found.e);
        var zone = symposium.Zone;
        var link = ManageLink(payload);
        var cancelled = type == OutboxTypes.BookingCancelled;
        var session = new InviteEvent(
            booking.Id,
            payload.Sequence,
            cancelled ? InviteStatus.Cancelled : InviteStatus.Confirmed,
            slot.StartsAt,
            slot.EndsAt,
            symposium.TimeZoneId,
            CalendarInvites.MassageWith(found.Therapist),
            new InvitePlace(symposium.VenueName, slot.Location, symposium.VenueAddress),
            new InvitePerson(
                string.IsNullOrWhiteSpace(Mail.OrganizerName) ? Mail.FromName : Mail.OrganizerName,
                string.IsNullOrWhiteSpace(Mail.OrganizerAddress) ? Mail.FromAddress : Mail.OrganizerAddress),
            new InvitePerson(booking.AttendeeName, booking.AttendeeEmail),
            link);

        var when = $"{Local(slot.StartsAt, zone, "dddd d MMMM yyyy, h:mm tt")} – {Local(slot.EndsAt, zone, "h:mm tt")}";
        var what = $"the {symposium.Year} ST/Dystonia symposium in {symposium.City}";
        var (subject, opening) = type switch
        {
            OutboxTypes.BookingConfirmed => ($"Your massage is booked: {when}", $"Your massage at {what} is booked."),
            OutboxTypes.PaymentReceived => ($"Payment received, your massage is booked: {when}",
                $"We received your payment of {Money(booking.PriceCents, booking.Currency)}. Your massage at {what} is booked."),
            OutboxTypes.BookingRescheduled => ($"Your massage has moved: {when}", $"Your massage at {what} has moved to a new time."),
            OutboxTypes.BookingCancelled => ($"Your massage is cancelled: {when}", $"Your massage at {what} is cancelled. The calendar event is removed."),
            OutboxTypes.BookingLinks => ($"Your booking's link: {when}",
                $"Here is the link to your massage at {what} again. Links you were sent before no longer work."),
            OutboxTypes.BookingReminder => ($"Reminder: your massage tomorrow at {Local(slot.StartsAt, zone, "h:mm tt")}", $"A reminder: your massage at {what} is tomorrow."),
            OutboxTypes.PaymentRefunded => ($"Your payment is refunded: {when}",
                $"Your payment of {Money(booking.PriceCents, booking.Currency)} reached us after your booking's hold had ended, and someone else "
                + $"had booked that time in the meantime. We have refunded it in full; your bank shows it within a few days. "
                + $"You are welcome to book another time at {urls.Book.AbsoluteUri}"),
            _ => throw new InvalidOperationException($"'{type}' is not a booking mail."),
        };

        var details = new List<(string Label, string Value)>
        {
            ("When", $"{when} (local time in {symposium.City})"),
            ("Therapist", found.Therapist),
            ("Where", session.Place.ToString()),
        };
        var ended = cancelled || type == OutboxTypes.PaymentRefunded;
        var manage = ended ? null : link is null ? KeepYourLink : $"To view, reschedule or cancel: {link.AbsoluteUri}";

        var text = $"Hello {booking.AttendeeName},\n\n{opening}\n\n" + string.Join('\n', details.Select(d => $"{d.Label}: {d.Value}")) + "\n"
            + (manage is null ? "" : $"\n{manage}\n");
        var html = $"<p>Hello {Html(booking.AttendeeName)},</p><p>{Html(opening)}</p><ul>"
            + string.Concat(details.Select(d => $"<li>{Html(d.Label)}: {Html(d.Value)}</li>")) + "</ul>"
            + (ended ? "" : link is null ? $"<p>{Html(KeepYourLink)}</p>" : $"<p><a href=\"{Html(link.AbsoluteUri)}\">View, reschedule or cancel your booking</a></p>");

        if (type is OutboxTypes.BookingReminder or OutboxTypes.PaymentRefunded
            || (type == OutboxTypes.BookingLinks && booking.Status != BookingStatus.Confirmed)) // an unpaid hold has no invite yet
        {
            // A plain reminder: the event is already in their calendar (and resending it would ask again to add it).
            return Compose(booking.AttendeeName, booking.AttendeeEmail, subject, text, html);
        }

        var method = cancelled ? InviteMethod.Cancel : InviteMethod.Request;
        var ics = CalendarInvites.ForBooking(session, method, clock.GetCurrentInstant());
        return Compose(booking.AttendeeName, booking.AttendeeEmail, subject, text, html, InvitationMail.Body(text, html, ics, method));
    }

    /// <summary>The manage link from the payload's encrypted token, or none when there is none (or its key is gone).</summary>
    private Uri? ManageLink(BookingMailPayload payload)
    {
        if (payload.ManageToken is not { Length: > 0 } protectedToken)
        {
            return null;
        }

        try
        {
            var token = _protector.Unprotect(protectedToken);
            return urls.ManageBooking(payload.BookingId, token);
        }
        catch (CryptographicException)
        {
            return null; // the key ring lost the key: the mail still goes out, pointing to the confirmation's link
        }
    }
}
