using MimeKit;
using SymposiumBooking.Web.Infrastructure.Calendar;

namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>
/// The body of a mail that carries a calendar invite (RFC 6047, iMIP), shaped the way Gmail, Outlook and Apple Mail
/// recognise as an invitation (docs/adr/0012-calendar-invites-and-their-mail.md):
/// <code>
/// multipart/mixed
///   multipart/alternative
///     text/plain
///     text/html
///     text/calendar; method=REQUEST|CANCEL; charset=utf-8
///   application/ics; method=…; name=invite.ics   (attachment: the same calendar, for clients that only look there)
/// </code>
/// </summary>
public static class InvitationMail
{
    public static MimeEntity Body(string text, string html, string ics, InviteMethod method)
    {
        var methodName = method.ToString().ToUpperInvariant();
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = text },
            new TextPart("html") { Text = html },
            Calendar("text", "calendar", ics, methodName),
        };

        var attachment = Calendar("application", "ics", ics, methodName);
        attachment.ContentType.Name = method == InviteMethod.Cancel ? "cancel.ics" : "invite.ics";
        attachment.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = attachment.ContentType.Name };
        return new Multipart("mixed") { alternative, attachment };
    }

    private static MimePart Calendar(string type, string subtype, string ics, string method)
    {
        var part = new MimePart(type, subtype)
        {
            // Base64 keeps the CRLFs and the folding exactly as written, whatever a relay does to long or 8-bit lines.
            ContentTransferEncoding = ContentEncoding.Base64,
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ics))),
        };
        part.ContentType.Parameters.Add("method", method);
        part.ContentType.Charset = "utf-8";
        return part;
    }
}
