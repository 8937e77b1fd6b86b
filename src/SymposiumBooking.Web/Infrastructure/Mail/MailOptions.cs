using MimeKit;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>The <c>Mail</c> configuration section (docs/operations.md, "Mail").</summary>
public sealed class MailOptions
{
    /// <summary>A placeholder nobody receives (<c>.test</c> is reserved): fine on a laptop, refused in Production.</summary>
    public const string PlaceholderFromAddress = "no-reply@symposium-booking.test";

    public string FromName { get; set; } = "ST/Dystonia Symposium massage";

    public string FromAddress { get; set; } = PlaceholderFromAddress;

    /// <summary>Where replies go (the <c>Reply-To</c> of every mail): the organizers' mailbox. Empty: replies go to <see cref="FromAddress"/>.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>
    /// The ORGANIZER of attendees' calendar invites: the organizers' own mailbox, which a person reads (a calendar
    /// shows it as "organized by" and some clients write to it). Empty means <see cref="FromAddress"/>.
    /// </summary>
    public string? OrganizerAddress { get; set; }

    /// <summary>The organizer's display name in invites. Empty means <see cref="FromName"/>.</summary>
    public string? OrganizerName { get; set; }

    /// <summary>
    /// The dev inbox: each mail is written here as an .eml file (open it with any mail program). The run command
    /// sets <c>.data/mail</c>. Not a transport in Production. With neither this nor an SMTP host, mail waits in the
    /// outbox unsent (<see cref="MailTransport"/>).
    /// </summary>
    public string? PickupDirectory { get; set; }

    /// <summary>A real mail server (<c>Mail:Smtp:Host</c> …). When its host is empty, mail goes to the dev inbox.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    public bool HasSmtpHost => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The rules checked at start (docs/adr/0095): addresses that parse, a transport in Production, a real sender.</summary>
    public static IEnumerable<string?> Problems(MailOptions o, SettingsContext context)
    {
        yield return Mailbox("Mail:FromAddress", o.FromAddress);
        yield return string.IsNullOrWhiteSpace(o.ReplyTo) ? null : Mailbox("Mail:ReplyTo", o.ReplyTo);
        yield return string.IsNullOrWhiteSpace(o.OrganizerAddress) ? null : Mailbox("Mail:OrganizerAddress", o.OrganizerAddress);
        yield return o.Smtp.Port is >= 1 and <= 65535 ? null : Setting.Problem("Mail:Smtp:Port", "must be a port number, 1 to 65535");
        yield return Setting.Positive("Mail:Smtp:Timeout", o.Smtp.Timeout);
        yield return string.IsNullOrEmpty(o.Smtp.UserName) || !string.IsNullOrEmpty(o.Smtp.Password)
            ? null
            : Setting.Problem("Mail:Smtp:Password", "is not set while Mail:Smtp:UserName is");
        if (context.Production)
        {
            yield return o.HasSmtpHost
                ? null
                : Setting.Problem("Mail:Smtp:Host", "is not set: in Production mail goes out only through an SMTP server (Mail:PickupDirectory is the development inbox)");
            yield return o.FromAddress.Trim() != PlaceholderFromAddress
                ? null
                : Setting.Problem("Mail:FromAddress", $"is not set: {PlaceholderFromAddress} is a placeholder nobody receives");
        }
    }

    private static string? Mailbox(string key, string? value) =>
        MailboxAddress.TryParse(value ?? "", out var parsed) && parsed.Address.Contains('@', StringComparison.Ordinal)
            ? null
            : Setting.Problem(key, $"is not a mail address: '{value}'");
}

public enum SmtpSecurity
{
    /// <summary>Plain text: only for a server on this machine or a test.</summary>
    None,

    /// <summary>Connect in plain text, then STARTTLS (required, not opportunistic); usually port 587.</summary>
    StartTls,

    /// <summary>TLS from the first byte; usually port 465.</summary>
    SslOnConnect,
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>How long one network operation may take before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
