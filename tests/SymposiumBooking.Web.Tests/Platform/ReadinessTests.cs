using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// The app on a PostgreSQL cluster of its own (infra/pg.sh), so this class can stop and start the database
/// without disturbing the other tests.
/// </summary>
public sealed class OwnClusterApp : BookingApp
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "sb-ready-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly int _port = FreePort();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Database:MigrateOnStartup", "true")];

    protected override string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=symposium;Timeout=5";

    protected override async Task<string> CreateDatabaseAsync()
    {
        await PgAsync("start");
        return "symposium";
    }

    public Task StopDatabaseAsync() => PgAsync("stop");

    public Task StartDatabaseAsync() => PgAsync("start");

    protected override Task DropDatabaseAsync() => PgAsync("destroy");

    private async Task PgAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "infra", "pg.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PG_DATA"] = _data;
        start.Environment["PG_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PG_MODE"] = "throwaway";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg.sh {verb} failed ({process.ExitCode}): {await output}{await errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class ReadinessTests(OwnClusterApp app) : IClassFixture<OwnClusterApp>
{
    [Fact]
    public async Task Ready_follows_PostgreSQL_down_and_back_up_without_an_app_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);

        await app.StopDatabaseAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", ct)).StatusCode);

        // A request that needs the database gets a clean 503 problem, with nothing of the exception in it.
        var outage = await client.GetAsync("/api/v1/symposia/current", ct);
        var problem = await Problem.ReadAsync(outage);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.Status);
        Assert.Equal("server.unavailable", problem.Code);
        Assert.NotNull(outage.Headers.RetryAfter);
        var text = problem.Body.GetRawText();
        Assert.DoesNotContain("Npgsql", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);

        await app.StartDatabaseAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/symposia/current", ct)).StatusCode);
    }
}
