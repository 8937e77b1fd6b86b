using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SymposiumBooking.Browser.Tests.Harness;

/// <summary>Forms several browser tests fill the same way.</summary>
public static class PageForms
{
    /// <summary>The booking form's required answers: standard rate, no head turn or tilt, no DBS, no blood thinners or neck surgery, consent.</summary>
    public static async Task FillRequiredAsync(IPage page, string name, string email)
    {
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.Locator("#rate-standard").CheckAsync();
        await page.Locator("#head-turn-none").CheckAsync();
        await page.Locator("#head-tilt-none").CheckAsync();
        await page.Locator("#dbs-none").CheckAsync();
        await page.Locator("#blood-thinners-no").CheckAsync();
        await page.Locator("#recent-neck-surgery-no").CheckAsync();
        await page.Locator("#consent").CheckAsync();
    }

    /// <summary>Signs in through the sign-in form and waits for <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string returnUrl)
    {
        await page.GotoAsync("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
    }
}
