using Microsoft.Extensions.Options;
using MimeKit;

namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>
/// The dev inbox: writes each message as an .eml file. The file is written under a temporary name and renamed, so
/// a reader never sees half a mail.
/// </summary>
public sealed partial class PickupDirectoryMailSender(IOptions<MailOptions> options, TimeProvider clock, ILogger<PickupDirectoryMailSender> logger)
    : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.PickupDirectory))
        {
            LogDropped(logger, message.Subject ?? "");
            return;
        }

        var directory = Directory.CreateDirectory(options.Value.PickupDirectory).FullName;
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        var partial = Path.Combine(directory, name + ".tmp");
        await message.WriteToAsync(partial, ct);
        File.Move(partial, Path.Combine(directory, name));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail '{Subject}' not delivered: no Mail:PickupDirectory is configured")]
    private static partial void LogDropped(ILogger logger, string subject);
}
