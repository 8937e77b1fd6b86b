using System.Net;
using System.Net.Http.Json;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>The app with low limits, as configuration would set them (RateLimits section).</summary>
public sealed class RateLimitedApp : BookingApp
{
    public const int Limit = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("RateLimits:SignIn:PermitLimit", $"{Limit}"),
        new("RateLimits:SignIn:Window", "01:00:00"),
        new("RateLimits:Booking:PermitLimit", $"{Limit}"),
        new("RateLimits:Booking:Window", "01:00:00"),
        new("RateLimits:Waitlist:PermitLimit", $"{Limit}"),
        new("RateLimits:Waitlist:Window", "01:00:00"),
    ];
}

/// <summary>
/// Sign-in, booking and waitlist posts are limited per client address: past the limit the API answers 429 with code
/// request.rate_limited and Retry-After, pages show the "Please wait" page, and nothing is written. Each test uses
/// one limit only, so they do not spend each other's.
/// </summary>
public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_past_the_limit_is_429_with_retry_after_on_the_api_and_a_please_wait_page()
    {
        var client = app.CreateClient();
        for (var i = 0; i < RateLimitedApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login",
                new { email = BookingApp.OrganizerEmail, password = BookingApp.OrganizerPassword }, Ct)).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = BookingApp.OrganizerEmail, password = BookingApp.OrganizerPassword }, Ct);
        await AssertRateLimitedAsync(refused);

        var form = await client.GetAsync("/account/sign-in", Ct); // reading the form is never limited
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = BookingApp.OrganizerEmail,
            ["Password"] = BookingApp.OrganizerPassword,
            ["__RequestVerificationToken"] = PageClients.AntiforgeryToken(await form.Content.ReadAsStringAsync(Ct)),
        }), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.RetryAfter?.Delta > TimeSpan.Zero, "the page's 429 carries Retry-After too");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Please wait", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Booking_past_the_limit_is_429_and_books_nothing()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        for (var i = 0; i < RateLimitedApp.Limit; i++)
        {
            await client.BookAtTableAsync(schedule.Slots[i].Id);
        }

        var before = await app.RowCountsAsync();
        await AssertRateLimitedAsync(await client.BookAsync(BookingBodies.Booking(schedule.Slots[RateLimitedApp.Limit].Id, BookingSeed.UniqueEmail())));
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task Joining_the_waitlist_past_the_limit_is_429()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        for (var i = 0; i < RateLimitedApp.Limit; i++)
        {
            var joined = await client.PostJsonAsync($"/api/v1/symposia/{schedule.Id}/waitlist", new { name = "Wanda Waiting", email = BookingSeed.UniqueEmail() });
            Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        }

        await AssertRateLimitedAsync(await client.PostJsonAsync($"/api/v1/symposia/{schedule.Id}/waitlist", new { name = "Wanda Waiting", email = BookingSeed.UniqueEmail() }));
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        var problem = await Problem.ReadAsync(response);
        Assert.Equal((HttpStatusCode.TooManyRequests, "request.rate_limited"), (problem.Status, problem.Code));
        Assert.True(response.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromHours(1),
            $"Retry-After: {response.Headers.RetryAfter}");
    }
}
