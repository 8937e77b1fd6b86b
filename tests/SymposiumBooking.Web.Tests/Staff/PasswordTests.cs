using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Staff;

/// <summary>Forgotten passwords reset by mail, and passwords changed while signed in.</summary>
public sealed class PasswordTests(InboxApp app) : IClassFixture<InboxApp>
{
    private const string ResetPath = "/api/v1/auth/password-reset";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_forgot_password_answer_is_the_same_for_a_known_and_an_unknown_address_and_only_the_account_gets_mail()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, _) = await app.ActiveOrganizerAsync(organizer);
        var unknown = UniqueEmail("nobody");
        await app.SendWholeOutboxAsync();
        var before = app.MailsTo(email).Count;

        var known = await app.CreateClient().PostJsonAsync(ResetPath, new { email });
        var other = await app.CreateClient().PostJsonAsync(ResetPath, new { email = unknown });
        await app.SendWholeOutboxAsync();

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal((known.StatusCode, known.Content.Headers.ContentType, await known.Content.ReadAsStringAsync(Ct)),
            (other.StatusCode, other.Content.Headers.ContentType, await other.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(before + 1, app.MailsTo(email).Count);
        Assert.Empty(app.MailsTo(unknown));
        Assert.Single(app.MailsTo(email), m => m.Subject?.StartsWith(StaffCalls.ResetSubject, StringComparison.Ordinal) == true);
        await app.CreateClient().PostJsonAsync(ResetPath, new { email = "not-an-address" }).ProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_ends_every_session_of_the_account()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, _) = await app.ActiveOrganizerAsync(organizer);
        var earlier = await app.SignedInClientAsync(email, StaffCalls.Password);
        var page = await app.SignedInPagesAsync(email, StaffCalls.Password);

        await app.CreateClient().PostJsonAsync(ResetPath, new { email }).ExpectAsync(HttpStatusCode.Accepted);
        await app.SendWholeOutboxAsync();
        var link = app.LinkIn(email, StaffCalls.ResetSubject);
        // Asking changes nothing: the account's sessions go on until the link is used.
        await earlier.SendGetAsync("/api/v1/auth/me").ExpectAsync(HttpStatusCode.OK);

        await app.CreateClient().ConfirmResetAsync(link, "short").ProblemAsync(HttpStatusCode.BadRequest, "auth.password_refused");
        await app.CreateClient().ConfirmResetAsync(link, "A-new-reset-password").ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await earlier.SendGetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync("/organize", Ct)).StatusCode);
        await app.SignedInClientAsync(email, "A-new-reset-password");
        await app.CreateClient().ConfirmResetAsync(link, "Yet-another-password").ProblemAsync(HttpStatusCode.BadRequest, "auth.reset_link_invalid");
        await app.CreateClient().PostJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token = "not-a-token", password = "Yet-another-password" })
            .ProblemAsync(HttpStatusCode.BadRequest, "auth.reset_link_invalid");
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_ends_the_other_sessions_but_not_the_callers()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, id) = await app.ActiveOrganizerAsync(organizer);
        var caller = await app.SignedInClientAsync(email, StaffCalls.Password);
        var other = await app.SignedInClientAsync(email, StaffCalls.Password);
        const string Path = "/api/v1/auth/password";

        await caller.PostJsonAsync(Path, new { currentPassword = "wrong-password-here", newPassword = "A-changed-password" })
            .ProblemAsync(HttpStatusCode.BadRequest, "auth.current_password_wrong");
        await caller.PostJsonAsync(Path, new { currentPassword = StaffCalls.Password, newPassword = "short" })
            .ProblemAsync(HttpStatusCode.BadRequest, "auth.password_refused");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostJsonAsync(Path, new { currentPassword = "x", newPassword = "y" })).StatusCode);

        var changed = await caller.PostJsonAsync(Path, new { currentPassword = StaffCalls.Password, newPassword = "A-changed-password" })
            .ExpectAsync(HttpStatusCode.OK);

        var fresh = app.WithBearer(changed.Text("accessToken"));
        await fresh.SendGetAsync("/api/v1/auth/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.SendGetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.SendGetAsync("/api/v1/auth/me")).StatusCode);
        await app.SignedInClientAsync(email, "A-changed-password");
        Assert.Single(await app.AboutAsync(id, "ChangePassword"));
    }

    /// <summary>The pages: "Forgot your password?" from the sign-in page, the mailed link, the new password, sign-in.</summary>
    [Fact]
    public async Task The_forgot_password_page_answers_alike_for_any_address_and_its_mailed_link_sets_the_password()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, _) = await app.ActiveOrganizerAsync(organizer);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var signIn = await browser.GetStringAsync("/account/sign-in", Ct);
        Assert.Contains("href=\"/account/forgot-password\"", signIn, StringComparison.Ordinal);
        var known = await browser.PostFormAsync("/account/forgot-password", "/account/forgot-password", new() { ["Email"] = email });
        var unknown = await browser.PostFormAsync("/account/forgot-password", "/account/forgot-password", new() { ["Email"] = UniqueEmail("ghost") });
        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal((known.StatusCode, known.Headers.Location), (unknown.StatusCode, unknown.Headers.Location));
        var sent = await browser.GetStringAsync(known.Headers.Location!.OriginalString, Ct);
        Assert.Contains("If a staff account has this address", sent, StringComparison.Ordinal);

        await app.SendWholeOutboxAsync();
        var link = app.LinkIn(email, StaffCalls.ResetSubject);
        var page = await browser.GetStringAsync(link, Ct);
        var saved = await browser.PostAsync("/account/set-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Password"] = "Reset-on-the-page-1",
            ["Confirm"] = "Reset-on-the-page-1",
            ["Email"] = MailedLinks.InputValue(page, "name=\"Email\""),
            ["Token"] = MailedLinks.InputValue(page, "name=\"Token\""),
            ["__RequestVerificationToken"] = PageClients.AntiforgeryToken(page),
        }), Ct);
        Assert.Equal((HttpStatusCode.Redirect, "/account/sign-in"), (saved.StatusCode, saved.Headers.Location?.OriginalString));
        await app.SignedInPagesAsync(email, "Reset-on-the-page-1");
    }

    [Fact]
    public async Task The_account_page_changes_the_password_and_keeps_this_browser_signed_in()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, _) = await app.ActiveOrganizerAsync(organizer);
        var browser = await app.SignedInPagesAsync(email, StaffCalls.Password);
        var other = await app.SignedInClientAsync(email, StaffCalls.Password);

        var wrong = await browser.PostFormAsync("/account", "/account", new()
        {
            ["CurrentPassword"] = "not-the-password",
            ["NewPassword"] = "Changed-on-the-page-1",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var done = await browser.PostFormAsync("/account", "/account", new()
        {
            ["CurrentPassword"] = StaffCalls.Password,
            ["NewPassword"] = "Changed-on-the-page-1",
        });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organize", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.SendGetAsync("/api/v1/auth/me")).StatusCode);
    }
}

/// <summary>
/// A link that waited too long, in an app of its own. Identity's reset tokens carry their time of issue and are checked
/// against the system clock, which the fake clock does not move: this app gives them no lifespan at all, so any link
/// is already too old when it is used (the product's lifespan is Identity's default day).
/// </summary>
public sealed class ResetLinkExpiryTests(ResetLinkExpiryTests.App app) : IClassFixture<ResetLinkExpiryTests.App>
{
    public sealed class App : InboxApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.Zero));
        }
    }

    private const string ResetPath = "/api/v1/auth/password-reset";

    [Fact]
    public async Task An_expired_reset_link_is_refused()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, _) = await app.ActiveOrganizerAsync(organizer);
        await app.CreateClient().PostJsonAsync(ResetPath, new { email }).ExpectAsync(HttpStatusCode.Accepted);
        await app.SendWholeOutboxAsync();
        var link = app.LinkIn(email, StaffCalls.ResetSubject);

        await app.CreateClient().ConfirmResetAsync(link, "Too-late-a-password").ProblemAsync(HttpStatusCode.BadRequest, "auth.reset_link_invalid");
    }
}
