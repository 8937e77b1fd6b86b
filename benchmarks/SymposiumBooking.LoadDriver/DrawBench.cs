using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;

namespace SymposiumBooking.LoadDriver;

/// <summary>
/// The draw's benchmark (docs/benchmarks.md, "The draw"): a symposium of 1,000 slots (10 therapists × 2 days × 50
/// five-minute sessions) opening by draw, 5,000 requests of 5 ranked choices of every shape sent through the API in
/// parallel, the window closed, then the organizer's <c>POST …/draw</c> timed (the bookings and outbox rows it writes
/// counted) with the app's RSS read before, sampled during and read after. Then, for comparison, the same 5,000
/// people as a first-come rush on a symposium of the same 1,000 slots (the scenarios' rush, <see cref="BookingLoad"/>).
/// A small draw and a small rush go first, unmeasured, so that neither measurement includes the JIT's first compile.
/// </summary>
public static class DrawBench
{
    public const int Slots = 1000;
    public const int Requests = 5000;
    public const int Choices = 5;
    public const double TargetSeconds = 1;
    public const double TargetExtraMb = 100;

    private static readonly JsonSerializerOptions Json = RequestLog.Json;

    /// <summary>A full intake, the same for every request (as the rush's bookings carry one).</summary>
    private static readonly Dictionary<string, object?> Intake = new()
    {
        ["headTurn"] = "left",
        ["headTilt"] = "none",
        ["painAreas"] = new[] { "neckLeft", "upperBack" },
        ["lastBotoxInjection"] = null,
        ["dbs"] = "none",
        ["bloodThinners"] = false,
        ["recentNeckSurgery"] = false,
        ["comfortablePositions"] = new[] { "seated" },
        ["note"] = "Left side is tight after driving.",
        ["consent"] = true,
    };

    public static async Task<int> RunAsync(Uri url, string db, string email, string password, int appPid, string outDir, CancellationToken ct)
    {
        Directory.CreateDirectory(outDir);
        using var admin = BookingLoad.Client(url, 4);
        admin.Timeout = TimeSpan.FromMinutes(5);
        var seeder = new Seeder(admin);
        await seeder.SignInAsync(email, password, ct);

        // Unmeasured: a small draw (300 requests on 50 slots) and a small rush, so the JIT has compiled both paths.
        var warm = await seeder.SymposiumAsync(2064, days: 1, therapists: 1, "09:00", "13:10", ct);
        await DrawAsync(admin, url, db, warm, 300, appPid, null, ct);
        using (var phones = BookingLoad.Client(url, 1024))
        {
            var rehearsal = await seeder.SymposiumAsync(2065, days: 1, therapists: 3, "09:00", "10:40", ct);
            await new BookingLoad(phones, new RequestLog()).RushAsync("warmup", "drawbench-rehearsal", rehearsal.SymposiumId, rehearsal.Slots, 300, TimeSpan.FromSeconds(0.5), 1, ct);
        }

        var symposium = await seeder.SymposiumAsync(2061, days: 2, therapists: 10, "09:00", "13:10", ct);
        if (symposium.Slots.Count != Slots)
        {
            throw new InvalidOperationException($"the draw's symposium has {symposium.Slots.Count} slots, not {Slots}");
        }

        var draw = await DrawAsync(admin, url, db, symposium, Requests, appPid, Path.Combine(outDir, "draw.json"), ct);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"draw: {Requests} requests × {Choices} choices on {Slots} slots (sent through the API, {draw.SendSeconds:0.0} s at 32 at a time): POST …/draw answered in {draw.Seconds:0.000} s (CPU: the app {draw.Cpu?.AppMs:0} ms, every postgres process on the machine {draw.Cpu?.PostgresMs:0} ms, the machine {draw.Cpu?.MachineMs:0} ms of {Environment.ProcessorCount * 1000 * draw.Seconds:0} on {Environment.ProcessorCount} cores); {draw.Bookings} bookings, {draw.OutboxRows} outbox rows written; app RSS {rssMb(draw.RssBefore)} MB before, peak {rssMb(draw.RssPeak)} MB (+{rssMb(draw.RssPeak - draw.RssBefore)} MB), {rssMb(draw.RssAfter)} MB after (targets ≤ {TargetSeconds} s, ≤ {TargetExtraMb} MB extra)"));

        // The same 5,000 people, first-come, on the same shape of symposium, arriving within a second as in S4.
        var rush = await seeder.SymposiumAsync(2062, days: 2, therapists: 10, "09:00", "13:10", ct);
        using var rushPhones = BookingLoad.Client(url, 1024);
        rushPhones.Timeout = TimeSpan.FromMinutes(3); // 5,000 phones on two shared cores: a reload of the picker can wait long
        var rssBefore = Rss(appPid);
        using var sampler = new RssSampler(appPid);
        var rushed = await BookingLoad.RushAsync(
            new BookingLoad(rushPhones, new RequestLog()), "draw-rush", "drawbench-rush", rush.SymposiumId, rush.Slots, Requests, TimeSpan.FromSeconds(1), 2027, ct);
        var rushPeak = sampler.Stop();
        var rushBooked = await CountAsync(db, "SELECT count(*) FROM bookings WHERE symposium_id = $1", rush.SymposiumId, ct);

        var load = Scenarios.LoadAverage();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rush: the same {Requests} people first-come on {Slots} slots, arriving within 1 s: sold out in {rushed.SoldOutSeconds:0.000} s, {rushBooked} booked, {rushed.Requests} requests (p50 {rushed.P50Ms:0} ms, p99 {rushed.P99Ms:0} ms, statuses {string.Join(' ', rushed.Statuses.OrderBy(x => x.Key).Select(x => $"{x.Key}:{x.Value}"))}); app RSS {rssMb(rssBefore)} MB before, peak {rssMb(rushPeak)} MB (+{rssMb(rushPeak - rssBefore)} MB); load average now {load}"));
        return draw.Seconds <= TargetSeconds && (draw.RssPeak - draw.RssBefore) / 1048576.0 <= TargetExtraMb && draw.Bookings > 0 ? 0 : 1;

        static string rssMb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);
    }

    private sealed record Drawn(double SendSeconds, double Seconds, long Bookings, long OutboxRows, long RssBefore, long RssPeak, long RssAfter, CpuUse? Cpu);

    /// <summary>Opens <paramref name="symposium"/> by draw, sends <paramref name="requests"/> requests, closes the window and times the draw.</summary>
    private static async Task<Drawn> DrawAsync(
        HttpClient admin, Uri url, string db, SeededSymposium symposium, int requests, int appPid, string? saveTo, CancellationToken ct)
    {
        var path = $"api/v1/symposia/{symposium.SymposiumId}";
        var now = DateTimeOffset.UtcNow;
        await PutPolicyAsync(admin, path, symposium.Date, now.AddMinutes(-1), now.AddHours(1), ct);

        var slots = await SlotsAsync(db, symposium.SymposiumId, ct);
        using var askers = BookingLoad.Client(url, 32);
        askers.Timeout = TimeSpan.FromMinutes(2);
        var sending = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            using var content = new ByteArrayContent(RequestBody(slots, i, symposium.SymposiumId));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await askers.PostAsync($"{path}/requests", content, token);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"request {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }
        });
        var sendSeconds = sending.Elapsed.TotalSeconds;

        // Requests close now: the window is moved to end a second from now, and the draw waits for it to pass.
        var close = DateTimeOffset.UtcNow.AddSeconds(1);
        await PutPolicyAsync(admin, path, symposium.Date, now.AddMinutes(-1), close, ct);
        var wait = close - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }

        var outboxBefore = await CountAsync(db, "SELECT count(*) FROM outbox_messages", null, ct);
        var rssBefore = Rss(appPid);
        long peak;
        var cpu = new CpuTime(appPid);
        var cpuBefore = cpu.Read();
        CpuTime.Reading cpuAfter;
        var timer = Stopwatch.StartNew();
        using (var sampler = new RssSampler(appPid))
        {
            using var response = await admin.PostAsync($"{path}/draw", null, ct);
            timer.Stop();
            cpuAfter = cpu.Read();
            peak = sampler.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /{path}/draw answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        }

        var rssAfter = Rss(appPid);
        var bookings = await CountAsync(db, "SELECT count(*) FROM bookings WHERE symposium_id = $1", symposium.SymposiumId, ct);
        var outbox = await CountAsync(db, "SELECT count(*) FROM outbox_messages", null, ct) - outboxBefore;
        if (saveTo is not null)
        {
            await File.WriteAllTextAsync(saveTo, await admin.GetStringAsync($"{path}/draw", ct), ct);
        }

        return new Drawn(sendSeconds, timer.Elapsed.TotalSeconds, bookings, outbox, rssBefore, Math.Max(peak, rssAfter), rssAfter, CpuTime.Since(cpuBefore, cpuAfter));
    }

    private static async Task PutPolicyAsync(HttpClient admin, string path, string firstDay, DateTimeOffset requestsOpenAt, DateTimeOffset requestsCloseAt, CancellationToken ct)
    {
        static string At(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);
        var body = new Dictionary<string, object?>
        {
            ["bookingOpensAt"] = At(requestsCloseAt.AddDays(1)), // first-come, for what the draw leaves
            ["bookingClosesAt"] = $"{firstDay}T00:00", // as the seeder sets it: when the symposium begins
            ["reducedRateLimitPerAttendee"] = 1,
            ["holdMinutes"] = 30,
            ["cancellationCutoffHours"] = 24,
            ["openingMode"] = "draw",
            ["requestsOpenAt"] = At(requestsOpenAt),
            ["requestsCloseAt"] = At(requestsCloseAt),
            ["maxChoices"] = Choices,
        };
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await admin.PutAsync($"{path}/policy", content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT /{path}/policy answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    private sealed record SlotRow(Guid Id, string Date, string Time, Guid TherapistId);

    /// <summary>The symposium's slots with their day and start in its zone, read from the database (the seeder knows only their ids).</summary>
    private static async Task<IReadOnlyList<SlotRow>> SlotsAsync(string db, Guid symposium, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT s.id, to_char(s.starts_at AT TIME ZONE e.time_zone_id, 'YYYY-MM-DD'), to_char(s.starts_at AT TIME ZONE e.time_zone_id, 'HH24:MI'), s.therapist_id
            FROM slots s JOIN symposia e ON e.id = s.symposium_id WHERE s.symposium_id = $1 ORDER BY s.starts_at, s.therapist_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = symposium });
        var rows = new List<SlotRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new SlotRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3)));
        }

        return rows;
    }

    /// <summary>
    /// Request <paramref name="i"/>: five distinct choices, each a slot, a day and time, or a day and therapist, drawn
    /// from a skewed pick (most people want the first hours of the first day, as in a real opening). One in five at the
    /// reduced rate.
    /// </summary>
    private static byte[] RequestBody(IReadOnlyList<SlotRow> slots, int i, Guid symposium)
    {
        var random = new Random(i + 1);
        var choices = new List<Dictionary<string, object?>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (choices.Count < Choices)
        {
            var u = random.NextDouble();
            var slot = slots[(int)(u * u * slots.Count)];
            Dictionary<string, object?> choice = random.Next(3) switch
            {
                0 => new() { ["slotId"] = slot.Id },
                1 => new() { ["date"] = slot.Date, ["time"] = slot.Time },
                _ => new() { ["date"] = slot.Date, ["therapistId"] = slot.TherapistId },
            };
            if (seen.Add(string.Join('|', choice.Values)))
            {
                choices.Add(choice);
            }
        }

        var reduced = i % 5 == 0;
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["name"] = "Bench Asker",
            ["email"] = $"asker.{i}.{symposium:N}@bench.example.org",
            ["phone"] = "+1 312 555 0100",
            ["rate"] = reduced ? "reduced" : "standard",
            ["payment"] = "atTable",
            ["confirmsCondition"] = reduced,
            ["intake"] = Intake,
            ["choices"] = choices,
        }, Json);
    }

    private static async Task<long> CountAsync(string db, string sql, Guid? symposium, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        if (symposium is { } id)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The process's resident set (VmRSS of /proc/PID/status), in bytes.</summary>
    public static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS in /proc/{pid}/status");
    }

    /// <summary>Reads the process's RSS every 5 ms on a thread of its own until stopped; answers the highest reading.</summary>
    private sealed class RssSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public RssSampler(int pid)
        {
            _peak = Rss(pid);
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    var rss = Rss(pid);
                    if (rss > Interlocked.Read(ref _peak))
                    {
                        Interlocked.Exchange(ref _peak, rss);
                    }

                    Thread.Sleep(5);
                }
            })
            { IsBackground = true, Name = "rss-sampler" };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return Interlocked.Read(ref _peak);
        }

        public void Dispose()
        {
            if (!_stop)
            {
                Stop();
            }
        }
    }
}
