namespace SymposiumBooking.Web.Infrastructure.Mail;

public sealed class MailOptions
{
    public string FromName { get; set; } = "ST/Dystonia Symposium massage";

    public string FromAddress { get; set; } = "no-reply@symposium-booking.test";

    /// <summary>
    /// The dev inbox: each mail is written here as an .eml file (open it with any mail program). The run command
    /// sets <c>.data/mail</c>. When empty, mails are only logged as sent, without their content.
    /// </summary>
    public string? PickupDirectory { get; set; }
}

public sealed class AppOptions
{
    /// <summary>Where people reach the site; links in mails start with it.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:5080/");
}
