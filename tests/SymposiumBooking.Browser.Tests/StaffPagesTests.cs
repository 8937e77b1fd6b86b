using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

/// <summary>The staff pages and the symposium's audit and print pages, reached by an organizer and checked with axe; the forgotten-password page by keyboard on a phone.</summary>
public sealed class StaffPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_organizer_reaches_staff_accounts_the_audit_log_the_tables_list_and_their_account_and_each_passes_axe()
    {
        Guid symposiumId;
        await using (var db = app.OpenDb())
        {
            symposiumId = (await db.Symposia.SingleAsync(TestContext.Current.CancellationToken)).Id;
        }

        var page = await app.NewPageAsync(new ViewportSize { Width = 820, Height = 1180 });
        await PageForms.SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize/staff");
        foreach (var (path, heading) in new[]
                 {
                     ("/organize/staff", "Staff accounts"),
                     ($"/organize/{symposiumId}/audit", "Staff actions"),
                     ($"/organize/{symposiumId}/print", "The table's list"),
                     ("/account", "Your account"),
                 })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await page.AssertNoSeriousViolationsAsync();
        }

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(BookingApp.OrganizerEmail);
    }

    [Fact]
    public async Task A_forgotten_password_is_asked_for_by_keyboard_on_a_phone_and_the_answer_says_nothing_about_the_account()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Forgot your password?");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByLabel("Email").FillAsync("nobody@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mail me a link" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        Assert.DoesNotContain("nobody@example.org", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoSeriousViolationsAsync();
    }
}
