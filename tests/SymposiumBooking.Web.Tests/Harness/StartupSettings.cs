using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using SymposiumBooking.Web.Composition;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>The app's settings check (Composition/SettingsCheck) on given settings, in process or as the real program.</summary>
public static class StartupSettings
{
    /// <summary>What Production needs beyond a database and a key (docs/operations.md, "Settings"); no SMTP server is contacted.</summary>
    public static readonly KeyValuePair<string, string?>[] Production =
    [
        new("App:PublicBaseUrl", "https://booking.example.org/"),
        new("Mail:Smtp:Host", "127.0.0.1"),
        new("Mail:FromAddress", "booking@example.org"),
    ];

    /// <summary>The problems the app finds in <paramref name="settings"/> (and nothing else: no environment, no appsettings).</summary>
    public static IReadOnlyList<string> ProblemsOf(string environment, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBookingServices();
        using var app = builder.Build();
        return SettingsCheck.Problems(app.Services);
    }

    /// <summary>Runs the built app (SymposiumBooking.Web.dll) with only <paramref name="environment"/>'s variables set.</summary>
    public static async Task<(int ExitCode, string Error)> RunProgramAsync(IEnumerable<KeyValuePair<string, string>> environment, CancellationToken ct)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var bin = Path.Combine(RepoPaths.Root, "src", "SymposiumBooking.Web", "bin", here.Parent!.Name, here.Name);
        var dll = Path.Combine(bin, "SymposiumBooking.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60)); // a process that starts instead of refusing must not hang the suite
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        return (process.ExitCode, await error);
    }
}
