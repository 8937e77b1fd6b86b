using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit, one connection per message. A failure tells the outbox which of two
/// things happened: the server surely did not take the message (an error reply, or the connection broke before
/// the whole message was written): the exception as is, safe to retry; or it may have
/// (<see cref="MailOutcomeUnknownException"/>): every byte of the message was written but no acceptance was read.
/// </summary>
public sealed partial class SmtpMailSender(IOptions<MailOptions> options, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var host = smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set.");
        await client.ConnectAsync(host, smtp.Port, Security(smtp.Security), ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        var progress = new MessageProgress();
        try
        {
            await client.SendAsync(message, ct, progress);
        }
        catch (SmtpCommandException)
        {
            throw; // the server answered with an error, so it did not take the message
        }
        catch (Exception e) when (progress.WholeMessageWritten)
        {
            throw new MailOutcomeUnknownException($"The connection broke after the whole message {message.MessageId} was sent, before the server answered.", e);
        }

        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogQuitFailed(logger, message.MessageId ?? "", e); // already accepted: a failed goodbye changes nothing
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageId} was accepted; closing the SMTP connection failed")]
    private static partial void LogQuitFailed(ILogger logger, string messageId, Exception exception);

    /// <summary>Counts the message bytes MailKit has written (DATA or BDAT). Without a known size, any byte counts as "maybe all".</summary>
    private sealed class MessageProgress : ITransferProgress
    {
        private long _written;
        private long _size = -1;

        public bool WholeMessageWritten => _size < 0 ? _written > 0 : _written >= _size;

        public void Report(long bytesTransferred, long totalSize)
        {
            _written = bytesTransferred;
            _size = totalSize;
        }

        public void Report(long bytesTransferred) => _written = bytesTransferred;
    }
}
