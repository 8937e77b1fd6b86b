using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Browser.Tests.Harness;

/// <summary>
/// The app with its demo data on real Kestrel (a random loopback port), and Debian's Chromium driven by
/// Playwright. Nothing is downloaded: the browser is <c>CHROMIUM_PATH</c> (infra/test.sh installs it).
/// </summary>
public sealed class BrowserApp : BookingApp
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>An iPhone-sized screen in CSS pixels.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Demo:Seed", "true")];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser profile (no cookies) on the app.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, float scale = 1)
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

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
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
