using Microsoft.Playwright;

namespace SymposiumBooking.Browser.Tests.Harness;

/// <summary>Moving through a page by keyboard alone, as the attendee journeys do, and checking it fits a phone.</summary>
public static class Keyboard
{
    /// <summary>
    /// Presses Tab until the focused control is named <paramref name="name"/> (its label, or its text), the way a
    /// keyboard user moves; fails with the names passed on the way when it is not reached.
    /// </summary>
    public static async Task TabToAsync(IPage page, string name, bool prefix = false)
    {
        var seen = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusedNameAsync(page);
            if (prefix ? focused.StartsWith(name, StringComparison.Ordinal) : focused == name)
            {
                return;
            }

            seen.Add(focused);
        }

        Assert.Fail($"Tab never reached \"{name}\" on {page.Url}; passed: {string.Join(" | ", seen.Distinct())}");
    }

    public static async Task AssertFocusedAsync(IPage page, string name) => Assert.Equal(name, await FocusedNameAsync(page));

    public static Task<string> FocusedNameAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return '';
          const text = e.getAttribute('aria-label') ?? (e.labels && e.labels.length ? e.labels[0].innerText : null) ?? e.innerText ?? '';
          return text.replace(/\s+/g, ' ').trim();
        }
        """);

    public static async Task AssertFitsPhoneAsync(IPage page)
    {
        var fits = await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth");
        Assert.True(fits, $"{page.Url} scrolls sideways at {page.ViewportSize?.Width}px");
    }
}
