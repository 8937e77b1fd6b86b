using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace SymposiumBooking.Web.Tests.Mail;

/// <summary>What the server does wrong on one connection.</summary>
public enum SmtpFault
{
    None,

    /// <summary>Takes the whole message, then answers 451 (try again later): surely not accepted.</summary>
    Reply451AfterData,

    /// <summary>Closes the connection when the client says DATA: no byte of the message was sent.</summary>
    DropAtData,

    /// <summary>Reads the whole message and its final dot, then closes without answering: maybe accepted.</summary>
    DropAfterData,
}

/// <summary>
/// A small SMTP server on 127.0.0.1 (RFC 5321: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no PIPELINING or CHUNKING
/// offered, so the conversation is step by step). Faults are taken one per connection, in order.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FakeSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<SmtpFault> Faults { get; } = new();

    /// <summary>Messages answered with 250: delivered.</summary>
    public ConcurrentQueue<MimeMessage> Accepted { get; } = new();

    /// <summary>Every message whose final dot arrived, accepted or not.</summary>
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>How long the server takes to accept a message, so concurrent senders really overlap.</summary>
    public TimeSpan AcceptDelay { get; set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var fault = Faults.TryDequeue(out var f) ? f : SmtpFault.None;
            _ = Task.Run(() => ConverseAsync(client, fault));
        }
    }

    private async Task ConverseAsync(TcpClient client, SmtpFault fault)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await WriteAsync(stream, "220 fake.test ESMTP ready");
                while (await ReadLineAsync(stream) is { } line)
                {
                    var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await WriteAsync(stream, "250-fake.test\r\n250-8BITMIME\r\n250 SMTPUTF8");
                            break;
                        case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                            await WriteAsync(stream, "250 OK");
                            break;
                        case "QUIT":
                            await WriteAsync(stream, "221 bye");
                            return;
                        case "DATA" when fault == SmtpFault.DropAtData:
                            client.Client.Close(0);
                            return;
                        case "DATA":
                            await WriteAsync(stream, "354 go ahead");
                            var message = await ReadDataAsync(stream);
                            Received.Enqueue(message);
                            if (fault == SmtpFault.DropAfterData)
                            {
                                client.Client.Close(0);
                                return;
                            }

                            if (fault == SmtpFault.Reply451AfterData)
                            {
                                await WriteAsync(stream, "451 4.3.0 try again later");
                                break;
                            }

                            await Task.Delay(AcceptDelay);
                            Accepted.Enqueue(message);
                            await WriteAsync(stream, "250 2.0.0 queued");
                            break;
                        default:
                            await WriteAsync(stream, "502 not implemented");
                            break;
                    }
                }
            }
            catch (IOException)
            {
                // the client went away
            }
            catch (ObjectDisposedException)
            {
                // we closed it on purpose
            }
        }
    }

    private static async Task<MimeMessage> ReadDataAsync(NetworkStream stream)
    {
        var data = new MemoryStream();
        while (await ReadLineBytesAsync(stream) is { } line)
        {
            if (line.Length == 1 && line[0] == '.')
            {
                break;
            }

            var start = line.Length > 0 && line[0] == '.' ? 1 : 0; // undo dot-stuffing
            data.Write(line, start, line.Length - start);
            data.Write("\r\n"u8);
        }

        data.Position = 0;
        return await MimeMessage.LoadAsync(data);
    }

    private static async Task<string?> ReadLineAsync(NetworkStream stream) =>
        await ReadLineBytesAsync(stream) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>One line without its CRLF; null at the end of the stream. Byte by byte: the tests send little.</summary>
    private static async Task<byte[]?> ReadLineBytesAsync(NetworkStream stream)
    {
        var line = new MemoryStream();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                var bytes = line.ToArray();
                return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
            }

            line.WriteByte(one[0]);
        }
    }

    private static async Task WriteAsync(NetworkStream stream, string reply) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
