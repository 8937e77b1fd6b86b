using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>The version in the assembly and on <c>/health/live</c> (docs/adr/0107), and the container's health probe command.</summary>
public sealed partial class VersionTests(KestrelBookingApp app) : IClassFixture<KestrelBookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_assembly_carries_the_version_of_Directory_Build_props()
    {
        var props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        var version = VersionElement().Match(props).Groups[1].Value;

        Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        Assert.True(AppVersion.Current == version || AppVersion.Current.StartsWith(version + "+", StringComparison.Ordinal),
            $"The informational version {AppVersion.Current} is not {version} (plus the commit).");
    }

    [Fact]
    public async Task Health_live_answers_healthy_with_the_version()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://{app.Endpoint}") };
        var answer = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new LiveAnswer("Healthy", AppVersion.Current), await answer.Content.ReadFromJsonAsync<LiveAnswer>(Ct));
    }

    [Fact]
    public async Task The_health_command_exits_0_while_the_app_answers_and_1_when_nothing_does()
    {
        var up = await KeyRingCommandTests.RunAsync("unused", BookingApp.TestKeyEncryptionKey, null, "health", $"http://{app.Endpoint}/health/live");
        var down = await KeyRingCommandTests.RunAsync("unused", BookingApp.TestKeyEncryptionKey, null, "health", "http://127.0.0.1:9/health/live");

        Assert.Equal(0, up.Code);
        Assert.Contains(AppVersion.Current, up.Output, StringComparison.Ordinal);
        Assert.Equal(1, down.Code);
        Assert.Contains("127.0.0.1:9", down.Errors, StringComparison.Ordinal);
    }

    private sealed record LiveAnswer(string Status, string Version);

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
