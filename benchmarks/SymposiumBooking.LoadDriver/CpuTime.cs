using System.Diagnostics;
using System.Globalization;

namespace SymposiumBooking.LoadDriver;

/// <summary>
/// The CPU time a run took, in ms: the app's (its process, all threads), this driver's, PostgreSQL's (all its processes)
/// and the machine's busy time (every core, every process, the kernel's own work included). What is left is mostly the
/// kernel's network work on loopback (interrupt and softirq time, which no process is charged for). Throughput on this
/// shared machine moves with its speed from minute to minute; CPU time per answer moves much less, so it says what a
/// change costs (round 12 of docs/benchmarks.md as of 2fe336f).
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
/// the app's process id, the app's share or everything is left out (null). With several replicas of the app (the
/// benchmark through nginx), the app's time is theirs together.
/// </summary>
public sealed class CpuTime(IReadOnlyList<int> appPids)
{
    public CpuTime(int? appPid)
        : this(appPid is { } pid ? [pid] : [])
    {
    }

    private const double MsPerTick = 10;

    /// <summary>user, nice, system, irq and softirq on <c>/proc/stat</c>'s "cpu" line.</summary>
    private static readonly int[] BusyFields = [1, 2, 3, 6, 7];

    public readonly record struct Reading(double? AppMs, double DriverMs, double PostgresMs, double? MachineMs);

    public Reading Read() => new(
        AppMs(),
        Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
        PostgresMs(),
        MachineMs());

    /// <summary>The app's processes' time together; null without them, or when one of them is gone.</summary>
    private double? AppMs()
    {
        var stats = appPids.Select(Stat.Of).ToList();
        return stats.Count > 0 && stats.All(s => s is not null) ? stats.Sum(s => s!.Ms(children: false)) : null;
    }

    public static CpuUse? Since(Reading before, Reading after) =>
        before.MachineMs is { } m0 && after.MachineMs is { } m1
            ? new CpuUse(
                before.AppMs is { } a0 && after.AppMs is { } a1 ? a1 - a0 : 0,
                after.DriverMs - before.DriverMs,
                after.PostgresMs - before.PostgresMs,
                m1 - m0)
            : null;

    /// <summary>
    /// Every <c>postgres</c> process's time; the postmaster (the one whose parent is not <c>postgres</c>) with its ended
    /// children's. The benchmark's cluster is the only one running while it measures. One read of each process's
    /// <c>/proc/PID/stat</c>, which holds its name, its parent and its times.
    /// </summary>
    private static double PostgresMs()
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var postgres = new Dictionary<int, Stat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat.Of(pid) is { Name: "postgres" } stat)
            {
                postgres[pid] = stat;
            }
        }

        return postgres.Values.Sum(p => p.Ms(children: !postgres.ContainsKey(p.Parent)));
    }

    /// <summary>One process's <c>/proc/PID/stat</c>: its name, its parent and its times in ticks.</summary>
    private sealed record Stat(string Name, int Parent, long OwnTicks, long EndedChildrenTicks)
    {
        /// <summary>Its user and system time and, with <paramref name="children"/>, that of its children that ended.</summary>
        public double Ms(bool children) => (OwnTicks + (children ? EndedChildrenTicks : 0)) * MsPerTick;

        /// <summary>The process's stat, or null when it is gone (it may end between the listing and the read).</summary>
        public static Stat? Of(int pid)
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }

            // "pid (name) state ppid …": the name may hold spaces and parentheses, so it ends at the last ')'. The fields
            // after it start at field 3: the parent (field 4) is their 2nd; utime, stime, cutime and cstime (fields
            // 14 to 17) their 12th to 15th.
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            var f = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new Stat(
                text[(open + 1)..close],
                int.Parse(f[1], CultureInfo.InvariantCulture),
                Ticks(f[11]) + Ticks(f[12]),
                Ticks(f[13]) + Ticks(f[14]));
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
