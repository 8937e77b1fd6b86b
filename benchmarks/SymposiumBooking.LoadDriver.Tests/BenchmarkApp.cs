using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace SymposiumBooking.LoadDriver.Tests;

/// <summary>
/// The app as benchmarks/run.sh starts it, in memory: an empty database of the test PostgreSQL (infra/test.sh,
/// <c>SYMPOSIUM_TEST_PG</c>) that the app migrates itself on startup, the first organizer from configuration, the outbox
/// off and the per-address limits out of the way. Symposia are seeded as the benchmark seeds them, through the organizer
/// API (<see cref="Seeder"/>). The clock is fake, started at the real time: the seeder opens booking since yesterday.
/// </summary>
public sealed class BenchmarkApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private const string OrganizerEmail = "bench.organizer@bench.example.org";
    private const string OrganizerPassword = "Bench-Organizer-Password-1!";

    private int _year = 2060;

    public string Database { get; } = "bench_" + Guid.NewGuid().ToString("N");

    /// <summary>The database's connection string, for the invariant checker and the rush on PostgreSQL alone.</summary>
    public string ConnectionString => For(Database, pooling: true);

    public async ValueTask InitializeAsync() => await ExecuteAsync($"CREATE DATABASE \"{Database}\"");

    /// <summary>A published symposium of one day in a year of its own, <paramref name="therapists"/> therapists with 8 slots each.</summary>
    public async Task<SeededSymposium> SymposiumAsync(int therapists, CancellationToken ct)
    {
        using var organizer = CreateClient();
        var seeder = new Seeder(organizer);
        await seeder.SignInAsync(OrganizerEmail, OrganizerPassword, ct);
        return await seeder.SymposiumAsync(Interlocked.Increment(ref _year), 1, therapists, "09:00", "09:40", ct);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Booking", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Bootstrap:OrganizerEmail", OrganizerEmail);
        builder.UseSetting("Bootstrap:OrganizerPassword", OrganizerPassword);
        builder.UseSetting("DataProtection:KeyEncryptionKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Outbox:Enabled", "false");
        builder.UseSetting("Housekeeping:Enabled", "false");
        builder.UseSetting("Retention:Enabled", "false");
        builder.UseSetting("Payments:ReconcileEnabled", "false");
        foreach (var limit in new[] { "SignIn", "Booking", "Waitlist" })
        {
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "1000000");
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)");
    }

    private static string For(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(
            Environment.GetEnvironmentVariable("SYMPOSIUM_TEST_PG") is { Length: > 0 } server
                ? server
                : throw new InvalidOperationException("SYMPOSIUM_TEST_PG is not set: run the tests with 'bash infra/test.sh'."))
        { Database = database, Pooling = pooling, MaxPoolSize = 30 }.ToString();

    /// <summary>A statement on the server's <c>postgres</c> database, unpooled.</summary>
    internal static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(For("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A connection string to the server's <c>postgres</c> database.</summary>
    internal static string ServerDatabase(bool pooling) => For("postgres", pooling);
}
