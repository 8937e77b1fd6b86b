using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>
/// The shape every feature's mail takes (docs/adr/0066): rendered from its outbox row at send time, from the
/// organizers' address to one person, with a plain-text and an HTML body. A feature's mail derives from this and says
/// only what is its own: what it reads, whether it still has something to say, and the words.
/// </summary>
public abstract class MailRenderer(IOptions<MailOptions> mail) : IOutboxRenderer
{
    protected static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    protected MailOptions Mail => mail.Value;

    public abstract Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct);

    /// <summary>The id a single-id payload names, for example <c>{"entryId": "…"}</c>.</summary>
    protected static Guid IdIn(string payload, string property) =>
        JsonDocument.Parse(payload).RootElement.GetProperty(property).GetGuid();

    /// <summary>A mail from the organizers (From and Reply-To are settings) to <paramref name="toAddress"/>; <paramref name="body"/> defaults to the two texts.</summary>
    protected MimeMessage Compose(string toName, string toAddress, string subject, string text, string html, MimeEntity? body = null)
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(new MailboxAddress(Mail.FromName, Mail.FromAddress));
        if (!string.IsNullOrWhiteSpace(Mail.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(Mail.ReplyTo)); // checked at start (MailOptions.Problems)
        }
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Body = body ?? new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    /// <summary><paramref name="instant"/> on the wall clock of <paramref name="zone"/>, in English.</summary>
    protected static string Local(Instant instant, DateTimeZone zone, string pattern) =>
        instant.InZone(zone).ToDateTimeUnspecified().ToString(pattern, English);

    protected static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An amount in minor units with its currency, as mails write it: "25.00 USD".</summary>
    protected static string Money(long cents, string currency) =>
        string.Create(English, $"{cents / 100m:0.00} {currency}");
}
