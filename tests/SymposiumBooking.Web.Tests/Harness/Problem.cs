using System.Net;
using System.Text.Json;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>An RFC 9457 answer as a client reads it.</summary>
public sealed record Problem(HttpStatusCode Status, string? Code, string? Detail, JsonElement Body)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return new Problem(
            response.StatusCode,
            body.TryGetProperty("code", out var code) ? code.GetString() : null,
            body.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
            body);
    }
}
