using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using NodaTime;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

/// <summary>
/// A morning at the symposium's table, by keyboard alone, on the demo symposium: a walk-in is booked from the day grid
/// and pays cash, is checked in, her booking is moved on her behalf (her mail carries the invite with a higher
/// SEQUENCE), a walk-in who lost their link gets it back by mail, and the dashboard's numbers say the same.
/// Every page is checked with axe.
/// </summary>
public sealed partial class TableDayTests(TableDayTests.App app) : IClassFixture<TableDayTests.App>
{
    private const string Wendy = "wendy.walkin@example.org";

    /// <summary>The demo app, with its mail written to a folder as .eml files.</summary>
    public sealed class App : BrowserApp
    {
        public string Inbox { get; } = Path.Combine(Path.GetTempPath(), "sb-table-inbox-" + Guid.NewGuid().ToString("N")[..12]);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [.. base.Settings, new("Mail:PickupDirectory", Inbox)];

        public async Task SendOutboxAsync()
        {
            while (await Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(TestContext.Current.CancellationToken) > 0)
            {
            }
        }

        public List<MimeMessage> MailsTo(string address) =>
        [
            .. (Directory.Exists(Inbox) ? Directory.GetFiles(Inbox, "*.eml") : [])
                .Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(b => b.Address == address))
                .OrderBy(m => m.Date),
        ];

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(Inbox))
            {
                Directory.Delete(Inbox, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_day_at_the_table_walk_in_paid_in_cash_checked_in_a_booking_moved_and_a_lost_link_sent_again()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid symposiumId;
        LocalDate firstDay;
        await using (var db = app.OpenDb())
        {
            var symposium = await db.Symposia.SingleAsync(ct);
            (symposiumId, firstDay) = (symposium.Id, symposium.StartDate);
            app.Clock.SetUtcNow(firstDay.At(new LocalTime(8, 0)).InZoneLeniently(symposium.Zone).ToDateTimeOffset());
        }

        var page = await app.NewPageAsync(new ViewportSize { Width = 1024, Height = 1366 }); // a tablet at the table
        await PageForms.SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, $"/organize/{symposiumId}/grid?date={firstDay:yyyy-MM-dd}");
        await page.AssertNoSeriousViolationsAsync();

        // A walk-in, from the grid's first free slot, paid in cash.
        await PressAsync(page.GetByRole(AriaRole.Link, new() { Name = "Book at the table" }).First);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Book at the table");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Wendy Walkin");
        await page.GetByLabel("Email address (optional)").FillAsync(Wendy);
        await TickAsync(page.GetByLabel("Reduced rate"));
        await TickAsync(page.GetByLabel("Paid now, at the table"));
        await TickAsync(page.GetByLabel("Cash"));
        await page.GetByLabel("Amount paid (USD)").FillAsync("25.00");
        await TickAsync(page.GetByLabel("Intake taken on paper"));
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Book at the table" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked Wendy Walkin");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("25.00 USD");
        await page.AssertNoSeriousViolationsAsync();

        // She arrives.
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Check in" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wendy Walkin is checked in.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undo check-in" })).ToBeVisibleAsync();

        // She asks for a later time: moved on her behalf.
        await PressAsync(page.GetByRole(AriaRole.Link, new() { Name = "Move" }).First);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Move booking");
        await page.AssertNoSeriousViolationsAsync();
        await TickAsync(page.GetByRole(AriaRole.Radio).Last);
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wendy Walkin's booking moved to");
        await page.AssertNoSeriousViolationsAsync();

        await app.SendOutboxAsync();
        var invites = app.MailsTo(Wendy).Select(Calendar).Where(c => c.Contains("METHOD:REQUEST", StringComparison.Ordinal)).Select(SequenceOf).Order().ToList();
        Assert.Equal([0, 1], invites); // the walk-in's invite, then the move's update of it

        // Wendy lost the mail with her link: she asks on the public page, on her phone.
        var phone = await app.NewPageAsync(BrowserApp.Phone);
        await phone.GotoAsync("/bookings/lost-link");
        await phone.AssertNoSeriousViolationsAsync();
        await phone.GetByLabel("Email address").FillAsync(Wendy);
        await PressAsync(phone.GetByRole(AriaRole.Button, new() { Name = "Send me my links" }));
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await app.SendOutboxAsync();
        var recovery = app.MailsTo(Wendy).Last();
        var link = RecoveryLink().Match(recovery.TextBody ?? "");
        Assert.True(link.Success, "the lost-link mail carries a link to the recovery page");
        await phone.GotoAsync(new Uri(link.Value).PathAndQuery);
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Your bookings");
        await phone.AssertNoSeriousViolationsAsync();
        await PressAsync(phone.GetByRole(AriaRole.Button).Filter(new() { HasText = "Open this booking" }).First);
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Your massage booking");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("Booking details");
        await phone.AssertNoSeriousViolationsAsync();

        // The dashboard says what the day did.
        await page.GotoAsync($"/organize/{symposiumId}/dashboard");
        await page.AssertNoSeriousViolationsAsync();
        await Assertions.Expect(Fact(page, "Collected at the table")).ToContainTextAsync("25.00 USD");
        await Assertions.Expect(Fact(page, "Checked in")).ToHaveTextAsync("1");

        await using var check = app.OpenDb();
        var wendy = await check.Bookings.SingleAsync(b => b.AttendeeEmail == Wendy, ct);
        Assert.Equal(BookingStatus.Confirmed, wendy.Status);
        Assert.NotNull(wendy.CheckedInAt);
        Assert.NotNull(wendy.BookedBy);
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Fact(IPage page, string term) => page.Locator($"dl div:has(dt:text-is('{term}')) dd").First;

    private static string Calendar(MimeMessage mail) =>
        mail.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.ContentType.MimeType == "text/calendar")?.Text ?? "";

    private static int SequenceOf(string ics) => int.Parse(SequenceLine().Match(ics).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task PressAsync(ILocator target)
    {
        await target.FocusAsync();
        await target.Page.Keyboard.PressAsync("Enter");
    }

    private static async Task TickAsync(ILocator target)
    {
        await target.FocusAsync();
        await target.Page.Keyboard.PressAsync("Space");
    }

    [GeneratedRegex(@"SEQUENCE:(\d+)")]
    private static partial Regex SequenceLine();

    [GeneratedRegex(@"https?://\S+/bookings/lost-link/open\?t=[A-Za-z0-9_%\-]+")]
    private static partial Regex RecoveryLink();
}
