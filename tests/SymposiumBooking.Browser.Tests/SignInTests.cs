using Microsoft.Playwright;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

public sealed class SignInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_organizer_signs_in_by_keyboard_alone_lands_on_organize_and_signs_out()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        await page.GotoAsync("/account/sign-in");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByLabel("Email").FocusAsync();
        await page.Keyboard.TypeAsync(BookingApp.OrganizerEmail);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(BookingApp.OrganizerPassword);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(app.BaseUrl + "/organize"); // organizers land on their pages
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Assertions.Expect(signOut).ToBeVisibleAsync();

        await signOut.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Staff sign-in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_announced_and_keeps_the_email()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");

        await page.GetByLabel("Email").FillAsync(BookingApp.OrganizerEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        Assert.Contains("email or password is not right", await alert.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(BookingApp.OrganizerEmail, await page.GetByLabel("Email").InputValueAsync());
        await page.AssertNoSeriousViolationsAsync();
    }
}
