using Microsoft.Playwright;
using SymposiumBooking.Browser.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

public sealed class HomePageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_home_page_shows_the_demo_symposium_without_serious_accessibility_violations()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        Assert.Contains("symposium in Chicago", await heading.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByRole(AriaRole.Main).CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Banner).CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Contentinfo).CountAsync());
        Assert.Contains("avoids the front of the neck", await page.GetByRole(AriaRole.Main).InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_the_content()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement"));
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { Y: >= 0 }, "the focused skip link is on screen");
        Assert.NotEqual("none", await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task At_200_percent_zoom_on_a_390px_phone_nothing_scrolls_sideways_and_controls_stay_44px()
    {
        // 200 % zoom on a 390 px wide phone leaves 195 CSS pixels of width.
        var page = await app.NewPageAsync(new ViewportSize { Width = 195, Height = 422 }, scale: 2);
        await page.GotoAsync("/");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
        await AssertTargetsAtLeast44pxAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/account/sign-in");
        overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the sign-in page is {overflow}px wider than the screen");
        await AssertTargetsAtLeast44pxAsync(page);
    }

    /// <summary>Every control and navigation link is at least 44×44 CSS px (links inside sentences are exempt).</summary>
    private static async Task AssertTargetsAtLeast44pxAsync(IPage page)
    {
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('nav a, button, input:not([type=hidden]), select, textarea, .brand')]
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width < 44 || r.height < 44)
                .map(([e, r]) => `${e.tagName} "${e.textContent.trim()}" ${Math.round(r.width)}x${Math.round(r.height)}`)
            """);
        Assert.True(small.Length == 0, "targets under 44px: " + string.Join("; ", small));
    }
}
