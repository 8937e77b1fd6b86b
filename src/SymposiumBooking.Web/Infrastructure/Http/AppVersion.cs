using System.Reflection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// The version the app was built as: <c>Version</c> in Directory.Build.props, plus <c>+&lt;commit&gt;</c> when it was
/// built from a git checkout (the SDK's Source Link adds it; docs/adr/0107). <c>/health/live</c> answers with it.
/// </summary>
public static class AppVersion
{
    public static string Current { get; } =
        typeof(AppVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary><c>{"status":"Healthy","version":"1.0.0+…"}</c>: what an orchestrator or an operator sees on <c>/health/live</c>.</summary>
    public static Task WriteLiveAnswerAsync(HttpContext http, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(report);
        return http.Response.WriteAsJsonAsync(new LiveAnswer(report.Status.ToString(), Current));
    }

    private sealed record LiveAnswer(string Status, string Version);
}
