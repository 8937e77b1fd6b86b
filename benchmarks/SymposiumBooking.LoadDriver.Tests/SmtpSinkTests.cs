using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SymposiumBooking.LoadDriver.Tests;

/// <summary>
/// The production smoke test's mail server (<c>smtp-sink</c>, infra/smoke-production.sh): a message it accepted is a
/// whole .eml file in its folder by the time the sender hears 250.
/// </summary>
public sealed class SmtpSinkTests
{
    [Fact]
    public async Task A_message_it_accepted_is_already_an_eml_file_in_its_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("smtp-sink-").FullName;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var port = FreePort();
        var sink = SmtpSink.RunAsync(port, folder, stop.Token); // listening once this returns
        try
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("booking@symposium.test"));
            message.To.Add(MailboxAddress.Parse("attendee@symposium.test"));
            message.Subject = "Your massage is booked";
            message.Body = new TextPart("plain") { Text = "See you at table 3." };
            using (var client = new SmtpClient())
            {
                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, ct);
                await client.SendAsync(message, ct);
                await client.DisconnectAsync(true, ct);
            }

            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var saved = await MimeMessage.LoadAsync(file, ct);
            Assert.Equal("Your massage is booked", saved.Subject);
            Assert.Equal("See you at table 3.", saved.TextBody?.Trim());
            Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await sink;
            }
            catch (OperationCanceledException)
            {
                // stopped, as asked
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
