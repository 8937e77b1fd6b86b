using MimeKit;

namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>Hands a finished message to whatever delivers mail.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
