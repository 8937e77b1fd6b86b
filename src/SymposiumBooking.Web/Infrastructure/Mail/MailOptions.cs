namespace SymposiumBooking.Web.Infrastructure.Mail;

public sealed class MailOptions
{
    public string FromName { get; set; } = "ST/Dystonia Symposium massage";

    public string FromAddress { get; set; } = "no-reply@symposium-booking.test";

    /// <summary>
    /// The ORGANIZER of attendees' calendar invites: the organizers' own mailbox, which a person reads (a calendar
    /// shows it as "organized by" and some clients write to it). Empty means <see cref="FromAddress"/>.
    /// </summary>
    public string? OrganizerAddress { get; set; }

    /// <summary>The organizer's display name in invites. Empty means <see cref="FromName"/>.</summary>
    public string? OrganizerName { get; set; }

    /// <summary>
    /// The dev inbox: each mail is written here as an .eml file (open it with any mail program). The run command
    /// sets <c>.data/mail</c>. When empty, mails are only logged as sent, without their content.
    /// </summary>
    public string? PickupDirectory { get; set; }

    /// <summary>A real mail server (<c>Mail:Smtp:Host</c> …). When its host is empty, mail goes to the dev inbox.</summary>
    public SmtpOptions Smtp { get; set; } = new();
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
