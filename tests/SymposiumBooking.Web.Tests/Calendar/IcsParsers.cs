using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Calendar;

public sealed record ParsedTime(string? Tzid, string? Local, string? Utc, string? UtcByVtimezone, string? Date);

public sealed record ParsedPerson(string? Name, string Address);

public sealed record ParsedAlarm(string? Action, string Trigger);

public sealed record ParsedEvent(
    string Uid, int Sequence, string? Status, string? Summary, string? Location, string? Description,
    ParsedTime? Dtstamp, ParsedTime? Start, ParsedTime? End, ParsedPerson? Organizer, List<ParsedPerson> Attendees, List<ParsedAlarm> Alarms);

public sealed record ParsedCalendar(string Parser, string? Method, string? CalendarName, List<string> TimeZones, List<ParsedEvent> Events);

/// <summary>
/// Two iCalendar parsers that share no code with Ical.Net or each other: Debian's python3-icalendar and npm's
/// ical.js, each behind a small script in <c>Calendar/parsers</c> that prints a JSON summary. infra/test.sh installs
/// both. A missing parser fails the test with what to do: a calendar test that silently skips proves nothing.
/// </summary>
public static class IcsParsers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "SymposiumBooking.Web.Tests", "Calendar", "parsers");

    /// <summary>Python with python3-icalendar (env <c>ICS_CHECK_PYTHON</c>, default /usr/bin/python3).</summary>
    public static string Python => Environment.GetEnvironmentVariable("ICS_CHECK_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>Node for ical.js (env <c>ICS_CHECK_NODE</c>, default <c>node</c> on PATH).</summary>
    public static string Node => Environment.GetEnvironmentVariable("ICS_CHECK_NODE") is { Length: > 0 } n ? n : "node";

    /// <summary>Parses <paramref name="ics"/> with both parsers; returns python3-icalendar's summary first.</summary>
    public static async Task<ParsedCalendar[]> ParseAsync(string ics)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sb-{Guid.NewGuid():N}.ics");
        await File.WriteAllBytesAsync(file, Encoding.UTF8.GetBytes(ics));
        try
        {
            if (!File.Exists(Path.Combine(Folder, "node_modules", "ical.js", "package.json")))
            {
                Assert.Fail($"ical.js is not installed in {Folder}/node_modules: run 'bash infra/test.sh' (it runs 'npm ci' there), or 'npm ci --prefix {Folder}'.");
            }

            var python = RunAsync(Python, Path.Combine(Folder, "check_ics.py"), file,
                $"python3-icalendar failed: run 'bash infra/test.sh' (it installs the Debian package python3-icalendar), or 'apt-get install -y python3-icalendar'; set ICS_CHECK_PYTHON to another python that has it.");
            var node = RunAsync(Node, Path.Combine(Folder, "check_ics.mjs"), file,
                $"ical.js failed: run 'bash infra/test.sh' (it needs node and runs 'npm ci' in {Folder}); set ICS_CHECK_NODE to another node.");
            return [Read(await python), Read(await node)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static ParsedCalendar Read(string json) =>
        JsonSerializer.Deserialize<ParsedCalendar>(json, Json) ?? throw new InvalidOperationException("Parser printed null.");

    private static async Task<string> RunAsync(string program, string script, string file, string hint)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(file);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"{hint} ({program}: {e.Message})");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Assert.Fail($"{hint}\n{program} {script} exited with {process.ExitCode}:\n{await errors}");
            }

            return await output;
        }
    }
}
