using System.Buffers;
using System.Net;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SymposiumBooking.LoadDriver;

/// <summary>
/// The mail server of the production smoke test (infra/smoke-production.sh): takes every message on 127.0.0.1 over
/// plain SMTP and writes it, as received, to a folder as an .eml file. Runs until stopped.
/// </summary>
public static class SmtpSink
{
    public static async Task RunAsync(int port, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp-sink.localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new FolderStore(folder));
        Console.WriteLine($"smtp-sink: listening on 127.0.0.1:{port}, writing to {folder}");
        await new SmtpServer.SmtpServer(options, services).StartAsync(ct);
    }

    private sealed class FolderStore(string folder) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var name = Guid.NewGuid().ToString("N");
            var partial = Path.Combine(folder, name + ".partial");
            await using (var file = File.Create(partial))
            {
                foreach (var segment in buffer)
                {
                    await file.WriteAsync(segment, cancellationToken);
                }
            }

            // Renamed once complete: whoever waits for *.eml never reads half a message.
            File.Move(partial, Path.Combine(folder, name + ".eml"));
            return SmtpResponse.Ok;
        }
    }
}
