using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SymposiumBooking.Web.Composition;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>Every line the app logs, formatted, with its exception: what an operator's log would hold.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}

/// <summary>The app started the way the run command starts it (Demo:Seed on), in the given environment, logging everything.</summary>
public sealed class DemoApp(string environment) : BookingApp
{
    public CapturedLog Log { get; } = new();

    /// <summary>Production also needs its own settings to start (docs/adr/0095).</summary>
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Demo:Seed", "true"), .. environment == "Production" ? StartupSettings.Production : []];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Log));
    }
}

/// <summary>Demo data and its known passwords exist only where a developer asked for them (docs/adr/0057).</summary>
public sealed class DemoDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Passwords = [DemoData.TherapistPassword, BookingApp.OrganizerPassword, "Demo-Organizer-2027!"];

    [Fact]
    public async Task Production_with_the_demo_flag_loads_no_demo_data_and_logs_no_password()
    {
        await using var app = new DemoApp("Production");
        await app.InitializeAsync();

        using var client = app.CreateClient(); // starts the app: migrations, first organizer, demo data if any
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);

        Assert.True(live.IsSuccessStatusCode);
        await using var db = app.OpenDb();
        Assert.False(await db.Symposia.AnyAsync(Ct));
        Assert.False(await db.Users.AnyAsync(u => u.Email!.EndsWith("@demo.symposium.test"), Ct));
        Assert.Contains(app.Log.Lines, l => l.Contains("Demo:Seed is ignored in Production", StringComparison.Ordinal));
        AssertNoPassword(app.Log.Lines);
    }

    [Fact]
    public async Task Development_with_the_demo_flag_loads_the_demo_symposium_and_logs_no_password()
    {
        await using var app = new DemoApp("Development");
        await app.InitializeAsync();

        using var client = app.CreateClient();
        var current = await client.GetAsync(new Uri("/api/v1/symposia/current", UriKind.Relative), Ct);

        Assert.True(current.IsSuccessStatusCode);
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Symposia.CountAsync(Ct));
        Assert.Equal(3, await db.Users.CountAsync(u => u.Email!.EndsWith("@demo.symposium.test"), Ct));
        Assert.Contains(app.Log.Lines, l => l.Contains("Demo data: published", StringComparison.Ordinal));
        AssertNoPassword(app.Log.Lines);
        var guidebook = await db.Products.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((4000L, "USD", 50, true, true, true), (guidebook.PriceCents, guidebook.Currency, guidebook.Stock, guidebook.Ships, guidebook.PickupAllowed, guidebook.OnSale));

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(); // a second start adds nothing
        }

        Assert.Equal(1, await db.Products.CountAsync(Ct));
        Assert.Equal(1, await db.Symposia.CountAsync(Ct));
    }

    private static void AssertNoPassword(IReadOnlyCollection<string> lines)
    {
        Assert.NotEmpty(lines);
        foreach (var password in Passwords)
        {
            Assert.DoesNotContain(lines, l => l.Contains(password, StringComparison.Ordinal));
        }
    }
}
