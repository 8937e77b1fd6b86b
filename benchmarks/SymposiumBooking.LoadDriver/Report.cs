using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SymposiumBooking.LoadDriver;

/// <summary>pgbench's figures for one run: its TPS and, from its per-transaction log, latency percentiles.</summary>
public sealed record PgbenchRun(string Name, double Tps, double? P50Ms, double? P99Ms, string Load, string Output);

/// <summary>
/// Writes the markdown report of a run (benchmarks/results/DATE-COMMIT.md): machine, commit, every ratio against its
/// target, and the raw figures of both sides.
/// </summary>
public static partial class Report
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The paced rush's target: its median sell-out at most this many times PostgreSQL alone's (benchmarks/adr/0074).</summary>
    public const double PacedTarget = 1.25;

    /// <summary>The burst rush's target, as a ratio of the same medians (benchmarks/adr/0074).</summary>
    public const double BurstTarget = 2.5;

    /// <summary>
    /// The columns of benchmarks/results/history.csv: one row per run; an empty cell is a figure that run did not measure.
    /// The note is for a person to fill in (what the run tried); the rows of the first rounds carry their report's name.
    /// </summary>
    public const string HistoryHeader =
        "date,commit,pgbench_s1_tps,pgbench_s5_tps,pgbench_get_tps,s1_ratio,s3_p99_ratio,s4_paced_ratio,s4_burst_ratio,s5_ratio,get_ratio," +
        "s4_paced_app_s,s4_paced_pg_s,s4_burst_app_s,s4_burst_pg_s,rss_mb,note";

    /// <summary>
    /// How one rush unfolded, from its timeline file (<c>rush-timeline-K.csv</c>): answers (and 201s) per 100 ms until
    /// the last 201, the longest stretch in which no attempt was answered, and until the last 201 the median wait of a
    /// first try and of a try after a refusal.
    /// </summary>
    private static async Task AppendRushTimelineAsync(StringBuilder md, string scenario, string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var steps = (await File.ReadAllLinesAsync(path, ct)).Skip(1).Select(l => l.Split(','))
            .Select(f => (
                Attendee: f[0],
                Sent: double.Parse(f[1], CultureInfo.InvariantCulture),
                At: double.Parse(f[2], CultureInfo.InvariantCulture),
                Status: int.Parse(f[3], CultureInfo.InvariantCulture)))
            .OrderBy(x => x.At).ToList();
        var booked = steps.Where(x => x.Status == 201).Select(x => x.At).DefaultIfEmpty(0).Max();
        var buckets = Enumerable.Range(0, (int)(booked / 100) + 1)
            .Select(b => steps.Where(x => x.At >= b * 100 && x.At < (b + 1) * 100).ToList())
            .Select(b => $"{b.Count}/{b.Count(x => x.Status == 201)}");
        var gap = steps.Zip(steps.Skip(1), (a, b) => (From: a.At, Length: b.At - a.At)).DefaultIfEmpty().MaxBy(g => g.Length);
        // Until the last 201: how long an attendee's first try waited for its answer, and how long a try after a
        // refusal did (docs/adr/0039).
        var tries = steps.GroupBy(x => x.Attendee)
            .SelectMany(a => a.OrderBy(x => x.Sent).Select((x, i) => (Retry: i > 0, x.At, Wait: x.At - x.Sent)))
            .Where(x => x.At <= booked).ToList();
        double MedianWait(bool retry) => RunSummary.Percentile([.. tries.Where(x => x.Retry == retry).Select(x => x.Wait).Order()], 0.50);
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- {scenario} (`{Path.GetFileName(path)}`): {string.Join(" ", buckets)}; longest stretch with no answer {gap.Length:0} ms, from {gap.From:0} ms; " +
            $"until the last 201, median wait of a first try {MedianWait(retry: false):0} ms, " +
            $"of a try after a refusal {MedianWait(retry: true):0} ms ({tries.Count(x => x.Retry)} such tries).");
    }

    /// <summary>The start of the history note of a run through a proxy (<c>run.sh</c> with <c>BENCH_PROXY=nginx</c>).</summary>
    public const string ThroughNote = "through ";

    /// <summary>
    /// Writes the report of the run in <paramref name="outDir"/> and appends its row to <paramref name="historyPath"/>.
    /// <paramref name="proxy"/> names what stood between the driver and the app (for example "nginx 1.22.1, two
    /// replicas"); such a run's report sets its figures beside the direct run's in the history, and its row's note says so.
    /// </summary>
    public static async Task<string> WriteAsync(string outDir, string commit, string reportPath, string? historyPath, string? proxy, CancellationToken ct)
    {
        var app = JsonSerializer.Deserialize<AppResults>(await File.ReadAllTextAsync(Path.Combine(outDir, "app.json"), ct), Json)!;
        var pg = new Dictionary<string, PgbenchRun>();
        foreach (var file in Directory.GetFiles(outDir, "pgbench-*.txt").Where(f => !f.EndsWith("-slots.txt", StringComparison.Ordinal)))
        {
            var run = await ReadPgbenchAsync(outDir, Path.GetFileNameWithoutExtension(file)["pgbench-".Length..], ct);
            pg[run.Name] = run;
        }

        var rssKb = long.Parse((await File.ReadAllTextAsync(Path.Combine(outDir, "rss-kb.txt"), ct)).Trim(), CultureInfo.InvariantCulture);
        var rssMb = rssKb / 1024.0;

        var appPeak = app.S1.Max(m => Rate201(m.Run));
        var pgPeak = Scenarios.Connections.Select(c => pg.GetValueOrDefault($"S1-c{c}")?.Tps ?? 0).Max();
        var s3 = pg.GetValueOrDefault("S3");
        var s5 = pg.GetValueOrDefault("S5");
        var get = pg.GetValueOrDefault("GET");

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {commit}{(proxy is null ? "" : $", {ThroughNote}{proxy}")}");
        md.AppendLine();
        md.AppendLine("Written by `bash benchmarks/run.sh` (docs/benchmarks.md). The app in Release on a fresh throwaway PostgreSQL,");
        md.AppendLine("the load driver and pgbench on the same machine, back to back. Ratios compare the app with pgbench replaying");
        md.AppendLine("the SQL the app sends (benchmarks/pgbench/README.md); S4's with the same rushes sent straight to PostgreSQL by the");
        md.AppendLine("driver, with the app's own statements (benchmarks/adr/0040).");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- CPU: {CpuModel()}, {Environment.ProcessorCount} cores (nproc)");
        md.AppendLine(CultureInfo.InvariantCulture, $"- memory: {MemoryMb() / 1024.0:0.0} GB");
        md.AppendLine(CultureInfo.InvariantCulture, $"- OS: {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- load average (1/5/15 min) at the end: {Scenarios.LoadAverage()}; each run's before/after is in the tables");
        if (proxy is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- the driver reaches the app {ThroughNote}{proxy}, plain HTTP on loopback (docs/benchmarks.md, \"Through nginx\"): the app's CPU time is the replicas' together, nginx's is in \"the rest\", and the peak RSS is the larger replica's");
        }

        var transport = Path.Combine(outDir, "transport.txt");
        if (File.Exists(transport))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- the app and pgbench reach PostgreSQL by {(await File.ReadAllTextAsync(transport, ct)).Trim()}");
        }

        var runtime = Path.Combine(outDir, "runtime.txt");
        if (File.Exists(runtime))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- the app's runtime, as it reported itself (benchmarks/run.sh sets it, docs/adr/0073): {(await File.ReadAllTextAsync(runtime, ct)).Trim()}");
        }

        var pool = Path.Combine(outDir, "pool.txt");
        if (File.Exists(pool))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- the app's and the driver's connection string sets: {(await File.ReadAllTextAsync(pool, ct)).Trim()}");
        }
        md.AppendLine();
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| scenario | app | pgbench | ratio | target | met |");
        md.AppendLine("|---|---|---|---|---|---|");
        Row(md, "S1 uncontended booking, peak of 8/16/32 connections", $"{appPeak:0} /s", $"{pgPeak:0} tps", appPeak / pgPeak, "≥ 0.45 × pgbench", appPeak / pgPeak >= 0.45);
        if (s3?.P99Ms is { } pgP99)
        {
            Row(md, $"S3 open loop at {app.S3.Run.TargetRate:0}/s, p99", $"{app.S3.Run.P99Ms:0.0} ms", $"{pgP99:0.0} ms", app.S3.Run.P99Ms / pgP99, "≤ 2 × pgbench", app.S3.Run.P99Ms / pgP99 <= 2);
        }

        // Each rush's target is judged on the ratio of the medians of five (benchmarks/adr/0034, 0074): the app's sell-out
        // over the same rushes' on PostgreSQL alone (benchmarks/adr/0040); a rush that did not sell out counts as the slowest.
        // Violations and 5xx count in every rush.
        var paced = RushRow(md, $"S4 paced rush: {app.S4[0].Measured.Run.Connections} attendees within 1 s for 300 slots, {app.S4.Count} times", app.S4, app.S4Direct, PacedTarget);
        var burst = RushRow(md, $"S4 burst rush: the same within {Scenarios.BurstArrivals.TotalMilliseconds:0} ms, {app.S4Burst.Count} times", app.S4Burst, app.S4BurstDirect, BurstTarget);
        if (s5 is not null)
        {
            Row(md, "S5 reject path once sold out", $"{app.S5.Run.Throughput:0} /s", $"{s5.Tps:0} tps", app.S5.Run.Throughput / s5.Tps, "≥ 0.3 × pgbench", app.S5.Run.Throughput / s5.Tps >= 0.3);
        }

        if (get is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| availability GET (one day, one therapist: 100 slots) | {app.Availability.Run.Throughput:0} /s | {get.Tps:0} tps | {app.Availability.Run.Throughput / get.Tps:0.00} | (none set) | |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| app peak RSS (VmHWM) | {rssMb:0} MB | | | ≤ 300 MB | {Met(rssMb <= 300)} |");
        md.AppendLine();
        double? Ratio(double a, PgbenchRun? b) => b is { Tps: > 0 } ? a / b.Tps : null;
        string[] row =
        [
            DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), commit,
            Cell(pgPeak), Cell(s5?.Tps), Cell(get?.Tps),
            Cell(appPeak / pgPeak, "0.00"), Cell(s3?.P99Ms is { } p ? app.S3.Run.P99Ms / p : null, "0.00"),
            Cell(paced.Ratio, "0.00"), Cell(burst.Ratio, "0.00"),
            Cell(Ratio(app.S5.Run.Throughput, s5), "0.00"), Cell(Ratio(app.Availability.Run.Throughput, get), "0.00"),
            Cell(paced.App, "0.000"), Cell(paced.Pg, "0.000"), Cell(burst.App, "0.000"), Cell(burst.Pg, "0.000"),
            Cell(rssMb), proxy is null ? "" : ThroughNote + proxy,
        ];
        if (proxy is not null && historyPath is not null && File.Exists(historyPath))
        {
            AppendBesideTheDirectRun(md, await File.ReadAllLinesAsync(historyPath, ct), commit, row);
        }

        foreach (var rush in Rushes(app).Where(r => r.Violations.Count > 0))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"{rush.Measured.Run.Scenario} violations:");
            md.AppendLine();
            foreach (var v in rush.Violations.Take(50))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {v}");
            }

            md.AppendLine();
        }

        md.AppendLine("## Raw figures: the app (load driver)");
        md.AppendLine();
        md.AppendLine("Latency is from the intended send time (open loop and rush) or the send (closed loop), in ms. Driver GCs: the");
        md.AppendLine("load driver's own collections during the run, which it keeps out of every run (round 7 of docs/benchmarks.md as of 2fe336f). Driver");
        md.AppendLine("JIT: the methods the driver's JIT compiled during the run and its time on them (benchmarks/adr/0035).");
        md.AppendLine();
        md.AppendLine("| run | connections / rate | seconds | requests | answers by status | per s | p50 | p90 | p99 | max | driver GCs (MB allocated) | driver JIT: methods (ms) | load before → after |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in Measurements(app))
        {
            var r = m.Run;
            var shape = r.TargetRate > 0 ? $"{r.TargetRate:0}/s" : $"{r.Connections}";
            var statuses = string.Join(", ", r.Statuses.Select(x => $"{x.Key}: {x.Value}"));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {shape} | {r.Seconds:0.00} | {r.Requests} | {statuses} | {r.Throughput:0} | {r.P50Ms:0.0} | {r.P90Ms:0.0} | {r.P99Ms:0.0} | {r.MaxMs:0.0} | {r.DriverCollections} ({r.DriverAllocatedMb:0}) | {r.DriverJitMethods} ({r.DriverJitMs:0}) | {m.LoadBefore} → {m.LoadAfter} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"S4: {string.Join(", ", app.S4.Concat(app.S4Burst).Select(r => r.Measured.Run.AvailabilityChecks))} picker reloads after a 409 (paced, then burst); S1 peak at {app.PeakConnections} connections, used for S5 and the GET.");
        md.AppendLine();
        md.AppendLine("CPU time per answer, in ms (round 12 of docs/benchmarks.md as of 2fe336f): the app's process, the load driver's, PostgreSQL's");
        md.AppendLine("processes, and the rest of the machine's busy time (mostly the kernel's loopback network work), from `/proc`; a rush's");
        md.AppendLine("reloads count as answers, and a rush's time until it sold out is also given alone (the reloads come after it).");
        md.AppendLine("It moves less with the machine's speed than throughput does: compare it between runs.");
        md.AppendLine();
        md.AppendLine("| run | CPU time per answer: app, driver, PostgreSQL, the rest (machine busy) |");
        md.AppendLine("|---|---|");
        foreach (var m in Measurements(app))
        {
            var (whole, untilSoldOut) = PerAnswer(m);
            if (whole is not null)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {m.Run.Scenario} | {whole} |");
            }

            if (untilSoldOut is not null)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {m.Run.Scenario} until sold out | {untilSoldOut} |");
            }
        }
        md.AppendLine();
        md.AppendLine("S4's rushes, answers/201s per 100 ms until the last 201 (…-pg-K: the same rush on PostgreSQL alone, benchmarks/adr/0040):");
        md.AppendLine();
        foreach (var rush in Rushes(app))
        {
            await AppendRushTimelineAsync(md, rush.Measured.Run.Scenario, Path.Combine(outDir, rush.Timeline), ct);
        }

        md.AppendLine();
        md.AppendLine("## Raw figures: pgbench");
        md.AppendLine();
        md.AppendLine("| run | tps | p50 | p99 | load before → after |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var run in pg.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {run.Name} | {run.Tps:0} | {run.P50Ms:0.0} | {run.P99Ms:0.0} | {run.Load} |");
        }

        md.AppendLine();
        foreach (var run in pg.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            md.AppendLine("<details><summary>pgbench " + run.Name + "</summary>");
            md.AppendLine();
            md.AppendLine("```");
            md.AppendLine(run.Output.Trim());
            md.AppendLine("```");
            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
        await File.WriteAllTextAsync(reportPath, md.ToString(), ct);
        if (historyPath is not null)
        {
            await AppendHistoryAsync(historyPath, row, ct);
        }

        return reportPath;
    }

    /// <summary>
    /// The run through a proxy beside the direct run (the history's last row of the same commit that went straight to
    /// the app, else its last such row): each ratio and time of the history, both runs', and the proxied over the direct.
    /// The ratios are each against pgbench on the same machine in the same minutes, so their quotient is what the proxy
    /// and the second replica cost, with the machine's speed taken out.
    /// </summary>
    private static void AppendBesideTheDirectRun(StringBuilder md, string[] history, string commit, string[] row)
    {
        var header = HistoryHeader.Split(',');
        var direct = history.Skip(1).Select(l => l.Split(',', header.Length)).Where(r => r.Length == header.Length && !r[^1].StartsWith(ThroughNote, StringComparison.Ordinal)).ToList();
        var beside = direct.LastOrDefault(r => r[1] == commit) ?? direct.LastOrDefault();
        md.AppendLine("## Beside the direct run");
        md.AppendLine();
        if (beside is null)
        {
            md.AppendLine("The history has no run straight to the app to set this one beside.");
            md.AppendLine();
            return;
        }

        md.AppendLine(CultureInfo.InvariantCulture,
            $"The direct run is the history's row of {beside[0]} (commit {beside[1]}{(beside[^1].Length > 0 ? $", \"{beside[^1]}\"" : "")}). Higher is better for the S1, S5 and GET ratios (throughput), lower for the S3 and S4 ratios, the sell-out times and the RSS.");
        md.AppendLine();
        md.AppendLine("| figure | direct | through the proxy | proxy / direct |");
        md.AppendLine("|---|---|---|---|");
        for (var i = 5; i < header.Length - 1; i++)
        {
            var quotient = double.TryParse(beside[i], CultureInfo.InvariantCulture, out var d) && double.TryParse(row[i], CultureInfo.InvariantCulture, out var x) && d > 0
                ? (x / d).ToString("0.00", CultureInfo.InvariantCulture)
                : "";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {header[i]} | {beside[i]} | {row[i]} | {quotient} |");
        }

        md.AppendLine();
    }

    /// <summary>Appends one row to the history file, with its header when the file is new.</summary>
    private static async Task AppendHistoryAsync(string path, IEnumerable<string> cells, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var lines = File.Exists(path) ? new List<string>() : [HistoryHeader];
        lines.Add(string.Join(',', cells));
        await File.AppendAllLinesAsync(path, lines, ct);
    }

    /// <summary>A history cell: the figure in <paramref name="format"/>, or empty when it was not measured.</summary>
    private static string Cell(double? value, string format = "0") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// The Targets row of one kind of rush (the app's five beside the same five on PostgreSQL alone); answers the two
    /// medians and their ratio.
    /// </summary>
    private static (double App, double Pg, double Ratio) RushRow(StringBuilder md, string name, IReadOnlyList<Rush> appRushes, IReadOnlyList<Rush> pgRushes, double target)
    {
        var rushes = appRushes.Select(r => r.Measured.Run).ToList();
        var (soldOut, each) = SoldOut(rushes);
        var violations = appRushes.Concat(pgRushes).Sum(r => r.Violations.Count);
        var serverErrors = rushes.Sum(r => r.ServerErrors);
        var (pgSoldOut, pgEach) = SoldOut([.. pgRushes.Select(r => r.Measured.Run)]);
        var ratio = soldOut / pgSoldOut;
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | sold out in {soldOut:0.000} s (median; each: {each}), p99 {rushes.Max(r => r.P99Ms):0} ms (worst), {serverErrors} 5xx | " +
            $"PostgreSQL alone: sold out in {pgSoldOut:0.000} s (median; each: {pgEach}) | {ratio:0.00} | ≤ {target:0.00} × PostgreSQL alone, 0 violations (both), 0 5xx | " +
            $"{Met(ratio <= target && violations == 0 && serverErrors == 0)}{(violations > 0 ? $" ({violations} violations)" : "")} |");
        return (soldOut, pgSoldOut, ratio);
    }

    /// <summary>Every rush, in the order they ran: the app's paced and burst rushes, then the same on PostgreSQL alone.</summary>
    private static IEnumerable<Rush> Rushes(AppResults app) => app.S4.Concat(app.S4Burst).Concat(app.S4Direct).Concat(app.S4BurstDirect);

    /// <summary>Every measured run of the app's side, in the order they ran.</summary>
    private static IEnumerable<Measured> Measurements(AppResults app) =>
        app.S1.Append(app.S3).Concat(Rushes(app).Select(r => r.Measured)).Append(app.S5).Append(app.Availability);

    /// <summary>The median time to sell out of <paramref name="rushes"/> (one that did not counts as the slowest), and each.</summary>
    private static (double Median, string Each) SoldOut(List<RunSummary> rushes)
    {
        if (rushes.Count == 0)
        {
            return (double.NaN, "");
        }

        var soldOuts = rushes.Select(r => r.SoldOutSeconds ?? double.PositiveInfinity).Order().ToList();
        var each = string.Join(", ", rushes.Select(r => r.SoldOutSeconds is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "not sold out"));
        return (soldOuts[(soldOuts.Count - 1) / 2], each);
    }

    /// <summary>
    /// A run's CPU time per answer (every answered request, a rush's reloads included), in ms: the app's, the driver's,
    /// PostgreSQL's and the rest's, and how busy the machine was (<see cref="CpuUse"/>); a rush's also until it sold out.
    /// </summary>
    public static string CpuPerAnswer(Measured m) => PerAnswer(m) switch
    {
        (null, _) => "CPU time not measured",
        (var whole, null) => $"CPU per answer: {whole}",
        var (whole, untilSoldOut) => $"CPU per answer: {whole}; until sold out: {untilSoldOut}",
    };

    /// <summary>A run's CPU time per answer over the whole run and, for a rush, until it sold out (null: not measured).</summary>
    private static (string? Whole, string? UntilSoldOut) PerAnswer(Measured m) => (
        PerAnswer(m.Cpu, m.Run.Requests + m.Run.AvailabilityChecks, m.Run.Seconds),
        PerAnswer(m.CpuUntilSoldOut, m.Run.AnswersUntilSoldOut, m.Run.SoldOutSeconds));

    /// <summary>
    /// <paramref name="cpu"/> per answer, as "app, driver, PostgreSQL, the rest (machine busy)"; null when not measured.
    /// </summary>
    private static string? PerAnswer(CpuUse? cpu, int? answers, double? seconds)
    {
        if (cpu is null || answers is not > 0 || seconds is not > 0)
        {
            return null;
        }

        var n = answers.Value;
        var busy = cpu.MachineMs / (seconds.Value * 1000 * Environment.ProcessorCount);
        return string.Create(CultureInfo.InvariantCulture,
            $"app {cpu.AppMs / n:0.00} ms, driver {cpu.DriverMs / n:0.00} ms, PostgreSQL {cpu.PostgresMs / n:0.00} ms, the rest {cpu.RestMs / n:0.00} ms over {n} answers (machine busy {busy:0%})");
    }

    private static double Rate201(RunSummary r) => r.Statuses.GetValueOrDefault(201) / r.Seconds;

    private static void Row(StringBuilder md, string name, string app, string pg, double ratio, string target, bool met) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {app} | {pg} | {ratio:0.00} | {target} | {Met(met)} |");

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static async Task<PgbenchRun> ReadPgbenchAsync(string outDir, string name, CancellationToken ct)
    {
        var output = await File.ReadAllTextAsync(Path.Combine(outDir, $"pgbench-{name}.txt"), ct);
        var tps = TpsLine().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var loadFile = Path.Combine(outDir, $"pgbench-{name}.load");
        var load = File.Exists(loadFile) ? (await File.ReadAllTextAsync(loadFile, ct)).Trim() : "";

        // Per-transaction log (pgbench -l): column 3 is the latency in µs, counted from the scheduled start under -R.
        var latencies = new List<double>();
        foreach (var file in Directory.GetFiles(outDir, $"pglog-{name}.*"))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, ct))
            {
                var cols = line.Split(' ');
                if (cols.Length > 2 && double.TryParse(cols[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var us))
                {
                    latencies.Add(us / 1000.0);
                }
            }
        }

        latencies.Sort();
        return latencies.Count == 0
            ? new PgbenchRun(name, tps, null, null, load, output)
            : new PgbenchRun(name, tps, RunSummary.Percentile(latencies, 0.5), RunSummary.Percentile(latencies, 0.99), load, output);
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";

    private static double MemoryMb() =>
        File.Exists("/proc/meminfo") && MemTotal().Match(File.ReadAllText("/proc/meminfo")) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 1024
            : 0;

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"MemTotal:\s+(\d+) kB")]
    private static partial Regex MemTotal();
}
