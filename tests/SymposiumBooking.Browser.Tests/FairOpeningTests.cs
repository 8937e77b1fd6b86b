using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Browser.Tests.Harness.Keyboard;

namespace SymposiumBooking.Browser.Tests;

/// <summary>
/// The fair opening on a phone, by keyboard alone: an attendee ranks three choices with the Move buttons (no drag and
/// drop), sends the request, and after the draw opens their request link to see the result and the booking it won.
/// Every page is checked with axe.
/// </summary>
public sealed partial class FairOpeningTests(FairOpeningTests.App app) : IClassFixture<FairOpeningTests.App>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>One symposium, two therapists (8 slots each on its first day), taking requests now until tomorrow.</summary>
    public sealed class App : BookingApp
    {
        private Chromium? _chromium;

        public Schedule Schedule { get; private set; } = null!;

        public Instant RequestsCloseAt { get; private set; }

        public string BaseUrl => _chromium!.BaseUrl;

        public Task<IPage> NewPageAsync() => _chromium!.NewPageAsync(BrowserApp.Phone, 1);

        public IBrowser Browser => _chromium!.Browser;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Schedule = await this.ScheduleAsync(therapists: 2);
            UseKestrel(0);
            StartServer();
            _chromium = await Chromium.LaunchAsync(Services);

            var now = this.Now();
            RequestsCloseAt = now + Duration.FromDays(1);
            using var organizer = await SignedInClientAsync();
            var policy = await organizer.PutAsJsonAsync($"/api/v1/symposia/{Schedule.Id}/policy", new
            {
                bookingOpensAt = Iso(now + Duration.FromDays(2)),
                bookingClosesAt = Iso(now + Duration.FromDays(300)),
                reducedRateLimitPerAttendee = 1,
                holdMinutes = 30,
                cancellationCutoffHours = 24,
                openingMode = "draw",
                requestsOpenAt = Iso(now - Duration.FromHours(1)),
                requestsCloseAt = Iso(RequestsCloseAt),
                maxChoices = 5,
            });
            Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());
        }

        private static string Iso(Instant instant) => instant.ToString("uuuu-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public override async ValueTask DisposeAsync()
        {
            if (_chromium is not null)
            {
                await _chromium.DisposeAsync();
            }

            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_attendee_ranks_three_choices_by_keyboard_on_a_phone_sends_them_and_after_the_draw_sees_the_result_and_the_booking()
    {
        var day = app.Schedule.Symposium.StartDate.ToString("dddd d MMMM", English);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await TabToAsync(page, "Ask for a massage");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/request$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("It makes no difference when you send your request");
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        // Three choices, each added with its button: a slot, a time with any therapist, a day with one therapist.
        await TabToAsync(page, $"Add {day}, 9:00 AM with Therapist 00");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#choices-status")).ToHaveTextAsync($"Added {day}, 9:00 AM with Therapist 00 as number 1.");
        await TabToAsync(page, $"Add {day}, 10:00 AM, any therapist");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#choices-status")).ToHaveTextAsync($"Added {day}, 10:00 AM, any therapist as number 2.");
        await TabToAsync(page, "Add any time with Therapist 01");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#choices-status")).ToHaveTextAsync($"Added {day}, any time with Therapist 01 as number 3.");
        await AssertFocusedAsync(page, $"Added {day}, any time with Therapist 01 as number 3.");

        // The last choice moved to the top with Move up twice: the focus stays with it.
        var third = $"{day}, any time with Therapist 01";
        await TabToAsync(page, $"Move up: {third}");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#choices-status")).ToHaveTextAsync($"Moved {third} to number 2.");
        await AssertFocusedAsync(page, $"Move up: {third}");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#choices-status")).ToHaveTextAsync($"Moved {third} to number 1.");
        await AssertFocusedAsync(page, $"Move down: {third}");
        await Assertions.Expect(page.Locator("#choices .ranked-label")).ToHaveTextAsync(
            [third, $"{day}, 9:00 AM with Therapist 00", $"{day}, 10:00 AM, any therapist"]);
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        await TabToAsync(page, "Your name");
        await page.Keyboard.TypeAsync("Rana Ranks");
        await page.Keyboard.PressAsync("Tab");
        await AssertFocusedAsync(page, "Email address");
        await page.Keyboard.TypeAsync("rana.ranks@example.org");
        await TabToAsync(page, "Reduced rate", prefix: true);
        await page.Keyboard.PressAsync("ArrowDown"); // the group's next answer, chosen as it takes the focus
        await AssertFocusedAsync(page, "Standard rate, 60.00 USD");
        await TabToAsync(page, "It does not turn");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "It does not tilt");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "No implant");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab"); // blood thinners
        await page.Keyboard.PressAsync("ArrowDown");
        await AssertFocusedAsync(page, "No");
        await page.Keyboard.PressAsync("Tab"); // recent neck surgery
        await page.Keyboard.PressAsync("ArrowDown");
        await AssertFocusedAsync(page, "No");
        await TabToAsync(page, "Sitting up");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "I agree", prefix: true);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "Send my request");
        await page.Keyboard.PressAsync("Enter");

        // The request's page: the link to keep, shown once, and the id it has in the published draw.
        await Assertions.Expect(page).ToHaveURLAsync(RequestUrl());
        var requestPath = new Uri(page.Url).AbsolutePath;
        await Assertions.Expect(page.Locator("#request-status")).ToHaveTextAsync("Waiting for the draw");
        await Assertions.Expect(page.Locator("#request-id")).ToHaveTextAsync(requestPath["/requests/".Length..]);
        await Assertions.Expect(page.Locator("#request-choices li")).ToHaveTextAsync(
            [third, $"{day}, 9:00 AM with Therapist 00", $"{day}, 10:00 AM, any therapist"]);
        var link = await page.GetByLabel("Your request link").InputValueAsync();
        Assert.StartsWith(app.BaseUrl + requestPath + "?t=", link, StringComparison.Ordinal);
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/draw");
        await Assertions.Expect(page.Locator("#request-count")).ToHaveTextAsync("1");
        await AssertFitsPhoneAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        // Requests close; the organizer runs the draw from its page.
        app.Clock.SetUtcNow(app.RequestsCloseAt.Plus(Duration.FromMinutes(1)).ToDateTimeOffset());
        var organizer = await app.NewPageAsync();
        var drawPage = $"/organize/{app.Schedule.Id}/draw";
        await PageForms.SignInAsync(organizer, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, drawPage);
        await Assertions.Expect(organizer.Locator("#request-count")).ToHaveTextAsync("1");
        await organizer.AssertNoSeriousViolationsAsync();
        await TabToAsync(organizer, "Run the draw now");
        await organizer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(organizer.GetByRole(AriaRole.Status)).ToContainTextAsync("The draw has run.");
        await Assertions.Expect(organizer.Locator("#draw-allocated")).ToHaveTextAsync("1");
        await Assertions.Expect(organizer.Locator("#draw-by-rank tbody tr")).ToHaveTextAsync(["1st choice1"]);
        await AssertFitsPhoneAsync(organizer);
        await organizer.AssertNoSeriousViolationsAsync();

        // The request link, opened on another phone: the result, and the booking it won (paid at the table: confirmed).
        await using var other = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = BrowserApp.Phone, Locale = "en-US" });
        var phone = await other.NewPageAsync();
        await phone.GotoAsync(link);
        Assert.Equal(app.BaseUrl + requestPath, phone.Url);
        await Assertions.Expect(phone.Locator("#request-status")).ToHaveTextAsync("You have a time");
        await Assertions.Expect(phone.Locator("#result")).ToContainTextAsync($"your choice number 1: {app.Schedule.Symposium.StartDate.ToString("dddd d MMMM yyyy", English)}, 9:00 AM – 9:50 AM with Therapist 01");
        await AssertFitsPhoneAsync(phone);
        await phone.AssertNoSeriousViolationsAsync();
        await TabToAsync(phone, "Open your booking");
        await phone.Keyboard.PressAsync("Enter");
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("/bookings/[0-9a-f-]{36}$"));
        await Assertions.Expect(phone.Locator("#booking-status")).ToHaveTextAsync("Confirmed");
        await Assertions.Expect(phone.GetByRole(AriaRole.Main)).ToContainTextAsync("Therapist 01");

        // The public page: the seed, revealed, and the figures.
        await phone.GotoAsync("/draw");
        await Assertions.Expect(phone.Locator("#seed")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await Assertions.Expect(phone.Locator("#draw-allocated")).ToHaveTextAsync("1");
        await AssertFitsPhoneAsync(phone);
        await phone.AssertNoSeriousViolationsAsync();
    }

    [GeneratedRegex("/requests/[0-9a-f-]{36}$")]
    private static partial Regex RequestUrl();
}

