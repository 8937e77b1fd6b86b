using Microsoft.Playwright;
using NodaTime;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

/// <summary>The organizers' "Mail not delivered" page: axe-clean, and its button works from the keyboard.</summary>
public sealed class MailPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_held_mail_is_listed_passes_axe_and_is_sent_again_from_the_keyboard()
    {
        var held = await HoldAMailAsync();
        var page = await app.NewPageAsync(BrowserApp.Phone);
        await PageForms.SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mail not delivered" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mail not delivered");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).Locator("tbody tr")).ToContainTextAsync(held.MessageId);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Send again Therapist invitation" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("goes out again at the next round");
        await Assertions.Expect(page.GetByText("No mail is held or failed.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>An invitation whose delivery is unknown, as the dispatcher leaves it after a connection lost after the data.</summary>
    private async Task<OutboxMessage> HoldAMailAsync()
    {
        var now = Instant.FromDateTimeOffset(app.Clock.GetUtcNow());
        var message = OutboxMessage.Create(OutboxTypes.TherapistInvitation, $$"""{"therapistId":"{{Guid.NewGuid()}}"}""", now);
        message.BeginAttempt(now);
        message.MarkOutcomeUnknown(now, "MailOutcomeUnknownException");
        await using var db = app.OpenDb();
        db.Outbox.Add(message);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return message;
    }
}
