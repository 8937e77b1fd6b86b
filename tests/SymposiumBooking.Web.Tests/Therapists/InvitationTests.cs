using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Therapists;

/// <summary>The app with a dev inbox folder of its own.</summary>
public class InboxApp : BookingApp
{
    public string Inbox { get; } = Path.Combine(Path.GetTempPath(), "sb-inbox-" + Guid.NewGuid().ToString("N")[..12]);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Mail:PickupDirectory", Inbox), new("App:PublicBaseUrl", "https://booking.example.org/")];

    public Task<int> SendOutboxAsync() =>
        Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(TestContext.Current.CancellationToken);

    /// <summary>Sends until the outbox is empty (a sent mail may queue another).</summary>
    public async Task SendWholeOutboxAsync()
    {
        while (await SendOutboxAsync() > 0)
        {
        }
    }

    /// <summary>The mails delivered to <paramref name="address"/>, oldest first.</summary>
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

        GC.SuppressFinalize(this);
    }
}

public sealed partial class InvitationTests(InboxApp app) : IClassFixture<InboxApp>
{
    [Fact]
    public async Task An_added_therapist_is_mailed_a_link_that_sets_their_password_and_lets_them_sign_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var organizer = await app.SignedInClientAsync();
        var symposium = await CreateSymposiumAsync(organizer, 2041);
        var added = await organizer.PostAsJsonAsync($"/api/v1/symposia/{symposium}/therapists", new { name = "Ana Silva", email = "ana.silva@example.org" }, ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        Assert.Equal(1, await app.SendOutboxAsync());
        Assert.Equal(0, await app.SendOutboxAsync()); // sent once, not again

        var mail = Assert.Single(app.MailsTo("ana.silva@example.org"));
        Assert.Contains("2041", mail.Subject, StringComparison.Ordinal);
        var link = SetPasswordLink().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith("https://booking.example.org/account/set-password?", link, StringComparison.Ordinal);

        // Follow the link as a browser would: the page, then its form with the antiforgery token.
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(new Uri(link).PathAndQuery, ct);
        var form = new Dictionary<string, string>
        {
            ["Password"] = "A-new-password-for-Ana",
            ["Confirm"] = "A-new-password-for-Ana",
            ["Email"] = Hidden(page, "Email"),
            ["Token"] = Hidden(page, "Token"),
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
        };
        var saved = await browser.PostAsync("/account/set-password", new FormUrlEncodedContent(form), ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/account/sign-in", saved.Headers.Location?.OriginalString);

        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = "ana.silva@example.org", password = "A-new-password-for-Ana" }, ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        // The link works once.
        var again = await browser.PostAsync("/account/set-password", new FormUrlEncodedContent(form), ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_therapist_who_already_has_a_password_is_told_to_sign_in_instead()
    {
        var ct = TestContext.Current.CancellationToken;
        var organizer = await app.SignedInClientAsync();
        var symposium = await CreateSymposiumAsync(organizer, 2042);
        await organizer.PostAsJsonAsync($"/api/v1/symposia/{symposium}/therapists",
            new { name = "The Organizer", email = BookingApp.OrganizerEmail }, ct);

        await app.SendOutboxAsync();

        var mail = Assert.Single(app.MailsTo(BookingApp.OrganizerEmail));
        Assert.Contains("https://booking.example.org/account/sign-in", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", mail.TextBody, StringComparison.Ordinal);
    }

    private static async Task<string> CreateSymposiumAsync(HttpClient organizer, int year)
    {
        var response = await organizer.PostAsJsonAsync("/api/v1/symposia", new
        {
            year,
            city = "Porto",
            venueName = "Centro",
            venueAddress = "Rua 1",
            timeZone = "Europe/Lisbon",
            startDate = $"{year}-05-04",
            endDate = $"{year}-05-06",
            currency = "EUR",
            reducedRateCents = 2000,
            standardRateCents = 5000,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

    [GeneratedRegex(@"https://\S+/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
