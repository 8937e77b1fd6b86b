using System.Diagnostics;
using System.Globalization;

namespace SymposiumBooking.LoadDriver;

/// <summary>
/// The CPU time a run took, in ms: the app's (its process, all threads), this driver's, PostgreSQL's (all its processes)
/// and the machine's busy time (every core, every process, the kernel's own work included). What is left is mostly the
/// kernel's network work on loopback (interrupt and softirq time, which no process is charged for). Throughput on this
/// shared machine moves with its speed from minute to minute; CPU time per answer moves much less, so it says what a
/// change costs (docs/benchmarks.md, round 12).
/// </summary>
public sealed record CpuUse(double AppMs, double DriverMs, double PostgresMs, double MachineMs)
{
    /// <summary>What the machine was busy with besides the app, the driver and PostgreSQL (mostly the kernel's network work).</summary>
    public double RestMs => Math.Max(0, MachineMs - AppMs - DriverMs - PostgresMs);
}

/// <summary>
/// Reads the counters behind <see cref="CpuUse"/> from Linux's <c>/proc</c>: <c>/proc/PID/stat</c> (user and system
/// time of the app's process and of every process named <c>postgres</c>, with the time of the backends that ended,
/// which their parent collects) and <c>/proc/stat</c> (the machine's). They count in clock ticks of 10 ms
/// (<c>USER_HZ</c> is 100 on Linux), so a run of a few seconds is measured to about 1 %. Without <c>/proc</c>, or without
/// the app's process id, the app's share or everything is left out (null).
/// </summary>
public sealed class CpuTime(int? appPid)
{
    private const double MsPerTick = 10;

    /// <summary>user, nice, system, irq and softirq on <c>/proc/stat</c>'s "cpu" line.</summary>
    private static readonly int[] BusyFields = [1, 2, 3, 6, 7];

    public readonly record struct Reading(double? AppMs, double DriverMs, double PostgresMs, double? MachineMs);

    public Reading Read() => new(
        appPid is { } pid ? ProcessMs(pid, children: false) : null,
        Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
        PostgresMs(),
        MachineMs());

    public static CpuUse? Since(Reading before, Reading after) =>
        before.MachineMs is { } m0 && after.MachineMs is { } m1
            ? new CpuUse(
                before.AppMs is { } a0 && after.AppMs is { } a1 ? a1 - a0 : 0,
                after.DriverMs - before.DriverMs,
                after.PostgresMs - before.PostgresMs,
                m1 - m0)
            : null;

    /// <summary>
    /// A process's user and system time and, with <paramref name="children"/>, that of its children that ended
    /// (PostgreSQL's postmaster collects its backends'); null when it is gone.
    /// </summary>
    private static double? ProcessMs(int pid, bool children)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // ended between the listing and the read
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3, so
        // utime, stime, cutime and cstime (fields 14 to 17) are the 12th to 15th of them.
        var fields = stat.Split(')', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = Ticks(fields[11]) + Ticks(fields[12]) + (children ? Ticks(fields[13]) + Ticks(fields[14]) : 0);
        return ticks * MsPerTick;
    }

    /// <summary>
    /// Every <c>postgres</c> process's time; the postmaster (the one whose parent is not <c>postgres</c>) with its ended
    /// children's. The benchmark's cluster is the only one running while it measures.
    /// </summary>
    private static double PostgresMs()
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var postgres = new Dictionary<int, int>(); // pid → parent pid
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Comm(pid) == "postgres" && ParentOf(pid) is { } parent)
            {
                postgres[pid] = parent;
            }
        }

        return postgres.Sum(p => ProcessMs(p.Key, children: !postgres.ContainsKey(p.Value)) ?? 0);
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static double? MachineMs()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal ...": busy is all but idle, iowait and steal (time the
        // hypervisor gave to someone else).
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = BusyFields.Sum(i => Ticks(cpu[i]));
        return busy * MsPerTick;
    }

    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
