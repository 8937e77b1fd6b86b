using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Composition;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

/// <summary>
/// A therapist's morning: sign in, see today's sessions with their flags, open one, mark it completed, print the day
/// sheet. The print-media screenshot is kept at tests/SymposiumBooking.Browser.Tests/TestResults/therapist-day-sheet-print.png.
/// </summary>
public sealed class TherapistDayTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Maria = "maria.keller@demo.symposium.test";

    [Fact]
    public async Task A_therapist_signs_in_sees_todays_flagged_sessions_marks_one_completed_and_prints_the_day_sheet()
    {
        // The demo symposium's first day, ten minutes into Maria's 09:00 session with Jordan Lee.
        await using (var db = app.OpenDb())
        {
            var symposium = await db.Symposia.SingleAsync(TestContext.Current.CancellationToken);
            app.Clock.SetUtcNow(symposium.StartDate.At(new LocalTime(9, 10)).InZoneLeniently(symposium.Zone).ToDateTimeOffset());
        }

        var page = await app.NewPageAsync(BrowserApp.Phone);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(Maria);
        await page.GetByLabel("Password").FillAsync(DemoData.TherapistPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(app.BaseUrl + "/my-day");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("My day");
        var day = page.Locator("ol.day-list");
        foreach (var text in new[] { "Jordan Lee", "Sam Rivera", "Alex Morgan", "Botox within 14 days", "DBS: both sides", "Blood thinners", "Recent neck surgery" })
        {
            await Assertions.Expect(day).ToContainTextAsync(text);
        }

        Assert.Equal(3, await day.GetByText("Avoid front of neck").CountAsync()); // on every session
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Jordan Lee" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Health questions" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Left shoulder is sore after the flight.");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Marked completed.");
        await Assertions.Expect(page.Locator(".facts .status").First).ToHaveTextAsync("Completed");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the day" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Printable day sheet" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var sheet = page.Locator("section.sheet");
        await Assertions.Expect(sheet).ToContainTextAsync("Jordan L.");
        await Assertions.Expect(sheet).ToContainTextAsync("Completed");
        await Assertions.Expect(sheet).ToContainTextAsync("Botox within 14 days");
        await Assertions.Expect(sheet).Not.ToContainTextAsync("Jordan Lee"); // first name and initial on paper
        await Assertions.Expect(sheet).Not.ToContainTextAsync("Left shoulder"); // flags, never the intake's text
        Assert.False(await page.Locator(".site-header").IsVisibleAsync(), "navigation is not printed");
        var shot = Path.Combine(RepoPaths.Root, "tests", "SymposiumBooking.Browser.Tests", "TestResults", "therapist-day-sheet-print.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 0);

        await using var check = app.OpenDb();
        Assert.Contains(BookingStatus.Completed, await check.Bookings.Select(b => b.Status).ToListAsync(TestContext.Current.CancellationToken));
    }
}
