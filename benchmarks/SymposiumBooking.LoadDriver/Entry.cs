namespace SymposiumBooking.LoadDriver;

/// <summary>
/// The load driver's command line (benchmarks/run.sh calls it):
/// <c>scenarios --url U --db CONNSTR --email E --password P --out DIR [--seconds S] [--app-pid PID[,PID...]] [--fastest-rate R]</c> runs
/// S1, S3, S4 (paced and burst, + checker; the same rushes on PostgreSQL alone), with pools of slots sized for R bookings/s,
/// S5 and the availability GET (each run's CPU time per answer: the app's, with its process ids (replicas added up), the driver's,
/// PostgreSQL's and the rest's, <see cref="CpuUse"/>); <c>rush --url U --db CONNSTR --email E --password P --out DIR --year Y [--app-pid PID]</c> seeds a
/// warm-up symposium (year Y), a rush symposium (Y + 1) and a rehearsal symposium (Y + 2), and the same two for the rush on
/// PostgreSQL alone (Y + 3, Y + 4; all unused years, Y from 2027 to 2055), and runs S4 alone with the checker, then
/// the same rush on PostgreSQL alone (benchmarks/adr/0040), to try a change to the rush quickly; <c>check --db CONNSTR --symposium ID --log FILE
/// [--scenario S4]</c> checks a rush's invariants; <c>report --out DIR --commit C --report FILE [--history CSV] [--proxy "nginx …"]</c> writes
/// the markdown report and appends the run's row to the history (benchmarks/results/history.csv);
/// <c>smoke-rush --url U --ca-cert FILE --db CONNSTR --email E --password P --out DIR [--clients N] [--midway "shell command"]
/// [--arrivals S]</c> is the production smoke's booking rush, its clients retrying with the same Idempotency-Key (<see cref="SmokeRush"/>);
/// <c>smtp-sink --port P --dir D</c> is the production smoke test's mail server (<see cref="SmtpSink"/>);
/// <c>dashboard --url U --db CONNSTR --email E --password P [--requests N]</c> times the organizers' dashboard page on a
/// symposium of 1,000 bookings (<see cref="DashboardBench"/>); <c>draw --url U --db CONNSTR --email E --password P --app-pid PID --out DIR</c>
/// times the draw of 5,000 requests onto 1,000 slots and the same people's first-come rush (<see cref="DrawBench"/>).
/// Not top-level statements: the test project also references this assembly and has its own <c>Program</c>.
/// </summary>
public static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: scenarios|rush|check|report|smoke-rush|dashboard|draw --name value ... (see Entry.cs)");
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        // One process id, or several separated by commas (replicas behind nginx: their CPU time is added up).
        int[]? AppPids() => options.TryGetValue("app-pid", out var pids)
            ? [.. pids.Split(',').Select(pid => int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture))]
            : null;
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var ct = cts.Token;
        switch (args[0])
        {
            case "scenarios":
                var results = await Scenarios.RunAsync(
                    new ScenarioSettings(
                        new Uri(Get("url")), Get("db"), Get("email"), Get("password"), Get("out"),
                        options.TryGetValue("seconds", out var s) ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 5,
                        AppPids: AppPids(),
                        FastestRate: options.TryGetValue("fastest-rate", out var r)
                            ? double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)
                            : Scenarios.DefaultFastestRate),
                    ct);
                return results.S4.Concat(results.S4Direct).Concat(results.S4Burst).Concat(results.S4BurstDirect).All(r => r.Violations.Count == 0) ? 0 : 1;
            case "rush":
                var rush = await Scenarios.RushOnlyAsync(
                    new ScenarioSettings(new Uri(Get("url")), Get("db"), Get("email"), Get("password"), Get("out"), 0, AppPids: AppPids()),
                    int.Parse(Get("year"), System.Globalization.CultureInfo.InvariantCulture),
                    ct);
                return rush.Count == 0 ? 0 : 1;
            case "check":
                var log = (await RequestLog.ReadAsync(Get("log"), ct))
                    .Where(r => !options.TryGetValue("scenario", out var only) || r.Scenario == only).ToList();
                var violations = InvariantChecker.Check(log, await InvariantChecker.ReadAsync(Get("db"), Guid.Parse(Get("symposium")), ct));
                foreach (var v in violations)
                {
                    Console.WriteLine(v);
                }

                Console.WriteLine($"{log.Count} requests, {violations.Count} violations");
                return violations.Count == 0 ? 0 : 1;
            case "smtp-sink":
                await SmtpSink.RunAsync(int.Parse(Get("port"), System.Globalization.CultureInfo.InvariantCulture), Get("dir"), ct);
                return 0;
            case "smoke-rush":
                return await SmokeRush.RunAsync(
                    new SmokeRushSettings(
                        new Uri(Get("url")), options.GetValueOrDefault("ca-cert"), Get("db"), Get("email"), Get("password"), Get("out"),
                        options.TryGetValue("clients", out var n) ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 150,
                        options.GetValueOrDefault("midway"),
                        options.TryGetValue("arrivals", out var a) ? double.Parse(a, System.Globalization.CultureInfo.InvariantCulture) : 2),
                    ct);
            case "dashboard":
                return await DashboardBench.RunAsync(
                    new Uri(Get("url")), Get("db"), Get("email"), Get("password"),
                    options.TryGetValue("requests", out var q) ? int.Parse(q, System.Globalization.CultureInfo.InvariantCulture) : 200,
                    ct);
            case "draw":
                return await DrawBench.RunAsync(
                    new Uri(Get("url")), Get("db"), Get("email"), Get("password"),
                    int.Parse(Get("app-pid"), System.Globalization.CultureInfo.InvariantCulture), Get("out"), ct);
            case "report":
                Console.WriteLine(await Report.WriteAsync(Get("out"), Get("commit"), Get("report"), options.GetValueOrDefault("history"), options.GetValueOrDefault("proxy"), ct));
                return 0;
            default:
                await Console.Error.WriteLineAsync($"unknown command {args[0]}");
                return 2;
        }
    }
}
