using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>
/// The mail telling someone on the waitlist that a slot is theirs to claim. The claim link's token is made here, at
/// send time, and only its hash is kept on the entry (so no secret waits in the outbox). An offer that is no longer
/// live by now (claimed, expired, passed on) is not mailed.
/// </summary>
public sealed class WaitlistOfferMail(BookingDb db, IClock clock, PublicUrls urls, IOptions<MailOptions> mail) : MailRenderer(mail)
{
    /// <summary>The mail, or null for an offer that is no longer live. The entry's new token hash is saved with the outbox row.</summary>
    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        var entryId = IdIn(payload, "entryId");
        var found = await (
                from w in db.WaitlistEntries
                join s in db.Slots on w.OfferedSlotId equals s.Id
                join t in db.Therapists on s.TherapistId equals t.Id
                join e in db.Symposia on w.SymposiumId equals e.Id
                where w.Id == entryId
                select new { w, s.StartsAt, s.EndsAt, s.Location, Therapist = t.Name, e.City, e.Year, e.TimeZoneId })
            .FirstOrDefaultAsync(ct);
        var now = clock.GetCurrentInstant();
        if (found is null || !found.w.HasLiveOffer(now))
        {
            return null;
        }

        var entry = found.w;
        var (token, hash) = SecretToken.Create();
        entry.IssueClaimToken(hash);
        var link = urls.WaitlistOffer(entry.Id, token).AbsoluteUri;

        var zone = DateTimeZoneProviders.Tzdb[found.TimeZoneId];
        var when = $"{Local(found.StartsAt, zone, "dddd d MMMM yyyy, h:mm tt")} – {Local(found.EndsAt, zone, "h:mm tt")}";
        var until = Local(entry.OfferExpiresAt!.Value, zone, "dddd d MMMM, h:mm tt");
        var what = $"the {found.Year} ST/Dystonia symposium in {found.City}";
        return Compose(entry.Name, entry.Email, $"A massage time is free for you: {when}",
            $"Hello {entry.Name},\n\nA massage time you were waiting for at {what} has become free, and we are keeping it for you.\n\n"
            + $"When: {when} (local time in {found.City})\nTherapist: {found.Therapist}\nWhere: {found.Location}\n\n"
            + $"To book it, open this link by {until}:\n{link}\n\n"
            + "After that time it passes to the next person on the waitlist. If you no longer want it, do nothing.\n",
            $"<p>Hello {Html(entry.Name)},</p><p>A massage time you were waiting for at {Html(what)} has become free, and we are keeping it for you.</p>"
            + $"<ul><li>When: {Html(when)} (local time in {Html(found.City)})</li><li>Therapist: {Html(found.Therapist)}</li><li>Where: {Html(found.Location)}</li></ul>"
            + $"<p><a href=\"{Html(link)}\">Book this time</a> by {Html(until)}.</p>"
            + "<p>After that time it passes to the next person on the waitlist. If you no longer want it, do nothing.</p>");
    }
}
