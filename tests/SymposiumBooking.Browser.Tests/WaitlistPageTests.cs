using Microsoft.Playwright;
using SymposiumBooking.Browser.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

public sealed class WaitlistPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_person_joins_the_waitlist_by_keyboard_and_is_told_they_are_on_it()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        await page.GotoAsync("/waitlist");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByLabel("Your name").FocusAsync();
        await page.Keyboard.TypeAsync("Lee Waiting");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("email", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("lee.waiting@example.org");
        await page.Keyboard.PressAsync("Enter");

        var notice = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(notice).ToContainTextAsync("You're on the waitlist for any day with any therapist");
        Assert.Contains("lee.waiting@example.org", await notice.InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Mistakes_are_summarised_linked_to_their_fields_and_what_was_chosen_is_kept()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/waitlist");
        var day = await page.GetByLabel("Day").EvaluateAsync<string>("s => s.options[2].value");
        await page.GetByLabel("Day").SelectOptionAsync(day);
        await page.GetByLabel("Email address").FillAsync("not-an-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert.GetByRole(AriaRole.Link, new() { Name = "Enter your name." })).ToHaveAttributeAsync("href", "#name");
        await Assertions.Expect(alert.GetByRole(AriaRole.Link, new() { Name = "Enter an email address like name@example.com." })).ToHaveAttributeAsync("href", "#email");
        Assert.Equal("not-an-email", await page.GetByLabel("Email address").InputValueAsync());
        Assert.Equal(day, await page.GetByLabel("Day").InputValueAsync());
        Assert.Equal("true", await page.GetByLabel("Email address").GetAttributeAsync("aria-invalid"));
        await page.AssertNoSeriousViolationsAsync();
    }
}
