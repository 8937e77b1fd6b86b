using Microsoft.Extensions.Options;
using MimeKit;

namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>
/// The dev inbox: writes each message as an .eml file. The file is written under a temporary name and renamed, so
/// a reader never sees half a mail. Registered only when <c>Mail:PickupDirectory</c> is set (<see cref="MailTransport"/>).
/// </summary>
public sealed class PickupDirectoryMailSender(IOptions<MailOptions> options, TimeProvider clock) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var directory = Directory.CreateDirectory(options.Value.PickupDirectory
            ?? throw new InvalidOperationException("Mail:PickupDirectory is not set.")).FullName;
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        var partial = Path.Combine(directory, name + ".tmp");
        await message.WriteToAsync(partial, ct);
        File.Move(partial, Path.Combine(directory, name));
    }
}
