using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>The app on Kestrel behind one configured proxy address (as nginx on the same machine), with a low sign-in limit.</summary>
public sealed class ProxiedApp : KestrelBookingApp
{
    public const int Limit = 2;
    public static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.61");
    public static readonly IPAddress Stranger = IPAddress.Parse("127.0.0.62");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Proxy:KnownProxies:0", Proxy.ToString()),
        new("RateLimits:SignIn:PermitLimit", $"{Limit}"),
        new("RateLimits:SignIn:Window", "01:00:00"),
    ];
}

/// <summary>
/// Forwarded headers count only from a configured proxy (docs/adr/0096): through it, the rate limits count the client
/// nginx saw (the last X-Forwarded-For entry, so a client's own forged entry in front changes nothing); from any other
/// peer the headers are ignored and the peer is counted. X-Forwarded-Proto makes cookies Secure only from the proxy.
/// </summary>
public sealed class TlsProxyTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Through_the_configured_proxy_the_forwarded_client_is_counted_not_the_proxy()
    {
        using var proxy = app.ClientFrom(ProxiedApp.Proxy);
        for (var i = 0; i < ProxiedApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(proxy, "203.0.113.10")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(proxy, "203.0.113.10")).StatusCode);
        // A client's own X-Forwarded-For in front of what nginx appends changes nothing: the client is still 203.0.113.10.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(proxy, "198.51.100.1, 203.0.113.10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(proxy, "203.0.113.11")).StatusCode); // another client, same proxy
    }

    [Fact]
    public async Task From_a_peer_that_is_not_a_configured_proxy_the_forwarded_header_is_ignored()
    {
        using var stranger = app.ClientFrom(ProxiedApp.Stranger);
        for (var i = 0; i < ProxiedApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(stranger, $"203.0.113.{20 + i}")).StatusCode);
        }

        // Each request claimed another client; all were the peer's.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(stranger, "203.0.113.29")).StatusCode);
    }

    [Fact]
    public async Task The_proxy_says_https_and_the_cookies_are_secure_a_stranger_cannot()
    {
        using var proxy = app.ClientFrom(ProxiedApp.Proxy);
        using var stranger = app.ClientFrom(ProxiedApp.Stranger);

        var secure = await SignInPageAsync(proxy);
        var plain = await SignInPageAsync(stranger);

        Assert.Contains("; secure", Antiforgery(secure), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", Antiforgery(plain), StringComparison.OrdinalIgnoreCase);
    }

    private static string Antiforgery(HttpResponseMessage page) =>
        Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = BookingApp.OrganizerEmail, password = BookingApp.OrganizerPassword }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, Ct);
    }

    private static Task<HttpResponseMessage> SignInPageAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        request.Headers.Add("X-Forwarded-For", "203.0.113.40");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return client.SendAsync(request, Ct);
    }
}

/// <summary>The app in Production, with the settings Production needs.</summary>
public sealed class ProductionApp : BookingApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => StartupSettings.Production;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>In Production every https answer carries HSTS for a year, and cookies are Secure and prefixed whatever the request says.</summary>
public sealed class ProductionTlsTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_https_answer_carries_hsts_for_a_year()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://booking.example.org/") });

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);

        Assert.Equal("max-age=31536000", Assert.Single(live.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Cookies_are_secure_and_host_prefixed_and_stay_secure_whatever_the_request_says()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://booking.example.org/") });

        var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);

        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.Contains("antiforgery", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("__Host-sb.antiforgery=", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(app.Services.GetRequiredService<SecureCookies>().For(new DefaultHttpContext())); // a plain http request too
    }
}
