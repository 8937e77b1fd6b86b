using System.Net;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Every answer, a page or an API problem, a found or a missing resource, carries the browser protections: no
/// framing (clickjacking of the booking form or the organizer pages), no MIME sniffing, no Referer that could carry
/// a manage link's secret to another site, and a content security policy that runs only the app's own scripts.
/// </summary>
public sealed class SecurityHeadersTests(BookingApp app) : IClassFixture<BookingApp>
{
    public static TheoryData<string> Paths => new()
    {
        "/",
        "/book",
        "/account/sign-in",
        "/organize",
        "/api/v1/symposia",
        "/api/v1/no-such-route",
        "/calendar/attendees/not-a-token.ics",
        "/css/site.css",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_answer_forbids_framing_sniffing_referrers_and_foreign_scripts(string path)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        var policy = Single(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("form-action 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    private static string Single(HttpResponseMessage response, string header)
    {
        Assert.True(response.Headers.TryGetValues(header, out var values), $"{response.RequestMessage?.RequestUri} has no {header}");
        return Assert.Single(values);
    }
}
