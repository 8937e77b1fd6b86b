using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>
/// The whole app in memory, on its own database cloned from the migrated template, with a fake clock.
/// One instance per test class (<c>IClassFixture&lt;BookingApp&gt;</c>).
/// </summary>
public class BookingApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OrganizerEmail = "first.organizer@test.symposium";
    public const string OrganizerPassword = "Organizer-Password-1";

    /// <summary>The key-encryption key of every test app's key ring (test-only: 32 fixed bytes, base64).</summary>
    public const string TestKeyEncryptionKey = "c3ltcG9zaXVtLWJvb2tpbmctdGVzdC1rZWstMzJieXQ=";

    /// <summary>The app's clock. Starts at a fixed instant; tests move it with <c>Advance</c>.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero));

    public string Database { get; private set; } = "";

    /// <summary>Settings a subclass adds or overrides (key → value, as in appsettings).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public virtual async ValueTask InitializeAsync() => Database = await CreateDatabaseAsync();

    /// <summary>Where this app's data lives; a subclass may point elsewhere (its own cluster).</summary>
    protected virtual Task<string> CreateDatabaseAsync() => TestPostgres.CreateDatabaseAsync();

    protected virtual string ConnectionString => TestPostgres.ConnectionStringFor(Database);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Booking", ConnectionString);
        builder.UseSetting("Bootstrap:OrganizerEmail", OrganizerEmail);
        builder.UseSetting("Bootstrap:OrganizerPassword", OrganizerPassword);
        builder.UseSetting("Outbox:Enabled", "false"); // tests send the outbox themselves (OutboxDispatcher.DispatchOnceAsync)
        builder.UseSetting("DataProtection:KeyEncryptionKey", TestKeyEncryptionKey);
        builder.UseSetting("Housekeeping:Enabled", "false"); // and run the worker themselves (HousekeepingWorker.RunOnceAsync)
        builder.UseSetting("Retention:Enabled", "false"); // likewise RetentionWorker.RunOnceAsync
        builder.UseSetting("Payments:ReconcileEnabled", "false"); // likewise PaymentReconciliationWorker.RunOnceAsync
        // Tests fire hundreds of requests from one address; RateLimitTests lower these to prove the 429s.
        foreach (var limit in new[] { "SignIn", "Booking", "Waitlist", "LostLink" })
        {
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "1000000");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public BookingDb OpenDb() => TestPostgres.OpenDb(Database);

    /// <summary>A client signed in through the API with a bearer token.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email = OrganizerEmail, string password = OrganizerPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenAnswer>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Database.Length > 0)
        {
            await DropDatabaseAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected virtual Task DropDatabaseAsync() => TestPostgres.DropDatabaseAsync(Database);

    private sealed record TokenAnswer(string AccessToken, int ExpiresIn);
}
