using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Browser.Tests.Harness;

/// <summary>
/// The app with its demo data on real Kestrel (a random loopback port), and Debian's Chromium driven by
/// Playwright. Nothing is downloaded: the browser is <c>CHROMIUM_PATH</c> (infra/test.sh installs it).
/// </summary>
public class BrowserApp : BookingApp
{
    private Chromium? _chromium;

    public IBrowser Browser => _chromium!.Browser;

    public string BaseUrl => _chromium!.BaseUrl;

    /// <summary>An iPhone-sized screen in CSS pixels.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Demo:Seed", "true")];

    /// <summary>Development, as the run command: the app loads demo data in no other environment (docs/adr/0057).</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        _chromium = await Chromium.LaunchAsync(Services);
    }

    /// <summary>A fresh browser profile (no cookies) on the app.</summary>
    public Task<IPage> NewPageAsync(ViewportSize? viewport = null, float scale = 1) => _chromium!.NewPageAsync(viewport, scale);

    public override async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The app with online payment on (its own fake Stripe, a known webhook secret: see <see cref="StripeApp"/>) on real
/// Kestrel, with Chromium. No demo data: the one symposium is <see cref="Schedule"/>.
/// </summary>
public sealed class StripeBrowserApp : StripeApp
{
    private Chromium? _chromium;

    public string BaseUrl => _chromium!.BaseUrl;

    /// <summary>
    /// The symposium every test of the class books in, made once, each test on its own slot. The attendee pages serve
    /// only the current symposium (the earliest published one not yet over), so a symposium a test made after another
    /// test's would not be bookable at <c>/book/{slotId}</c>: the outcome would hang on the order the tests run in.
    /// </summary>
    public Schedule Schedule { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Schedule = await this.ScheduleAsync();
        UseKestrel(0);
        StartServer();
        _chromium = await Chromium.LaunchAsync(Services);
    }

    public Task<IPage> NewPageAsync(ViewportSize? viewport = null) => _chromium!.NewPageAsync(viewport, 1);

    /// <summary>A client on the real server (the webhook is posted as Stripe would, over HTTP).</summary>
    public HttpClient ServerClient() => new() { BaseAddress = new Uri(BaseUrl) };

    public override async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>Debian's Chromium through Playwright, on the app server's address.</summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser, string baseUrl) => (_playwright, Browser, BaseUrl) = (playwright, browser, baseUrl);

    public IBrowser Browser { get; }

    public string BaseUrl { get; }

    public static async Task<Chromium> LaunchAsync(IServiceProvider services)
    {
        var baseUrl = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        return new Chromium(playwright, browser, baseUrl);
    }

    /// <summary>A fresh browser profile (no cookies).</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport, float scale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = scale,
            Locale = "en-US",
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

public static class Accessibility
{
    /// <summary>Runs axe on the page as it is now and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}:\n" + string.Join('\n', serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}";
}
