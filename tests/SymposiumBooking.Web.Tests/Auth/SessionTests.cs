using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Auth;

/// <summary>
/// Sessions end on the server: sign-out and a password change end every cookie (even one copied to another machine)
/// and every bearer token of the account; a session ends 12 hours after sign-in however busy it was.
/// Each test has its own organizer, so ending their sessions touches no other test.
/// </summary>
public sealed class SessionTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string Password = "A-long-organizer-password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_signing_out_on_the_page_a_copied_cookie_and_an_earlier_bearer_token_are_refused()
    {
        var email = await NewOrganizerAsync();
        var bearer = await app.SignedInClientAsync(email, Password);
        var (browser, cookie) = await SignInOnThePageAsync(email);
        var copied = CookieClient(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/organize", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/auth/me", Ct)).StatusCode);

        var signedOut = await browser.PostFormAsync("/account/sign-out", "/account/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await AssertSignedOutAsync(copied);
        var problem = await Problem.ReadAsync(await bearer.GetAsync("/api/v1/auth/me", Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
    }

    [Fact]
    public async Task Signing_out_through_the_API_ends_that_token_every_other_token_and_page_sessions()
    {
        var email = await NewOrganizerAsync();
        var first = await app.SignedInClientAsync(email, Password);
        var second = await app.SignedInClientAsync(email, Password);
        var (_, cookie) = await SignInOnThePageAsync(email);

        var signedOut = await first.PostAsync("/api/v1/auth/logout", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.PostAsync("/api/v1/auth/logout", null, Ct)).StatusCode);
        await AssertSignedOutAsync(CookieClient(cookie));
        var again = await app.SignedInClientAsync(email, Password); // signing in again works at once
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task After_a_password_change_earlier_cookies_and_bearer_tokens_are_refused()
    {
        var email = await NewOrganizerAsync();
        var bearer = await app.SignedInClientAsync(email, Password);
        var (_, cookie) = await SignInOnThePageAsync(email);

        // The set-password page, with a reset token as an invitation mail carries it.
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
                await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!)));
        }

        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var pageUrl = $"/account/set-password?email={Uri.EscapeDataString(email)}&token={token}";
        var saved = await anonymous.PostFormAsync(pageUrl, "/account/set-password", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Token"] = token,
            ["Password"] = "A-brand-new-long-password",
            ["Confirm"] = "A-brand-new-long-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        await AssertSignedOutAsync(CookieClient(cookie));
    }

    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_even_when_used_all_along()
    {
        var email = await NewOrganizerAsync();
        var (browser, _) = await SignInOnThePageAsync(email);

        foreach (var step in new[] { 3, 3, 3, 2 })
        {
            app.Clock.Advance(TimeSpan.FromHours(step)); // each request slides the idle expiry on
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organize", Ct)).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organize", Ct)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // 12 h after sign-in
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task A_page_session_left_idle_for_four_hours_ends()
    {
        var email = await NewOrganizerAsync();
        var (browser, _) = await SignInOnThePageAsync(email);

        app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organize", Ct)).StatusCode); // slides the expiry on
        app.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));

        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task Over_https_the_cookie_is_host_prefixed_secure_http_only_and_lax()
    {
        var email = await NewOrganizerAsync();
        var (browser, cookie) = await SignInOnThePageAsync(email, https: true);

        Assert.StartsWith("__Host-symposium.staff=", cookie, StringComparison.Ordinal);
        var flags = cookie.Split(';').Skip(1).Select(f => f.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", flags);
        Assert.Contains("httponly", flags);
        Assert.Contains("samesite=lax", flags);
        Assert.Contains("path=/", flags);
        Assert.DoesNotContain(flags, f => f.StartsWith("domain", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organize", Ct)).StatusCode);

        // Over HTTPS a cookie without the prefix (one another site under the domain could plant) is not read.
        var planted = CookieClient(cookie["__Host-".Length..], https: true);
        await AssertSignedOutAsync(planted);
    }

    [Fact]
    public async Task Over_plain_http_in_development_the_cookie_keeps_its_bare_name_and_works()
    {
        var email = await NewOrganizerAsync();
        var (browser, cookie) = await SignInOnThePageAsync(email);

        Assert.StartsWith("symposium.staff=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organize", Ct)).StatusCode);
    }

    private async Task<string> NewOrganizerAsync()
    {
        var email = $"organizer.{Guid.NewGuid():N}@test.symposium";
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffAccounts>().EnsureAsync(email, "Organizer", Roles.Organizer, Password);
        return email;
    }

    /// <summary>Signs in through the page form; returns the browser-like client and the staff cookie's Set-Cookie line.</summary>
    private async Task<(HttpClient Browser, string Cookie)> SignInOnThePageAsync(string email, bool https = false)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
        });
        var form = await browser.GetStringAsync("/account/sign-in", Ct);
        var answer = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = PageClients.AntiforgeryToken(form),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var cookie = Assert.Single(answer.Headers.GetValues("Set-Cookie"), c => c.Contains("symposium.staff=", StringComparison.Ordinal));
        return (browser, cookie);
    }

    /// <summary>Another machine with a copy of the cookie (name=value from a Set-Cookie line).</summary>
    private HttpClient CookieClient(string setCookie, bool https = false)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
        });
        client.DefaultRequestHeaders.Add("Cookie", setCookie.Split(';')[0]);
        return client;
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        var page = await client.GetAsync("/organize", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in", page.Headers.Location?.IsAbsoluteUri == true ? page.Headers.Location.PathAndQuery : page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
