using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// The contract names every route the app maps, and only those (docs/api.md, docs/adr/0080). The contract is the JSON
/// API under /api, the calendar feeds under /calendar and the health checks: endpoints for programs. Pages (HTML for
/// people, including the page-cookie calendar download) and the API reference (/docs, /openapi) are not in it.
/// </summary>
public sealed partial class ContractRouteTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static readonly string[] ContractPrefixes = ["/api/", "/calendar/", "/health/"];

    [Fact]
    public void Every_contract_route_is_in_api_md_and_api_md_names_no_route_the_app_does_not_map()
    {
        var mapped = ContractRoutes().ToHashSet();
        var documented = DocumentedRoutes().ToHashSet();

        Assert.True(mapped.Count > 40, $"only {mapped.Count} contract routes found: is the endpoint table read?");
        Assert.Empty(mapped.Except(documented).Order(StringComparer.Ordinal));
        Assert.Empty(documented.Except(mapped).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_api_route_is_in_the_OpenAPI_document_and_the_document_names_no_route_the_app_does_not_map()
    {
        var document = await OpenApi.DocumentAsync(app);
        var inDocument = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(op => op.Key is "get" or "put" or "post" or "delete" or "patch" or "head")
                .Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet();
        var api = ContractRoutes().Where(r => r.Split(' ')[1].StartsWith("/api/", StringComparison.Ordinal)).ToHashSet();

        Assert.Empty(api.Except(inDocument).Order(StringComparer.Ordinal));
        Assert.Empty(inDocument.Except(api).Order(StringComparer.Ordinal));
    }

    /// <summary>"METHOD /path" of every contract endpoint, written as the contract writes it: <c>{id}</c>, no trailing slash.</summary>
    private IEnumerable<string> ContractRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null && e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .Select(e => (Endpoint: e, Path: Normalize(e.RoutePattern.RawText!)))
            .Where(e => ContractPrefixes.Any(prefix => e.Path.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.Path}"))
            .Distinct();

    private static string Normalize(string pattern) =>
        Constraint().Replace("/" + pattern.Trim('/'), m => "{" + m.Groups["name"].Value + "}");

    /// <summary>Every <c>`METHOD /path`</c> in docs/api.md (a query string or its example values are not part of the route).</summary>
    private static IEnumerable<string> DocumentedRoutes() =>
        DocumentedRoute().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "api.md")))
            .Select(m => $"{m.Groups["method"].Value} {m.Groups["path"].Value}");

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\??\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"`(?<method>GET|HEAD|POST|PUT|PATCH|DELETE) (?<path>/[^`?\s\[]*)[^`]*`")]
    private static partial Regex DocumentedRoute();
}

/// <summary>The app's OpenAPI document as a client gets it.</summary>
public static class OpenApi
{
    public const string Path = "/openapi/v1.json";

    public static async Task<string> TextAsync(BookingApp app)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(Path, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonObject> DocumentAsync(BookingApp app) => JsonNode.Parse(await TextAsync(app))!.AsObject();
}
