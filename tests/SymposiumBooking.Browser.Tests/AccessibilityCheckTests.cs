using SymposiumBooking.Browser.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

/// <summary>The axe check itself must be able to fail, or every page test that relies on it proves nothing.</summary>
public sealed class AccessibilityCheckTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_check_fails_on_an_unlabelled_field_and_an_image_without_text()
    {
        var page = await app.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>broken</title></head>
            <body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>
            """);

        var failure = await Assert.ThrowsAnyAsync<Exception>(page.AssertNoSeriousViolationsAsync);

        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
    }
}
