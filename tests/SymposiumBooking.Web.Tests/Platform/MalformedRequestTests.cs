using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Composition;

using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Every API route that takes a JSON body, found from the app's own endpoint table so that new routes are covered
/// without anyone remembering to: garbage, wrong types and oversized bodies get a 4xx problem with a code, never 500.
/// </summary>
public sealed partial class MalformedRequestTests(BookingApp app) : IClassFixture<BookingApp>
{
    public static TheoryData<string> Bodies => new()
    {
        "{garbage",
        "[1, 2, 3]",
        "\"just a string\"",
        "{\"email\": {\"nested\": true}, \"password\": 12, \"slotId\": [], \"year\": \"twenty\", \"date\": 5}",
        "null",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Unreadable_json_is_a_400_problem_on_every_route(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var routes = JsonRoutes();
        Assert.NotEmpty(routes);
        foreach (var (method, url) in routes)
        {
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request, ct);
            var problem = await Problem.ReadAsync(response);
            Assert.True(problem.Status == HttpStatusCode.BadRequest, $"{method} {url} answered {problem.Status} to {body}");
            Assert.True(problem.Code is "request.malformed" or "request.invalid", $"{method} {url}: code {problem.Code}");
        }
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem_on_every_route()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var huge = "{\"note\":\"" + new string('x', (int)ServiceSetup.MaxRequestBodyBytes + 10) + "\"}";
        foreach (var (method, url) in JsonRoutes())
        {
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
            var problem = await Problem.ReadAsync(await client.SendAsync(request, ct));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, problem.Status);
            Assert.Equal("request.too_large", problem.Code);
        }
    }

    [Fact]
    public async Task Unknown_api_routes_and_methods_are_problems_with_codes()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();

        var missing = await Problem.ReadAsync(await client.GetAsync("/api/v1/no-such-thing", ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("http.404", missing.Code);

        var wrongMethod = await Problem.ReadAsync(await client.DeleteAsync("/api/v1/auth/login", ct));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
        Assert.Equal("http.405", wrongMethod.Code);
    }

    private List<(HttpMethod Method, string Url)> JsonRoutes() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(m => (new HttpMethod(m), RouteParameter().Replace(e.RoutePattern.RawText!, Guid.NewGuid().ToString())))),
    ];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
