using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Web.Composition;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Browser.Tests.Harness.PageForms;

namespace SymposiumBooking.Browser.Tests;

/// <summary>
/// The organizer's journey through the pages: from sign-in to a published symposium with slots, the form errors on
/// the way, who may open the pages at all, and phone widths. Each page of the flow is checked with axe.
/// </summary>
public sealed partial class OrganizerJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_organizer_sets_up_an_symposium_from_sign_in_to_published_with_slots()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize");
        await Assertions.Expect(H1(page)).ToHaveTextAsync("Symposia");
        await page.AssertNoSeriousViolationsAsync();

        // Details
        await page.GetByRole(AriaRole.Link, new() { Name = "New symposium" }).ClickAsync();
        await Assertions.Expect(CurrentStep(page)).ToContainTextAsync("Details");
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync("2030");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Lyon");
        await page.GetByLabel("Venue name", new() { Exact = true }).FillAsync("Centre de Congrès");
        await page.GetByLabel("Venue address", new() { Exact = true }).FillAsync("50 Quai Charles de Gaulle, 69006 Lyon");
        await page.GetByLabel("Time zone", new() { Exact = true }).FillAsync("Europe/Paris");
        await page.GetByLabel("First day", new() { Exact = true }).FillAsync("2030-05-10");
        await page.GetByLabel("Last day", new() { Exact = true }).FillAsync("2030-05-12");
        await page.GetByLabel("Currency", new() { Exact = true }).FillAsync("EUR");
        await page.GetByLabel("Reduced rate", new() { Exact = true }).FillAsync("25.00");
        await page.GetByLabel("Standard rate", new() { Exact = true }).FillAsync("60");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and continue" }).ClickAsync();

        // Policy
        await Assertions.Expect(CurrentStep(page)).ToContainTextAsync("Booking policy");
        await Assertions.Expect(Notice(page)).ToContainTextAsync("created as a draft");
        var id = SymposiumId().Match(page.Url).Groups[1].Value;

        // Publishing now is refused with the handler's reason.
        await page.GotoAsync($"/organize/{id}/publish");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish 2030 · Lyon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Set the booking policy before publishing.");
        await page.AssertNoSeriousViolationsAsync();
        await PageShots.TakeAsync(page, "journey-publish-refused");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set the booking policy" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Local time at the venue (Europe/Paris).").First).ToBeVisibleAsync();
        await page.GetByLabel("Booking opens").FillAsync("2030-03-01T09:00");
        await page.GetByLabel("Booking closes").FillAsync("2030-05-12T17:00");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // Therapists
        await Assertions.Expect(CurrentStep(page)).ToContainTextAsync("Therapists");
        await Assertions.Expect(Notice(page)).ToHaveTextAsync("Booking policy saved.");
        await Assertions.Expect(page.GetByText("emails them an invitation")).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Inès Dupont");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("ines.dupont@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add therapist and send invitation" }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToContainTextAsync("Inès Dupont added — invitation queued");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("ines.dupont@example.org");
        await page.AssertNoSeriousViolationsAsync();

        // Shifts: preview, then save
        await page.GetByRole(AriaRole.Link, new() { Name = "Next: shifts" }).ClickAsync();
        await Assertions.Expect(CurrentStep(page)).ToContainTextAsync("Shifts");
        await page.GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Inès Dupont" });
        await page.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync("2030-05-10");
        await page.GetByLabel("Starts at", new() { Exact = true }).FillAsync("09:00");
        await page.GetByLabel("Ends at", new() { Exact = true }).FillAsync("13:00");
        await page.GetByLabel("Session length in minutes").FillAsync("50");
        await page.GetByLabel("Buffer after each session, in minutes").FillAsync("10");
        await page.GetByLabel("Break 1 starts").FillAsync("11:00");
        await page.GetByLabel("Break 1 ends").FillAsync("11:30");
        await page.GetByLabel("Location").FillAsync("Salle 2, table 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview slots" }).ClickAsync();

        var preview = page.Locator("#shift-preview");
        Assert.Equal("polite", await preview.GetAttributeAsync("aria-live"));
        await Assertions.Expect(preview.GetByRole(AriaRole.Listitem))
            .ToHaveTextAsync(["9:00 AM – 9:50 AM", "10:00 AM – 10:50 AM", "11:30 AM – 12:20 PM"]);
        await Assertions.Expect(preview).ToContainTextAsync("This shift gives 3 slots");
        Assert.DoesNotContain("handler=preview", page.Url, StringComparison.Ordinal); // the script asked the API; no reload

        // The preview follows the form as it changes.
        await page.GetByLabel("Ends at", new() { Exact = true }).FillAsync("12:00");
        await Assertions.Expect(preview.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["9:00 AM – 9:50 AM", "10:00 AM – 10:50 AM"]);
        await page.GetByLabel("Ends at", new() { Exact = true }).FillAsync("13:00");
        await Assertions.Expect(preview.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await page.AssertNoSeriousViolationsAsync();
        await PageShots.TakeAsync(page, "journey-shifts-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add shift" }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToContainTextAsync("Shift added: Inès Dupont, Friday 10 May 2030, 9:00 AM to 1:00 PM, 3 slots.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shifts at this symposium (1)" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // Publish
        await page.GetByRole(AriaRole.Link, new() { Name = "Next: publish" }).ClickAsync();
        await Assertions.Expect(CurrentStep(page)).ToContainTextAsync("Publish");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("1, with 3 slots");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish 2030 · Lyon" }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToContainTextAsync("2030 · Lyon is published");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish 2030 · Lyon", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Close or take down" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await PageShots.TakeAsync(page, "journey-published");

        // The day grid and the (empty) bookings list of the new symposium
        await page.GotoAsync($"/organize/{id}/grid?date=2030-05-10");
        var grid = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(grid.Locator("caption")).ToHaveTextAsync("Slots on Friday 10 May 2030, by therapist");
        await Assertions.Expect(grid.GetByRole(AriaRole.Columnheader, new() { Name = "Inès Dupont" })).ToBeVisibleAsync();
        await Assertions.Expect(grid.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["9:00 AM", "10:00 AM", "11:30 AM"]);
        await Assertions.Expect(grid.Locator("td .status")).ToHaveTextAsync(["Free", "Free", "Free"]);
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync($"/organize/{id}/bookings");
        await Assertions.Expect(page.GetByText("No bookings yet.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // The symposia list shows it published; the attendees' home page still answers.
        await page.GotoAsync("/organize");
        var lyon = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "2030 · Lyon" }) });
        await Assertions.Expect(lyon).ToContainTextAsync("published", new() { IgnoreCase = true });
        await page.AssertNoSeriousViolationsAsync();

        var home = await page.GotoAsync("/");
        Assert.Equal(200, home!.Status);
        await Assertions.Expect(H1(page)).ToContainTextAsync("symposium in");
    }

    [Fact]
    public async Task A_refused_details_form_shows_the_summary_and_the_field_messages_and_keeps_what_was_typed()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize/new");

        // An empty form: every problem at once, in the form's order, each linked to its input.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and continue" }).ClickAsync();
        var links = page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link);
        await Assertions.Expect(links.First).ToHaveAttributeAsync("href", "#year");
        await Assertions.Expect(links.Last).ToHaveAttributeAsync("href", "#standard-rate");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'City' must not be empty.");
        Assert.Equal(
            ["#year", "#city", "#venue-name", "#venue-address", "#time-zone", "#start-date", "#end-date", "#reduced-rate", "#standard-rate"],
            (await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).Distinct());

        await page.GetByLabel("Year", new() { Exact = true }).FillAsync("2031");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Nowhere");
        await page.GetByLabel("Venue name", new() { Exact = true }).FillAsync("Crater Hall");
        await page.GetByLabel("Venue address", new() { Exact = true }).FillAsync("1 Summit Road");
        await page.GetByLabel("Time zone", new() { Exact = true }).FillAsync("Mars/Olympus");
        await page.GetByLabel("First day", new() { Exact = true }).FillAsync("2031-05-12");
        await page.GetByLabel("Last day", new() { Exact = true }).FillAsync("2031-05-10");
        await page.GetByLabel("Reduced rate", new() { Exact = true }).FillAsync("25.00");
        await page.GetByLabel("Standard rate", new() { Exact = true }).FillAsync("60.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and continue" }).ClickAsync();

        // The zone is checked first: its message is in the summary, linked to the input, and beside the input.
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync("'Mars/Olympus' is not a time zone of the IANA database.");
        Assert.Equal("#time-zone", await summary.GetByRole(AriaRole.Link).GetAttributeAsync("href"));
        await Assertions.Expect(summary).ToBeFocusedAsync();
        var zone = page.GetByLabel("Time zone", new() { Exact = true });
        await Assertions.Expect(zone).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(zone).ToHaveAccessibleDescriptionAsync(new Regex("is not a time zone of the IANA database"));
        await Assertions.Expect(zone).ToHaveValueAsync("Mars/Olympus");
        await Assertions.Expect(page.GetByLabel("First day", new() { Exact = true })).ToHaveValueAsync("2031-05-12");
        await Assertions.Expect(page.GetByLabel("Last day", new() { Exact = true })).ToHaveValueAsync("2031-05-10");
        await Assertions.Expect(page.GetByLabel("Venue name", new() { Exact = true })).ToHaveValueAsync("Crater Hall");
        await Assertions.Expect(page.GetByLabel("Reduced rate", new() { Exact = true })).ToHaveValueAsync("25.00");
        await page.AssertNoSeriousViolationsAsync();
        await PageShots.TakeAsync(page, "details-errors");

        // With a real zone, the dates are next; the summary's link takes the keyboard to the field.
        await zone.FillAsync("Europe/Paris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and continue" }).ClickAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync("The end date must be on or after the start date.");
        await Assertions.Expect(zone).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        var lastDay = page.GetByLabel("Last day", new() { Exact = true });
        await Assertions.Expect(lastDay).ToBeFocusedAsync();
        await Assertions.Expect(lastDay).ToHaveAttributeAsync("aria-invalid", "true");

        // An amount the page cannot read is named at its input.
        await lastDay.FillAsync("2031-05-14");
        await page.GetByLabel("Reduced rate", new() { Exact = true }).FillAsync("25,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and continue" }).ClickAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(new Regex("reduced rate as a number with a point"));
        Assert.Equal("#reduced-rate", await summary.GetByRole(AriaRole.Link).GetAttributeAsync("href"));
        await page.GotoAsync("/organize");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2031 · Nowhere" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Only_organizers_open_the_organize_pages()
    {
        var anonymous = await app.NewPageAsync();
        await anonymous.GotoAsync("/organize");
        Assert.Matches("/account/sign-in\\?ReturnUrl=%2Forganize$", anonymous.Url);
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Link, new() { Name = "Organize", Exact = true })).ToHaveCountAsync(0);

        var therapist = await app.NewPageAsync();
        await SignInAsync(therapist, "maria.keller@demo.symposium.test", DemoData.TherapistPassword, "/");
        await Assertions.Expect(therapist.GetByRole(AriaRole.Link, new() { Name = "Organize", Exact = true })).ToHaveCountAsync(0);
        await therapist.GotoAsync("/organize/new");
        await Assertions.Expect(H1(therapist)).ToHaveTextAsync("Not allowed");

        var organizer = await app.NewPageAsync();
        await SignInAsync(organizer, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/");
        await organizer.GetByRole(AriaRole.Link, new() { Name = "Organize", Exact = true }).ClickAsync();
        await Assertions.Expect(H1(organizer)).ToHaveTextAsync("Symposia");
    }

    [Fact]
    public async Task The_demo_symposia_grid_bookings_and_shifts_pass_axe_and_export_csv()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize");
        var id = await DemoSymposiumIdAsync(page);

        await page.GotoAsync($"/organize/{id}/grid");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).Locator("caption")).ToContainTextAsync("Slots on Friday 1 January 2027");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).Locator("td .status", new() { HasText = "Booked" })).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("nav[aria-label='Days'] [aria-current='date']")).ToHaveTextAsync("Friday 1 January 2027");
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync($"/organize/{id}/bookings");
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.First).ToContainTextAsync("Jordan Lee");
        await page.AssertNoSeriousViolationsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        using var csv = new StreamReader(await download.CreateReadStreamAsync());
        var text = await csv.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("booking_id,status,date,start,end,therapist", text, StringComparison.Ordinal);
        Assert.Contains("Jordan Lee", text, StringComparison.Ordinal);

        await page.GotoAsync($"/organize/{id}/shifts");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shifts at this symposium (9)" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GotoAsync($"/organize/{id}/copy");
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_therapist_is_removed_only_after_a_confirmation_and_never_with_bookings()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        await SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize");
        var id = await DemoSymposiumIdAsync(page);
        await page.GotoAsync($"/organize/{id}/therapists");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Sam Stand-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("sam.standin@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add therapist and send invitation" }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToContainTextAsync("Sam Stand-in added — invitation queued to sam.standin@example.org.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Sam Stand-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Remove Sam Stand-in?" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove Sam Stand-in" }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToHaveTextAsync("Sam Stand-in removed, with their shifts.");
        await Assertions.Expect(page.GetByText("sam.standin@example.org")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Maria Keller" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove Maria Keller" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This therapist has bookings and cannot be removed.");
        await Assertions.Expect(page.GetByText("maria.keller@demo.symposium.test")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Copying_an_symposium_opens_the_new_draft_with_its_shifts()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize");
        var chicago = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "2027 · Chicago" }) });
        await chicago.GetByRole(AriaRole.Link, new() { Name = "Copy to a new year" }).ClickAsync();
        await Assertions.Expect(H1(page)).ToContainTextAsync("Copy to a new year");
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync("2028");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Denver");
        await page.GetByLabel("Venue name", new() { Exact = true }).FillAsync("Mile High Hall");
        await page.GetByLabel("Venue address", new() { Exact = true }).FillAsync("700 14th St, Denver, CO 80202");
        await page.GetByLabel("Time zone", new() { Exact = true }).FillAsync("America/Denver");
        await page.GetByLabel("First day", new() { Exact = true }).FillAsync("2028-01-07");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy to the new year" }).ClickAsync();

        await Assertions.Expect(H1(page)).ToContainTextAsync("2028 · Denver");
        await Assertions.Expect(CurrentStep(page)).ToContainTextAsync("Details");
        await Assertions.Expect(Notice(page)).ToContainTextAsync("Copied 2027 · Chicago to 2028 in Denver");
        await Assertions.Expect(page.GetByLabel("Last day", new() { Exact = true })).ToHaveValueAsync("2028-01-09");
        await page.GetByRole(AriaRole.Link, new() { Name = "Shifts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shifts at this symposium (9)" })).ToBeVisibleAsync();

        // A copied shift goes after a confirmation, like a therapist.
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove the shift of Aiko Tanaka, Friday 7 January 2028, 9:00 AM" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Remove this shift?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove the shift" }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToHaveTextAsync("Shift removed, with its slots.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shifts at this symposium (8)" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(390, 1)]
    [InlineData(195, 2)] // 200 % zoom on a 390 px phone
    public async Task On_a_phone_the_shifts_and_grid_pages_do_not_scroll_sideways(int width, float scale)
    {
        var page = await app.NewPageAsync(new ViewportSize { Width = width, Height = 844 }, scale);
        await SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize");
        var id = await DemoSymposiumIdAsync(page);

        await page.GotoAsync($"/organize/{id}/shifts");
        await page.GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Maria Keller" });
        await page.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Starts at", new() { Exact = true }).FillAsync("18:00");
        await page.GetByLabel("Ends at", new() { Exact = true }).FillAsync("20:00");
        await page.GetByLabel("Location").FillAsync("Room B, table 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview slots" }).ClickAsync();
        await Assertions.Expect(page.Locator("#shift-preview li")).ToHaveTextAsync(["6:00 PM – 6:50 PM", "7:00 PM – 7:50 PM"]);
        await AssertFitsAsync(page, width);
        await PageShots.TakeAsync(page, $"shifts-{width}");

        await page.GotoAsync($"/organize/{id}/grid");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await AssertFitsAsync(page, width);
        await PageShots.TakeAsync(page, $"grid-{width}");

        await page.GotoAsync($"/organize/{id}/bookings");
        await AssertFitsAsync(page, width);
    }

    [Fact]
    public async Task Without_javascript_the_preview_button_shows_the_slots_from_the_server()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            JavaScriptEnabled = false,
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize");
        var id = await DemoSymposiumIdAsync(page);

        await page.GotoAsync($"/organize/{id}/shifts");
        await page.GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Aiko Tanaka" });
        await page.GetByLabel("Starts at", new() { Exact = true }).FillAsync("17:00");
        await page.GetByLabel("Ends at", new() { Exact = true }).FillAsync("18:00");
        await page.GetByLabel("Session length in minutes").FillAsync("25");
        await page.GetByLabel("Buffer after each session, in minutes").FillAsync("5");
        await page.GetByLabel("Location").FillAsync("Room B, table 3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview slots" }).ClickAsync();

        await Assertions.Expect(page.Locator("#shift-preview li")).ToHaveTextAsync(["5:00 PM – 5:25 PM", "5:30 PM – 5:55 PM"]);
        await Assertions.Expect(page.GetByLabel("Location")).ToHaveValueAsync("Room B, table 3");

        // A shift the therapist already works during is refused with the handler's message.
        await page.GetByLabel("Starts at", new() { Exact = true }).FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview slots" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This therapist already works at that time.");
        await context.CloseAsync();
    }

    private static async Task<string> DemoSymposiumIdAsync(IPage page)
    {
        var current = await page.APIRequest.GetAsync("/api/v1/symposia/current");
        Assert.True(current.Ok);
        var json = await current.JsonAsync();
        return json!.Value.GetProperty("id").GetString()!;
    }

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than a {width}px screen");
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('nav a, button, input:not([type=hidden]), select, textarea, a.button, summary')]
                .filter(e => e.getClientRects().length > 0)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width < 44 || r.height < 44)
                .map(([e, r]) => `${e.tagName} "${e.textContent.trim()}" ${Math.round(r.width)}x${Math.round(r.height)}`)
            """);
        Assert.True(small.Length == 0, $"targets under 44px on {page.Url}: " + string.Join("; ", small));
    }

    [Fact]
    public async Task A_draft_is_deleted_by_keyboard_only_once_the_organizer_ticks_the_confirmation()
    {
        var draft = Seed.Symposium(NodaTime.Instant.FromDateTimeOffset(app.Clock.GetUtcNow()), Seed.Details(2044, "Oslo", "Europe/Oslo"));
        await using (var db = app.OpenDb())
        {
            db.Symposia.Add(draft);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await app.NewPageAsync();
        await SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, $"/organize/{draft.Id}/publish");
        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Delete 2044 · Oslo" });
        await Assertions.Expect(delete).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await delete.PressAsync("Enter"); // the browser holds the form back: the box is required
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/organize/{draft.Id}/publish$"));

        await page.GetByLabel("Yes, delete 2044 · Oslo for good").PressAsync("Space");
        await delete.PressAsync("Enter");
        await Assertions.Expect(Notice(page)).ToContainTextAsync("2044 · Oslo is deleted.");
        await Assertions.Expect(H1(page)).ToHaveTextAsync("Symposia");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2044 · Oslo" })).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();
    }

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator CurrentStep(IPage page) => page.Locator("nav[aria-label='Setup steps'] [aria-current='step']");

    private static ILocator Notice(IPage page) => page.GetByRole(AriaRole.Status);

    [GeneratedRegex("/organize/([0-9a-f-]{36})/")]
    private static partial Regex SymposiumId();
}
