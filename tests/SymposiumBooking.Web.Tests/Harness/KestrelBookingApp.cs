using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>
/// The app on real Kestrel, on a loopback port, for tests about connections and how fast a body arrives (the in-memory
/// TestServer has no sockets). Linux routes all of 127.0.0.0/8 to loopback, so a client can come from any 127.x.y.z
/// address: <see cref="ClientFrom"/> and <see cref="SlowUpload"/> pick theirs, and each test class uses its own.
/// </summary>
public class KestrelBookingApp : BookingApp
{
    public IPEndPoint Endpoint { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Kestrel's own minimum body data rate (240 B/s after 5 s) is off: a test's slow body arrives exactly as slowly
        // as the test sends it, and only the app's deadline, on the fake clock, ends it. No wall clock in these tests.
        builder.ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate = null);
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).First(a => a.Scheme == "http");
        Endpoint = new IPEndPoint(IPAddress.Loopback, address.Port);
    }

    /// <summary>An HTTP client whose connections come from <paramref name="source"/>.</summary>
    public HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) => new NetworkStream(await ConnectFromAsync(source, ct), ownsSocket: true),
    })
    {
        BaseAddress = new Uri($"http://{Endpoint}"),
        Timeout = Timeout.InfiniteTimeSpan, // a test that waits forever fails by its own [Fact(Timeout)]
    };

    public async Task<Socket> ConnectFromAsync(IPAddress source, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(Endpoint, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the app is handling exactly <paramref name="count"/> requests from <paramref name="client"/>.</summary>
    public async Task InFlightFromAsync(IPAddress client, int count)
    {
        var counts = Services.GetRequiredService<InFlightCounts>();
        while (counts.Of(client) != count)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken); // a condition to reach, not a time to wait
        }
    }
}

/// <summary>
/// A request sent by hand over a raw socket: its headers declare a body of <c>declaredLength</c> bytes, and the body then
/// arrives only as fast as the test sends it (<see cref="SendAsync"/>).
/// </summary>
public sealed class SlowUpload : IDisposable
{
    private readonly Socket _socket;

    private SlowUpload(Socket socket) => _socket = socket;

    public static async Task<SlowUpload> StartAsync(KestrelBookingApp app, IPAddress from, string path, int declaredLength, string contentType = "application/json")
    {
        var ct = TestContext.Current.CancellationToken;
        var upload = new SlowUpload(await app.ConnectFromAsync(from, ct));
        await upload.SendAsync(
            $"POST {path} HTTP/1.1\r\nHost: {app.Endpoint}\r\nContent-Type: {contentType}\r\nContent-Length: {declaredLength}\r\n\r\n{{");
        return upload;
    }

    /// <summary>A little more of the body.</summary>
    public async Task SendAsync(string text) =>
        await _socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, TestContext.Current.CancellationToken);

    /// <summary>Nothing has come back yet: no answer, and the server has not closed the connection.</summary>
    public bool Unanswered => !_socket.Poll(0, SelectMode.SelectRead);

    /// <summary>What the server sends until it closes the connection (a reset after its answer counts as closing).</summary>
    public async Task<string> ReadUntilClosedAsync()
    {
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await _socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                read = 0;
            }

            if (read == 0)
            {
                return answer.ToString();
            }

            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }

    public void Dispose() => _socket.Dispose();
}
