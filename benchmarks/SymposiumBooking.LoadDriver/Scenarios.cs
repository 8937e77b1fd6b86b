using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace SymposiumBooking.LoadDriver;

/// <summary>The settings of one benchmark run (benchmarks/run.sh passes them).</summary>
public sealed record ScenarioSettings(
    Uri App,
    string Database,
    string OrganizerEmail,
    string OrganizerPassword,
    string OutDir,
    double Seconds,
    int RushAttendees = 1000,
    int RushSlots = 300,
    int Rushes = 5,
    IReadOnlyList<int>? AppPids = null,
    double FastestRate = Scenarios.DefaultFastestRate);

/// <summary>
/// A measured run with the machine's load average before and after it and, where <c>/proc</c> tells, the CPU time it
/// took (<see cref="CpuUse"/>; the app's share when the driver knows the app's process id).
/// </summary>
public sealed record Measured(RunSummary Run, string LoadBefore, string LoadAfter, CpuUse? Cpu = null, CpuUse? CpuUntilSoldOut = null);

/// <summary>Everything the app side of a benchmark run produced; written to app.json for the report.</summary>
public sealed record AppResults(
    Guid BulkSymposium,
    Guid RushSymposium,
    Guid PgbenchSymposium,
    string AvailabilityDate,
    Guid AvailabilityTherapist,
    IReadOnlyList<Measured> S1,
    int PeakConnections,
    Measured S3,
    IReadOnlyList<Rush> S4,
    IReadOnlyList<Rush> S4Direct,
    IReadOnlyList<Rush> S4Burst,
    IReadOnlyList<Rush> S4BurstDirect,
    Measured S5,
    Measured Availability);

/// <summary>One of S4's rushes (S4-1, S4-2, ...): its figures, its invariant checker's findings and its timeline file.</summary>
public sealed record Rush(Measured Measured, IReadOnlyList<string> Violations, string Timeline);

/// <summary>
/// S1 (closed loop at 8, 16, 32 connections), S3 (open loop at half of S1's peak), S4 (the rush, paced and burst, then
/// the invariant checker; the same rushes on PostgreSQL alone), S5 (the reject path once sold out) and the availability
/// GET, against a running app (docs/benchmarks.md).
/// </summary>
public static class Scenarios
{
    public static readonly int[] Connections = [8, 16, 32];

    /// <summary>
    /// The fastest booking rate, per second, the seeded pools are sized for unless run.sh says otherwise
    /// (<c>BENCH_FASTEST_RATE</c>): above the fastest pgbench figure seen on any machine (4,338/s) with room to spare.
    /// A faster machine still finishes: a run that empties its pool stops there (by count) and is measured over the time
    /// it took (benchmarks/adr/0074).
    /// </summary>
    public const double DefaultFastestRate = 5000;

    /// <summary>Slots per therapist and day of a bulk symposium: 00:00–23:55 in 5-minute sessions.</summary>
    private const int SlotsPerTherapistDay = 288;

    /// <summary>The longest symposium the app accepts (<c>symposium.too_long</c>).</summary>
    private const int MaxDays = 14;

    /// <summary>The paced rush's arrivals: 1,000 attendees spread over one second (S4).</summary>
    public static readonly TimeSpan PacedArrivals = TimeSpan.FromSeconds(1);

    /// <summary>The burst rush's arrivals: the same attendees within 50 ms (S4 burst, benchmarks/adr/0074).</summary>
    public static readonly TimeSpan BurstArrivals = TimeSpan.FromMilliseconds(50);

    /// <summary>The years of S4's symposia (2090, 2091, 2093 and 2094 are S1's, pgbench's and the rehearsals').</summary>
    private static readonly int[] RushYears = [2092, 2095, 2096, 2097, 2098, 2099, 2100];

    /// <summary>The years of S4 burst's symposia, then those of the same bursts on PostgreSQL alone.</summary>
    private static readonly int[] BurstYears = [2060, 2061, 2062, 2063, 2064];

    private static readonly int[] DirectBurstYears = [2065, 2066, 2067, 2068, 2069];

    /// <summary>
    /// The years of the rush's physical limit (benchmarks/adr/0040): its rehearsal's, then one per rush. Below S4's (an
    /// symposium's year ends at 2100), above the years the <c>rush</c> command may use (Y to Y + 4, Y from 2027 to 2055).
    /// </summary>
    private static readonly int[] DirectRushYears = [2080, 2081, 2082, 2083, 2084, 2085, 2086, 2087];

    /// <summary>The therapists of a rush's symposium and of a rehearsal's.</summary>
    private const int RushTherapists = 3;

    public static async Task<AppResults> RunAsync(ScenarioSettings s, CancellationToken ct)
    {
        Directory.CreateDirectory(s.OutDir);
        var duration = TimeSpan.FromSeconds(s.Seconds);
        using var admin = BookingLoad.Client(s.App, 4);
        var seeder = new Seeder(admin);
        await seeder.SignInAsync(s.OrganizerEmail, s.OrganizerPassword, ct);
        // Slots for S1 + S3 (24 h of 5-minute sessions, as many days, up to 14, and therapists, 16 or more, as the
        // fastest rate needs for the run's length), the same for pgbench's booking script, and exactly RushSlots for each rush.
        var (days, therapists) = BulkShape(s);
        Console.WriteLine($"seeding symposia through the organizer API ({days} days of {therapists * SlotsPerTherapistDay} slots for S1 and S3, the same for pgbench)");
        var bulk = await seeder.SymposiumAsync(2090, days, therapists, "00:00", "23:55", ct);
        var pgbench = await seeder.SymposiumAsync(2091, days, therapists, "00:00", "23:55", ct);
        // S4 runs the rush several times, each on its own symposium: one rush is one sample of a noisy machine
        // (benchmarks/adr/0034). The first also serves S5, pgbench's reject path and the GET.
        var rushSymposia = new List<SeededSymposium>();
        foreach (var year in RushYears.Take(s.Rushes))
        {
            rushSymposia.Add(await RushSymposiumAsync(seeder, s, year, ct));
        }

        var bursts = new List<SeededSymposium>();
        foreach (var year in BurstYears.Take(s.Rushes))
        {
            bursts.Add(await RushSymposiumAsync(seeder, s, year, ct));
        }

        var rush = rushSymposia[0];
        // Two small rehearsal rushes (not measured): one with the warm-up, one after the vacuum that precedes S4.
        var rehearsals = new[] { await RehearsalSymposiumAsync(seeder, 2093, ct), await RehearsalSymposiumAsync(seeder, 2094, ct) };
        // The same rushes on PostgreSQL alone, after S4 (benchmarks/adr/0040): a rehearsal of their own, then one symposium each.
        var directRehearsal = await RushSymposiumAsync(seeder, s, DirectRushYears[0], ct);
        var directSymposia = new List<SeededSymposium>();
        foreach (var year in DirectRushYears.Skip(1).Take(s.Rushes))
        {
            directSymposia.Add(await RushSymposiumAsync(seeder, s, year, ct));
        }

        var directBursts = new List<SeededSymposium>();
        foreach (var year in DirectBurstYears.Take(s.Rushes))
        {
            directBursts.Add(await RushSymposiumAsync(seeder, s, year, ct));
        }

        if (rushSymposia.Concat(directSymposia).Concat(bursts).Concat(directBursts).Any(r => r.Slots.Count != s.RushSlots))
        {
            throw new InvalidOperationException($"a rush symposium does not have {s.RushSlots} slots");
        }

        await File.WriteAllLinesAsync(Path.Combine(s.OutDir, "pgbench-slots.txt"), pgbench.Slots.Select(x => x.ToString()), ct);
        await File.WriteAllLinesAsync(Path.Combine(s.OutDir, "rush-slots.txt"), rush.Slots.Select(x => x.ToString()), ct);

        var log = new RequestLog();
        using var http = BookingLoad.Client(s.App, 1024);
        var load = new BookingLoad(http, log);
        // Each run books from its own share of the bulk symposium, sized for the fastest rate: one that empties its share
        // stops there (by count) without taking the next run's slots.
        var shares = new Queue<IReadOnlyList<Guid>>(Shares(bulk.Slots, s));

        Console.WriteLine("warm-up: bookings, refusals and availability lists, 16 connections, 4 s, then a rehearsal of the rush (not measured)");
        await WarmUpAsync(load, bulk with { Slots = shares.Dequeue() }, Cursor(), WarmUp, ct);
        await RehearseRushAsync(s, log, rehearsals[0], ct);

        var s1 = new List<Measured>();
        foreach (var c in Connections)
        {
            var share = shares.Dequeue();
            s1.Add(await MeasureAsync(s, () => load.ClosedLoopAsync($"S1-c{c}", $"s1c{c}", share, Cursor(), c, duration, ct)));
            Console.WriteLine($"S1 {c} connections: {s1[^1].Run.Throughput:0} bookings/s{Emptied(s1[^1].Run, share)}");
        }

        var peak = s1.MaxBy(m => m.Run.Statuses.GetValueOrDefault(201) / m.Run.Seconds)!;
        var rate = Math.Max(1, Math.Round(peak.Run.Statuses.GetValueOrDefault(201) / peak.Run.Seconds / 2));
        var s3Share = shares.Dequeue();
        var s3 = await MeasureAsync(s, () => load.OpenLoopAsync("S3", "s3", s3Share, Cursor(), rate, duration * 2, ct));
        Console.WriteLine($"S3 open loop at {rate}/s: p50 {s3.Run.P50Ms:0.0} ms, p99 {s3.Run.P99Ms:0.0} ms{Emptied(s3.Run, s3Share)}");

        await VacuumAsync(s.Database, ct);
        await RehearseRushAsync(s, log, rehearsals[1], ct);
        // Back to back: each rush is warmed by the one before it, the first by the rehearsal; the paced rushes, then the
        // bursts, each with the seed (the attendees' picks) of its counterpart on PostgreSQL alone.
        var s4 = new List<Rush>();
        foreach (var plan in Plans("S4", "s4r", "rush-timeline-", rushSymposia, PacedArrivals))
        {
            s4.Add(await RushAsync(s, log, plan, ct));
            Print(s4[^1]);
        }

        var s4Burst = new List<Rush>();
        foreach (var plan in Plans("S4-burst", "s4b", "rush-burst-timeline-", bursts, BurstArrivals))
        {
            s4Burst.Add(await RushAsync(s, log, plan, ct));
            Print(s4Burst[^1]);
        }

        var direct = await DirectRushesAsync(
            s, log, rush, directRehearsal,
            [.. Plans("S4-pg", "s4pg", "rush-pg-timeline-", directSymposia, PacedArrivals),
             .. Plans("S4-burst-pg", "s4bpg", "rush-burst-pg-timeline-", directBursts, BurstArrivals)],
            ct);
        foreach (var r in direct)
        {
            Print(r);
        }

        var s4Direct = direct.Take(directSymposia.Count).ToList();
        var s4BurstDirect = direct.Skip(directSymposia.Count).ToList();

        var taken = -1;
        int NextTaken() => Interlocked.Increment(ref taken) % rush.Slots.Count;
        var s5 = await MeasureAsync(s, () => load.ClosedLoopAsync("S5", "s5", rush.Slots, NextTaken, peak.Run.Connections, duration, ct));
        Console.WriteLine($"S5 reject path: {s5.Run.Throughput:0} answers/s");

        var path = $"api/v1/symposia/{rush.SymposiumId}/slots?date={rush.Date}&therapistId={rush.TherapistId}";
        var get = await MeasureAsync(s, () => load.ClosedLoopGetAsync("GET", path, peak.Run.Connections, duration, ct));
        Console.WriteLine($"availability GET: {get.Run.Throughput:0} answers/s");

        await log.AppendToAsync(Path.Combine(s.OutDir, "requests.jsonl"), ct);
        var results = new AppResults(
            bulk.SymposiumId, rush.SymposiumId, pgbench.SymposiumId, rush.Date, rush.TherapistId,
            s1, peak.Run.Connections, s3, s4, s4Direct, s4Burst, s4BurstDirect, s5, get);
        await File.WriteAllTextAsync(Path.Combine(s.OutDir, "app.json"), JsonSerializer.Serialize(results, Report.Json), ct);
        return results;
    }

    /// <summary>
    /// S4 alone, to try a change to the rush in a minute: a warm-up symposium (year <paramref name="year"/>) booked and
    /// read for a few seconds as S1 and the GET would warm the app, the vacuum and a rehearsal (its own symposium, two
    /// years on) as before S4, then a fresh rush symposium (the next year) and the rush with its invariant checker.
    /// Returns the violations.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RushOnlyAsync(ScenarioSettings s, int year, CancellationToken ct)
    {
        Directory.CreateDirectory(s.OutDir);
        using var admin = BookingLoad.Client(s.App, 4);
        var seeder = new Seeder(admin);
        await seeder.SignInAsync(s.OrganizerEmail, s.OrganizerPassword, ct);
        var warm = await seeder.SymposiumAsync(year, 2, 16, "00:00", "23:55", ct);
        var rush = await RushSymposiumAsync(seeder, s, year + 1, ct);
        var rehearsal = await RehearsalSymposiumAsync(seeder, year + 2, ct);
        var directRush = await RushSymposiumAsync(seeder, s, year + 3, ct);
        var directRehearsal = await RushSymposiumAsync(seeder, s, year + 4, ct);

        var log = new RequestLog();
        using var http = BookingLoad.Client(s.App, 1024);
        var load = new BookingLoad(http, log);
        var cursor = -1;
        // Seeding just ran new code in the app; 5 s of bookings as S1 and S3 would make before the rush, then the
        // usual warm-up.
        int Next() => Interlocked.Increment(ref cursor);
        var closed = await MeasureAsync(s, () => load.ClosedLoopAsync("warmup", "warmup", warm.Slots, Next, 32, TimeSpan.FromSeconds(5), ct));
        await WarmUpAsync(load, warm, Next, TimeSpan.FromSeconds(2), ct);
        Console.WriteLine(
            $"warm-up: {closed.Run.Throughput:0} bookings/s at 32 connections for 5 s, {Report.CpuPerAnswer(closed)} (not a measurement: the app has just run new code)");

        await VacuumAsync(s.Database, ct);
        await RehearseRushAsync(s, log, rehearsal, ct);
        Console.WriteLine("rush: starting");
        var measured = await RushAsync(s, log, new RushPlan("S4", $"s4y{year}", rush, year, PacedArrivals, $"rush-{year}.csv"), ct);
        PrintInDetail(measured);
        var direct = await DirectRushesAsync(
            s, log, rush, directRehearsal, [new RushPlan("S4-pg-1", $"s4pgy{year}", directRush, year, PacedArrivals, $"rush-{year}-pg-1.csv")], ct);
        PrintInDetail(direct[0]);
        await log.AppendToAsync(Path.Combine(s.OutDir, $"rush-{year}.jsonl"), ct);
        return [.. measured.Violations, .. direct[0].Violations];
    }

    /// <summary>Rush <paramref name="k"/>'s seed (its attendees' picks), the same for the app's rush and PostgreSQL's.</summary>
    private static int RushSeed(int k) => 2027 + (10_007 * (k - 1));

    /// <summary>One measured rush: its scenario and run names, symposium, seed, arrival spread and timeline file.</summary>
    private sealed record RushPlan(string Scenario, string Run, SeededSymposium Symposium, int Seed, TimeSpan Arrivals, string Timeline);

    /// <summary>Rushes <c>{scenario}-1</c>, <c>-2</c>, … on <paramref name="symposia"/>, rush K with <see cref="RushSeed"/>(K).</summary>
    private static IEnumerable<RushPlan> Plans(string scenario, string run, string timelinePrefix, IEnumerable<SeededSymposium> symposia, TimeSpan arrivals) =>
        symposia.Select((e, i) => new RushPlan($"{scenario}-{i + 1}", $"{run}{i + 1}", e, RushSeed(i + 1), arrivals, $"{timelinePrefix}{i + 1}.csv"));

    /// <summary>The warm-up's bookings: as long as this, at up to the fastest rate.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The bulk symposia's shape: enough slots for the warm-up, three S1 runs and S3 (twice as long, at half S1's peak),
    /// all at <see cref="ScenarioSettings.FastestRate"/>; pgbench's runs take as many from their own symposium.
    /// Days first, with 16 therapists, up to the longest symposium the app accepts; beyond it, more therapists.
    /// </summary>
    public static (int Days, int Therapists) BulkShape(ScenarioSettings s)
    {
        var needed = s.FastestRate * (WarmUp.TotalSeconds + (4 * s.Seconds));
        var days = Math.Min(MaxDays, (int)Math.Ceiling(needed / (16 * SlotsPerTherapistDay)));
        var therapists = Math.Max(16, (int)Math.Ceiling(needed / (days * SlotsPerTherapistDay)));
        return (days, therapists);
    }

    /// <summary>The bulk symposium cut into the runs' shares, in order: the warm-up, S1 at each connection count, S3.</summary>
    private static IEnumerable<IReadOnlyList<Guid>> Shares(IReadOnlyList<Guid> slots, ScenarioSettings s)
    {
        var sizes = new[] { WarmUp.TotalSeconds }.Concat(Connections.Select(_ => s.Seconds)).Append(s.Seconds)
            .Select(seconds => (int)(s.FastestRate * seconds)).ToList();
        var offset = 0;
        foreach (var size in sizes)
        {
            yield return [.. slots.Skip(offset).Take(size)];
            offset += size;
        }
    }

    /// <summary>A fresh cursor over a share: 0, 1, 2, …</summary>
    private static Func<int> Cursor()
    {
        var cursor = -1;
        return () => Interlocked.Increment(ref cursor);
    }

    /// <summary>A note when a run booked every slot of its share, and so stopped by count before its time.</summary>
    private static string Emptied(RunSummary run, IReadOnlyList<Guid> share) =>
        run.Requests >= share.Count ? $" (stopped by count: its {share.Count} slots booked in {run.Seconds:0.00} s)" : "";

    private static void Print(Rush rush)
    {
        var run = rush.Measured.Run;
        Console.WriteLine(
            $"{run.Scenario} rush: sold out in {run.SoldOutSeconds:0.000} s, p99 {run.P99Ms:0.0} ms, {run.ServerErrors} 5xx, {rush.Violations.Count} violations");
    }

    private static void PrintInDetail(Rush rush)
    {
        var run = rush.Measured.Run;
        Console.WriteLine(
            $"{run.Scenario} rush: sold out in {run.SoldOutSeconds:0.000} s, all answered in {run.Seconds:0.000} s, p50 {run.P50Ms:0} ms, p99 {run.P99Ms:0} ms, " +
            $"{run.Requests} bookings, {run.AvailabilityChecks} reloads, {run.ServerErrors} 5xx, {rush.Violations.Count} violations, " +
            $"driver GCs {run.DriverCollections} ({run.DriverAllocatedMb:0} MB allocated), driver JIT {run.DriverJitMethods} methods ({run.DriverJitMs:0} ms), " +
            Report.CpuPerAnswer(rush.Measured));
        foreach (var v in rush.Violations)
        {
            Console.WriteLine(v);
        }
    }

    /// <summary>
    /// The rush's physical limit (benchmarks/adr/0040): the same rushes, same seeds and same attendees' behaviour, each on its
    /// own symposium, with every attempt sent straight to PostgreSQL as the app's statements (<see cref="DirectBookings"/>),
    /// after a rehearsal of their own, as large as a rush, and after this driver's JIT has gone quiet: the app's code
    /// (its statements) and Npgsql run in this process for the first time there, and without the wait the driver
    /// compiled 450–620 methods (about 1 s of JIT) during the first measured rush. The pool's connections prepare
    /// their statements in the rehearsal too, as the app's did in its rehearsals. Each symposium comes with the seed of
    /// the app's rush it repeats. <paramref name="bookedByTheApp"/> is a symposium the app booked: its ciphertexts are
    /// reused.
    /// </summary>
    private static async Task<IReadOnlyList<Rush>> DirectRushesAsync(
        ScenarioSettings s,
        RequestLog log,
        SeededSymposium bookedByTheApp,
        SeededSymposium rehearsal,
        IReadOnlyList<RushPlan> plans,
        CancellationToken ct)
    {
        await using var direct = await DirectBookings.OpenAsync(s.Database, bookedByTheApp.SymposiumId, log, ct);
        await BookingLoad.RushAsync(
            direct, "warmup", $"direct-rehearsal{rehearsal.Date}", rehearsal.SymposiumId, rehearsal.Slots, s.RushAttendees, TimeSpan.FromSeconds(1), 1, ct);
        await DriverGc.WaitForJitAsync(TimeSpan.FromSeconds(15), ct);
        var rushes = new List<Rush>();
        foreach (var plan in plans)
        {
            rushes.Add(await MeasureRushAsync(s, log, plan, direct, ct));
        }

        return rushes;
    }

    /// <summary>
    /// Not measured: bookings (16 connections for <paramref name="bookings"/>), then half as long each of refused
    /// bookings of the slots just booked and of one therapist's free times on one day, so that every kind of request
    /// the scenarios measure has run through the app's JIT before the first figure is taken.
    /// </summary>
    private static async Task WarmUpAsync(BookingLoad load, SeededSymposium symposium, Func<int> next, TimeSpan bookings, CancellationToken ct)
    {
        await load.ClosedLoopAsync("warmup", "warmup", symposium.Slots, next, 16, bookings, ct);
        var taken = -1;
        await load.ClosedLoopAsync("warmup", "warmup-taken", symposium.Slots, () => Interlocked.Increment(ref taken) % 500, 16, bookings / 2, ct);
        await load.ClosedLoopGetAsync(
            "warmup", $"api/v1/symposia/{symposium.SymposiumId}/slots?available=true&date={symposium.Date}&therapistId={symposium.TherapistId}", 16, bookings / 2, ct);
    }

    /// <summary>
    /// <c>VACUUM ANALYZE</c> before the rush, as benchmarks/run.sh runs it before pgbench's runs. The tens of thousands of
    /// bookings the scenarios before it wrote would otherwise wake autovacuum, and on two cores a vacuum that happens to
    /// start during the rush's half second takes a share of the machine from it: in a real symposium the rush comes after
    /// a quiet week, not ten seconds after 30,000 bookings (round 6 of docs/benchmarks.md as of 2fe336f). The new statistics make every
    /// connection plan its statements again, so a rehearsal follows it, before the rush.
    /// </summary>
    private static async Task VacuumAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A rush's symposium: one day, three therapists, <see cref="ScenarioSettings.RushSlots"/> slots.</summary>
    private static Task<SeededSymposium> RushSymposiumAsync(Seeder seeder, ScenarioSettings s, int year, CancellationToken ct) =>
        seeder.SymposiumAsync(year, 1, RushTherapists, "09:00", TimeOfDay(9 * 60 + (5 * s.RushSlots / RushTherapists)), ct);

    /// <summary>
    /// One measured rush on <paramref name="symposium"/>, then its timeline file (in the out folder) and its invariant
    /// checker. It opens its own connections, as a thousand phones would: connections an earlier run left open would
    /// make it cheaper than a real rush (benchmarks/adr/0034).
    /// </summary>
    private static async Task<Rush> RushAsync(ScenarioSettings s, RequestLog log, RushPlan plan, CancellationToken ct)
    {
        using var phones = BookingLoad.Client(s.App, 1024);
        return await MeasureRushAsync(s, log, plan, new BookingLoad(phones, log), ct);
    }

    /// <summary>One rush through <paramref name="channel"/> (the app, or PostgreSQL alone), its timeline file and its checker.</summary>
    private static async Task<Rush> MeasureRushAsync(ScenarioSettings s, RequestLog log, RushPlan plan, IBookingChannel channel, CancellationToken ct)
    {
        var timeline = new System.Collections.Concurrent.ConcurrentQueue<RushStep>();
        var symposium = plan.Symposium;
        var measured = await MeasureAsync(s, soldOut => BookingLoad.RushAsync(
            channel, plan.Scenario, plan.Run, symposium.SymposiumId, symposium.Slots, s.RushAttendees, plan.Arrivals, plan.Seed, ct, timeline, soldOut));
        await WriteTimelineAsync(Path.Combine(s.OutDir, plan.Timeline), timeline, ct);
        var violations = InvariantChecker.Check(
            log.Records.Where(r => r.Scenario == plan.Scenario).ToList(), await InvariantChecker.ReadAsync(s.Database, symposium.SymposiumId, ct));
        return new Rush(measured, violations, plan.Timeline);
    }

    /// <summary>The rehearsal's symposium: one day, three therapists, 60 slots.</summary>
    private static Task<SeededSymposium> RehearsalSymposiumAsync(Seeder seeder, int year, CancellationToken ct) =>
        seeder.SymposiumAsync(year, 1, RushTherapists, "09:00", "10:40", ct);

    /// <summary>
    /// Not measured: a small rush (300 attendees in half a second for 60 slots) on its own symposium, so that the rush's
    /// own requests, which no other scenario sends, have run through the app's and this driver's JIT before S4: the 409
    /// naming the nearest free times, the sold-out 409, the picker's reload of the whole symposium, hundreds of
    /// connections at once. It has its own connections, closed before S4, so S4 opens as many as it did without it.
    /// </summary>
    private static async Task RehearseRushAsync(ScenarioSettings s, RequestLog log, SeededSymposium symposium, CancellationToken ct)
    {
        using var http = BookingLoad.Client(s.App, 1024);
        await new BookingLoad(http, log).RushAsync(
            "warmup", $"rehearsal{symposium.Date}", symposium.SymposiumId, symposium.Slots, 300, TimeSpan.FromSeconds(0.5), 1, ct);
    }

    /// <summary>The rush's attempts as CSV, in the order they were answered: how the sell-out unfolded.</summary>
    private static Task WriteTimelineAsync(string path, IEnumerable<RushStep> timeline, CancellationToken ct) =>
        File.WriteAllLinesAsync(
            path,
            ["attendee,sent_ms,answered_ms,status,alternatives", .. timeline.OrderBy(t => t.AnsweredMs).Select(t =>
                string.Create(CultureInfo.InvariantCulture, $"{t.Attendee},{t.SentMs:0.0},{t.AnsweredMs:0.0},{t.Status},{t.Alternatives}"))],
            ct);

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static Task<Measured> MeasureAsync(ScenarioSettings s, Func<Task<RunSummary>> run) => MeasureAsync(s, _ => run());

    /// <summary>
    /// A run with its load average and CPU time; a rush calls the action it is given when it sells out, and the CPU
    /// time until then is kept too.
    /// </summary>
    private static async Task<Measured> MeasureAsync(ScenarioSettings s, Func<Action, Task<RunSummary>> run)
    {
        var before = LoadAverage();
        var cpu = new CpuTime(s.AppPids ?? []);
        CpuTime.Reading start = default, end = default;
        CpuTime.Reading? soldOut = null;
        // Read inside the driver's no-GC region, after the collection that starts it: that is not the run's.
        var summary = await DriverGc.WithoutCollectionsAsync(async () =>
        {
            start = cpu.Read();
            var summary = await run(() => soldOut = cpu.Read());
            end = cpu.Read();
            return summary;
        });
        return new Measured(
            summary, before, LoadAverage(), CpuTime.Since(start, end), soldOut is { } at ? CpuTime.Since(start, at) : null);
    }

    private static string TimeOfDay(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
}
