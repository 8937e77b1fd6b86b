using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// The OpenAPI document tells clients the truth (docs/api.md, docs/adr/0080): who may call each operation, and types as
/// they are on the wire. The repository keeps a copy, docs/openapi.json, from which the tests' client is generated
/// (docs/adr/0082): this test fails when the served document differs from it.
/// </summary>
public sealed class OpenApiDocumentTests(BookingApp app) : IClassFixture<BookingApp>
{
    /// <summary>Set to 1 to write the served document to docs/openapi.json instead of comparing.</summary>
    public const string UpdateVariable = "UPDATE_OPENAPI";

    private static readonly string Committed = Path.Combine(RepoPaths.Root, "docs", "openapi.json");

    [Fact]
    public async Task The_committed_document_is_the_served_one()
    {
        var served = await OpenApi.DocumentAsync(app);
        // Readable in a diff: '+' and quotes as themselves (a file, never HTML).
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(Committed, text, TestContext.Current.CancellationToken);
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Committed, TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(served, committed),
            $"docs/openapi.json is not the document the app serves. Update it and the client generated from it: {RegenerateCommand}");
    }

    public const string RegenerateCommand =
        $"{UpdateVariable}=1 bash infra/test.sh --filter FullyQualifiedName~OpenApiDocumentTests && bash tests/contract/client.sh generate";

    [Fact]
    public async Task Every_operation_says_who_may_call_it()
    {
        var document = await OpenApi.DocumentAsync(app);
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("X-Booking-Token", schemes["bookingToken"]!["name"]!.GetValue<string>());
        Assert.Equal("header", schemes["bookingToken"]!["in"]!.GetValue<string>());

        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Key: $"{o.Key.ToUpperInvariant()} {p.Key}", Op: o.Value!)))
            .ToDictionary(o => o.Key, o => o.Op);
        Assert.All(operations, o => Assert.NotNull(o.Value["security"]));
        Assert.Empty(operations["GET /api/v1/symposia/current"]!["security"]!.AsArray());
        Assert.Equal("""[{"bookingToken":[]}]""", operations["POST /api/v1/bookings/{id}/cancel"]!["security"]!.ToJsonString());
        Assert.Equal("""[{"bearer":["organizer"]}]""", operations["POST /api/v1/symposia"]!["security"]!.ToJsonString());
        Assert.Equal("""[{"bearer":["organizer","therapist"]}]""", operations["GET /api/v1/me/schedule"]!["security"]!.ToJsonString());
        Assert.NotNull(operations["POST /api/v1/symposia"]!["responses"]!["403"]);
        Assert.Null(operations["GET /api/v1/me/schedule"]!["responses"]!["403"]);
        // The token is the security requirement, not a parameter as well.
        Assert.DoesNotContain(operations["GET /api/v1/bookings/{id}"]!["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "X-Booking-Token");
    }

    [Fact]
    public async Task A_date_is_described_as_the_string_the_wire_carries()
    {
        var document = await OpenApi.DocumentAsync(app);

        var date = document["components"]!["schemas"]!["Intake"]!["properties"]!["lastBotoxInjection"]!;
        Assert.Equal("""{"type":["null","string"],"format":"date"}""", date.ToJsonString());
        Assert.DoesNotContain("\"era\"", document.ToJsonString(), StringComparison.Ordinal);
    }
}
