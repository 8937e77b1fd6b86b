using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// The served OpenAPI document passes Redocly's recommended rules with no error and no warning (tests/contract/redocly.yaml
/// says which rule is off and why; docs/adr/0081). Redocly CLI is pinned in tests/contract/package-lock.json and
/// installed there by infra/test.sh (<c>npm ci</c>).
/// </summary>
public sealed class OpenApiLintTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static readonly string ContractFolder = Path.Combine(RepoPaths.Root, "tests", "contract");

    [Fact]
    public async Task The_document_passes_Redoclys_recommended_rules_without_a_warning()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = Path.Combine(ContractFolder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run 'npm ci --prefix tests/contract' (infra/test.sh does).");
        var document = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await OpenApi.TextAsync(app), ct);
        try
        {
            var (exit, output, errors) = await RunAsync(
                "node", [cli, "lint", document, "--config", Path.Combine(ContractFolder, "redocly.yaml"), "--format=json"], ct);
            var json = output.IndexOf('{', StringComparison.Ordinal) is var start and >= 0 ? JsonNode.Parse(output[start..]) : null;
            Assert.True(json is not null, $"redocly exited with {exit} and no report:\n{output}\n{errors}");
            var problems = json["problems"]!.AsArray()
                .Select(p => $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}")
                .ToList();
            Assert.True(problems.Count == 0 && exit == 0, $"redocly lint (exit {exit}):\n{string.Join('\n', problems)}\n{errors}");
        }
        finally
        {
            File.Delete(document);
        }
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = ContractFolder,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing leaves the machine: no telemetry, no update check.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await errors);
    }
}
