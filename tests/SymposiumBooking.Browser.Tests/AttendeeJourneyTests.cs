using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Domain.Bookings;
using static SymposiumBooking.Browser.Tests.Harness.Keyboard;
using static SymposiumBooking.Browser.Tests.Harness.PageForms;

namespace SymposiumBooking.Browser.Tests;

/// <summary>
/// The attendee's journey on a phone, by keyboard alone: home, the picker, the form, the confirmation with the
/// link to keep, then that link in another browser to cancel. Also the refused form, a double submit and booking
/// with JavaScript off. Each test books its own slot of the demo symposium (days 2 and 3), so the order does not matter.
/// </summary>
public sealed partial class AttendeeJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task An_attendee_books_by_keyboard_on_a_phone_then_cancels_from_the_link_in_another_browser()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        var day = (await FirstDayAsync(page)).AddDays(1);
        var dayLabel = day.ToString("dddd d MMMM yyyy", English);
        await page.GotoAsync("/");

        await TabToAsync(page, "Book a massage");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/book$"));
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        await TabToAsync(page, dayLabel);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = dayLabel, Exact = true })).ToHaveAttributeAsync("aria-current", "date");
        await TabToAsync(page, "Tomás Ortega");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tomás Ortega", Exact = true })).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = $"3. Choose a time on {dayLabel} with Tomás Ortega" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main h3")).ToHaveTextAsync(["Tomás Ortega"]);
        await page.AssertNoSeriousViolationsAsync();

        await TabToAsync(page, "9:00 AM – 9:50 AM, Tomás Ortega, Room B, table 2");
        var pickerUrl = page.Url;
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(SlotUrl());
        var slotPath = new Uri(page.Url).AbsolutePath;
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("It avoids the front of the neck.");
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        await TabToAsync(page, "Your name");
        await page.Keyboard.TypeAsync("Robin Keys");
        await page.Keyboard.PressAsync("Tab");
        await AssertFocusedAsync(page, "Email address");
        await page.Keyboard.TypeAsync("robin.keys@example.org");
        await TabToAsync(page, "Reduced rate, 25.00 USD");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await AssertFocusedAsync(page, "I live with cervical dystonia (spasmodic torticollis)");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "It does not turn");
        await page.Keyboard.PressAsync("ArrowDown");
        await AssertFocusedAsync(page, "To the left");
        await TabToAsync(page, "It does not tilt");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await AssertFocusedAsync(page, "Towards the right shoulder");
        await TabToAsync(page, "Upper back");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "No implant");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab"); // blood thinners: the group's first answer
        await AssertFocusedAsync(page, "Yes");
        await page.Keyboard.PressAsync("ArrowDown");
        await AssertFocusedAsync(page, "No");
        await page.Keyboard.PressAsync("Tab"); // recent neck surgery
        await AssertFocusedAsync(page, "Yes");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "Sitting up");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "Anything else your therapist should know? (optional)");
        await page.Keyboard.TypeAsync("Please go gently on the left side.");
        await TabToAsync(page, "I agree", prefix: true);
        await page.Keyboard.PressAsync("Space");

        Assert.True(await page.Locator("#rate-reduced").IsCheckedAsync());
        Assert.True(await page.Locator("#confirms-condition").IsCheckedAsync());
        Assert.True(await page.Locator("#head-turn-left").IsCheckedAsync());
        Assert.True(await page.Locator("#head-tilt-right").IsCheckedAsync());
        Assert.True(await page.Locator("#blood-thinners-no").IsCheckedAsync());
        Assert.True(await page.Locator("#recent-neck-surgery-no").IsCheckedAsync());
        Assert.True(await page.Locator("#consent").IsCheckedAsync());

        await TabToAsync(page, "Book this massage");
        await page.Keyboard.PressAsync("Enter");

        // The confirmation: the booking, and the link to keep, shown this once.
        await Assertions.Expect(page).ToHaveURLAsync(BookingUrl());
        var bookingPath = new Uri(page.Url).AbsolutePath;
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Confirmed");
        var details = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(details).ToContainTextAsync("Tomás Ortega");
        await Assertions.Expect(details).ToContainTextAsync("9:00 AM – 9:50 AM");
        await Assertions.Expect(details).ToContainTextAsync("25.00 USD (reduced rate)");
        await Assertions.Expect(details).ToContainTextAsync("Pay at the table");
        var link = await page.GetByLabel("Your booking link").InputValueAsync();
        Assert.StartsWith(app.BaseUrl + bookingPath + "?t=", link, StringComparison.Ordinal);
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Your booking link")).ToHaveCountAsync(0);

        // The link in a browser that has never seen the booking: the token becomes a cookie and leaves the address.
        await using var other = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = BrowserApp.Phone, Locale = "en-US" });
        var phone = await other.NewPageAsync();
        await phone.GotoAsync(link);
        Assert.Equal(app.BaseUrl + bookingPath, phone.Url);
        var cookie = Assert.Single(await other.CookiesAsync(), c => c.Name.StartsWith("sb-booking-", StringComparison.Ordinal));
        Assert.True(cookie.HttpOnly);
        Assert.Equal(bookingPath, cookie.Path);
        await Assertions.Expect(phone.Locator("#booking-status")).ToHaveTextAsync("Confirmed");
        await AssertFitsPhoneAsync(phone);
        await phone.AssertNoSeriousViolationsAsync();

        await TabToAsync(phone, "Cancel this booking");
        await phone.Keyboard.PressAsync("Enter");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Cancel this booking?" })).ToBeVisibleAsync();
        await phone.AssertNoSeriousViolationsAsync();
        await TabToAsync(phone, "Yes, cancel this booking");
        await phone.Keyboard.PressAsync("Enter");
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Your booking is cancelled.");
        await Assertions.Expect(phone.Locator("#booking-status")).ToHaveTextAsync("Cancelled");
        Assert.Equal(app.BaseUrl + bookingPath, phone.Url);

        // The time is free again.
        await page.GotoAsync(pickerUrl);
        await Assertions.Expect(page.Locator($"a[href='{slotPath}']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_form_with_missing_answers_shows_a_focused_error_summary_keeps_the_values_and_books_nothing()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        var slotId = await OpenSlotFormAsync(page, dayOffset: 2, "9:00 AM – 9:50 AM, Maria Keller");
        await page.GetByLabel("Your name").FillAsync("Casey Forgetful");
        await page.GetByLabel("Standard rate, 60.00 USD").CheckAsync();
        await page.GetByLabel("Upper back", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Anything else your therapist should know? (optional)").FillAsync("Left shoulder is tender.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this massage" }).ClickAsync();

        var summary = page.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToContainTextAsync(
        [
            "Enter your email address.",
            "Tell us which way your head turns",
            "Tell us which way your head tilts",
            "Tell us whether you have a deep brain stimulation implant.",
            "Tell us whether you take blood thinners.",
            "Tell us whether you have had neck surgery recently.",
            "Please confirm you agree",
        ]);
        await Assertions.Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Casey Forgetful");
        await Assertions.Expect(page.GetByLabel("Standard rate, 60.00 USD")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Upper back", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Anything else your therapist should know? (optional)")).ToHaveValueAsync("Left shoulder is tender.");
        await Assertions.Expect(page.GetByLabel("Email address")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter your email address." }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Email address")).ToBeFocusedAsync();

        Assert.Equal(0, await CountBookingsAsync(slotId));
    }

    [Fact]
    public async Task A_time_taken_while_the_form_is_filled_in_offers_the_nearest_free_times_and_keeps_every_answer()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        var wanted = await OpenSlotFormAsync(page, dayOffset: 2, "4:00 PM – 4:50 PM, Aiko Tanaka");
        await FillRequiredAsync(page, "Robin Late", "robin.late@example.org");
        var note = page.GetByLabel("Anything else your therapist should know? (optional)");
        await note.FillAsync("Right side is tight.");
        // Someone else, on another phone, books the same time first.
        var first = await page.APIRequest.PostAsync("/api/v1/bookings", new()
        {
            DataObject = new
            {
                slotId = wanted,
                name = "Quick Thumb",
                email = "quick.thumb@example.org",
                rate = "standard",
                payment = "atTable",
                intake = new
                {
                    headTurn = "none",
                    headTilt = "none",
                    painAreas = Array.Empty<string>(),
                    dbs = "none",
                    bloodThinners = false,
                    recentNeckSurgery = false,
                    comfortablePositions = new[] { "seated" },
                    consent = true
                },
            },
        });
        Assert.Equal(201, first.Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "Book this massage" }).ClickAsync();

        await Assertions.Expect(page.Locator("#taken")).ToContainTextAsync("Someone else has just taken this time slot");
        await Assertions.Expect(page.Locator("#taken")).ToContainTextAsync("Your answers are kept");
        var times = page.GetByRole(AriaRole.Group, new() { Name = "Free times nearest yours on" }).GetByRole(AriaRole.Radio);
        // The same hour with the other two therapists, then the hour before with all three (nobody else books day 2
        // at these hours).
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Free times nearest yours on" }).Locator("label")).ToHaveTextAsync(
        [
            "4:00 PM – 4:50 PM with Maria Keller, Room B, table 1",
            "4:00 PM – 4:50 PM with Tomás Ortega, Room B, table 2",
            "3:00 PM – 3:50 PM with Aiko Tanaka, Room B, table 3",
            "3:00 PM – 3:50 PM with Maria Keller, Room B, table 1",
            "3:00 PM – 3:50 PM with Tomás Ortega, Room B, table 2",
        ]);
        await Assertions.Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Robin Late");
        await Assertions.Expect(page.Locator("#consent")).ToBeCheckedAsync();
        await Assertions.Expect(note).ToHaveValueAsync("Right side is tight.");
        await PageShots.TakeAsync(page, "book-taken-alternatives");
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();
        // The phone keeps its place in line for the next try (docs/adr/0039), out of the page's scripts' reach.
        var place = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "place_in_line");
        Assert.True(place.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, place.SameSite);

        // By keyboard: the first time, then the button.
        await times.First.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(times.First).ToBeCheckedAsync();
        var chosen = Guid.Parse((await times.First.GetAttributeAsync("value"))!);
        await TabToAsync(page, "Book this massage");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(BookingUrl());
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Confirmed");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Maria Keller");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "place_in_line"); // booked: no place kept
        await using var db = app.OpenDb();
        var mine = await db.Bookings.SingleAsync(b => b.NormalizedEmail == "robin.late@example.org", TestContext.Current.CancellationToken);
        Assert.Equal(chosen, mine.SlotId);
        Assert.Equal(1, await CountBookingsAsync(wanted)); // only the other phone's
    }

    [Fact]
    public async Task The_same_form_sent_twice_makes_one_booking()
    {
        var page = await app.NewPageAsync();
        var slotId = await OpenSlotFormAsync(page, dayOffset: 2, "10:00 AM – 10:50 AM, Aiko Tanaka");
        await FillRequiredAsync(page, "Drew Double", "drew.double@example.org");
        var form = await page.EvaluateAsync<string>("() => new URLSearchParams(new FormData(document.querySelector('main form'))).toString()");
        Assert.Contains("Form.IdempotencyKey=", form, StringComparison.Ordinal);

        var post = new APIRequestContextOptions
        {
            Data = form,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            MaxRedirects = 0,
        };
        var answers = await Task.WhenAll(page.APIRequest.PostAsync(page.Url, post), page.APIRequest.PostAsync(page.Url, post));

        Assert.All(answers, a => Assert.Equal(303, a.Status));
        Assert.Single(answers.Select(a => a.Headers["location"]).Distinct());
        Assert.Equal(1, await CountBookingsAsync(slotId));
    }

    [Fact]
    public async Task Booking_works_with_javascript_off()
    {
        await using var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            JavaScriptEnabled = false,
            ViewportSize = BrowserApp.Phone,
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var slotId = await OpenSlotFormAsync(page, dayOffset: 2, "11:00 AM – 11:50 AM, Tomás Ortega");
        await FillRequiredAsync(page, "Noa Script", "noa.script@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this massage" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(BookingUrl());
        await Assertions.Expect(page.Locator("#booking-status")).ToHaveTextAsync("Confirmed");
        await Assertions.Expect(page.GetByLabel("Your booking link")).ToHaveValueAsync(new Regex(@"\?t="));
        Assert.Equal(1, await CountBookingsAsync(slotId));
    }

    [Fact]
    public async Task Rescheduling_moves_the_booking_to_the_chosen_time_and_frees_the_old_one()
    {
        var page = await app.NewPageAsync(BrowserApp.Phone);
        var oldSlot = await OpenSlotFormAsync(page, dayOffset: 2, "1:00 PM – 1:50 PM, Maria Keller");
        await FillRequiredAsync(page, "Riley Mover", "riley.mover@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this massage" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(BookingUrl());
        var bookingPath = new Uri(page.Url).AbsolutePath;

        await page.GetByRole(AriaRole.Link, new() { Name = "Choose a different time" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choose a different time");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "1:00 PM – 1:50 PM, Maria Keller" })).ToHaveCountAsync(0);
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "2:00 PM – 2:50 PM, Maria Keller" }).ClickAsync();

        Assert.Equal(app.BaseUrl + bookingPath, page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your booking is moved to");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("2:00 PM – 2:50 PM");
        Assert.Equal(0, await CountBookingsAsync(oldSlot, activeOnly: true));
    }

    [Fact]
    public async Task A_booking_page_without_its_link_says_only_that_the_link_is_not_valid()
    {
        var page = await app.NewPageAsync();
        var id = Guid.NewGuid();
        var answer = await page.GotoAsync($"/bookings/{id}");
        Assert.Equal(404, answer!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link is not valid");

        answer = await page.GotoAsync($"/bookings/{id}?t=not-the-token");
        Assert.Equal(404, answer!.Status);
        Assert.Empty(await page.Context.CookiesAsync());
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>Opens the picker on the symposium's day <paramref name="dayOffset"/> and follows the time whose name starts so.</summary>
    private static async Task<Guid> OpenSlotFormAsync(IPage page, int dayOffset, string time)
    {
        var day = (await FirstDayAsync(page)).AddDays(dayOffset);
        await page.GotoAsync($"/book?date={day:yyyy-MM-dd}");
        await page.GetByRole(AriaRole.Link, new() { Name = time }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SlotUrl());
        return Guid.Parse(SlotUrl().Match(page.Url).Groups[1].Value);
    }

    private async Task<int> CountBookingsAsync(Guid slotId, bool activeOnly = false)
    {
        await using var db = app.OpenDb();
        return await db.Bookings.CountAsync(
            b => b.SlotId == slotId && (!activeOnly || b.Status == BookingStatus.Confirmed), TestContext.Current.CancellationToken);
    }

    private static async Task<DateOnly> FirstDayAsync(IPage page)
    {
        var current = await page.APIRequest.GetAsync("/api/v1/symposia/current");
        Assert.True(current.Ok);
        var json = await current.JsonAsync();
        return DateOnly.ParseExact(json!.Value.GetProperty("startDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("/book/([0-9a-f-]{36})$")]
    private static partial Regex SlotUrl();

    [GeneratedRegex("/bookings/[0-9a-f-]{36}$")]
    private static partial Regex BookingUrl();
}
