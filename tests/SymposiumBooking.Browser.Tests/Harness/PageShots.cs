using Microsoft.Playwright;

namespace SymposiumBooking.Browser.Tests.Harness;

/// <summary>Screenshots for a person to look at, when <c>PAGES_SCREENSHOTS</c> names a folder; nothing otherwise.</summary>
public static class PageShots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PAGES_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"pages-{name}.png"), FullPage = true });
        }
    }
}
