using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SymposiumBooking.LoadDriver;

/// <summary>What one measured run did: answers by status, throughput and latency from the intended send time.</summary>
public sealed record RunSummary(
    string Scenario,
    int Connections,
    double TargetRate,
    double Seconds,
    int Requests,
    IReadOnlyDictionary<int, int> Statuses,
    double Throughput,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double? SoldOutSeconds = null,
    int AvailabilityChecks = 0,
    int? DriverCollections = null,
    double? DriverAllocatedMb = null,
    long? DriverJitMethods = null,
    double? DriverJitMs = null,
    int? AnswersUntilSoldOut = null)
{
    public int ServerErrors => Statuses.Where(s => s.Key >= 500 || s.Key == 0).Sum(s => s.Value);

    public static RunSummary From(string scenario, int connections, double targetRate, double seconds, IReadOnlyCollection<(int Status, double LatencyMs)> answers)
    {
        var latencies = answers.Select(a => a.LatencyMs).Order().ToArray();
        return new RunSummary(
            scenario,
            connections,
            targetRate,
            seconds,
            answers.Count,
            answers.GroupBy(a => a.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            seconds > 0 ? answers.Count / seconds : 0,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.90),
            Percentile(latencies, 0.99),
            latencies.Length == 0 ? 0 : latencies[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>One attempt of one rush attendee: when it was meant to go and was answered (ms from the start), how.</summary>
public sealed record RushStep(int Attendee, double SentMs, double AnsweredMs, int Status, int Alternatives);

/// <summary>
/// The booking API as thousands of phones use it (docs/attendees.md): each booking has its own attendee and an
/// <c>Idempotency-Key</c>, pays at the table, half of them at the reduced rate.
/// </summary>
/// <summary>
/// How a rush's attendees reach the bookings: the app over HTTP (<see cref="BookingLoad"/>), or PostgreSQL with the
/// app's statements and nothing else (<see cref="DirectBookings"/>, the rush's physical limit).
/// </summary>
public interface IBookingChannel
{
    /// <summary>
    /// Books <paramref name="slot"/> for a new attendee; logs the answer and returns it with, when the slot was taken
    /// and <paramref name="readAlternatives"/>, the free slots the 409 suggests, and the refusal's place in line.
    /// </summary>
    Task<(RequestRecord Record, IReadOnlyList<Guid> Alternatives, string? Place)> BookAsync(
        string scenario, Guid slot, string email, long startedAt, bool readAlternatives, string? place, CancellationToken ct);

    /// <summary>The slots an attendee's picker shows as free.</summary>
    Task<IReadOnlyList<Guid>> AvailableAsync(Guid symposiumId, CancellationToken ct);
}

public sealed class BookingLoad(HttpClient http, RequestLog log) : IBookingChannel
{
    private static readonly JsonSerializerOptions Json = RequestLog.Json;

    /// <summary>The header that carries an attendee's place in line from a refusal to their next try (docs/adr/0039).</summary>
    public const string PlaceHeader = "Place-In-Line";

    /// <summary>An <see cref="HttpClient"/> on its own socket pool, as a load generator wants it (no cookies, no proxy).</summary>
    public static HttpClient Client(Uri baseAddress, int maxConnections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static string Email(string run, long n) => $"{run}.{n}@bench.example.org";

    /// <summary>
    /// A booking's body as a phone sends it: a new attendee at <paramref name="rate"/> (<c>reduced</c> or
    /// <c>standard</c>), paying at the table, with a full intake.
    /// </summary>
    public static byte[] Body(Guid slot, string email, string rate)
    {
        var body = new Dictionary<string, object?>
        {
            ["slotId"] = slot,
            ["name"] = "Bench Attendee",
            ["email"] = email,
            ["phone"] = "+1 312 555 0100",
            ["rate"] = rate,
            ["payment"] = "atTable",
            ["confirmsCondition"] = rate == "reduced",
            ["intake"] = new Dictionary<string, object?>
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
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, Json);
    }

    /// <summary>
    /// The booking POST of <paramref name="body"/> with <paramref name="idempotencyKey"/>: buffered, with a Content-Length,
    /// as a phone's browser sends a form or a fetch body (JsonContent would stream it chunked, which costs the driver and
    /// Kestrel more than any real client does).
    /// </summary>
    public static HttpRequestMessage Post(byte[] body, string idempotencyKey)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/bookings") { Content = content };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>Books <paramref name="slot"/> for a new attendee; logs and returns the answer.</summary>
    public async Task<RequestRecord> BookAsync(string scenario, Guid slot, string email, long startedAt, CancellationToken ct) =>
        (await BookAsync(scenario, slot, email, startedAt, readAlternatives: false, place: null, ct)).Record;

    /// <inheritdoc/>
    public async Task<(RequestRecord Record, IReadOnlyList<Guid> Alternatives, string? Place)> BookAsync(
        string scenario, Guid slot, string email, long startedAt, bool readAlternatives, string? place, CancellationToken ct)
    {
        var id = log.NextId();
        var rate = id % 2 == 0 ? "reduced" : "standard";
        using var request = Post(Body(slot, email, rate), Guid.NewGuid().ToString());
        if (place is not null)
        {
            request.Headers.Add(PlaceHeader, place);
        }

        var status = 0;
        Guid? bookingId = null;
        IReadOnlyList<Guid> alternatives = [];
        try
        {
            using var response = await http.SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var created = await response.Content.ReadFromJsonAsync<Created>(Json, ct);
                bookingId = created?.Id;
            }
            else if (readAlternatives && response.StatusCode == HttpStatusCode.Conflict)
            {
                var taken = await response.Content.ReadFromJsonAsync<Taken>(Json, ct);
                alternatives = taken?.Alternatives?.Select(a => a.Id).ToList() ?? [];
                place = response.Headers.TryGetValues(PlaceHeader, out var ticket) ? ticket.FirstOrDefault() : null;
            }
            else
            {
                await response.Content.LoadIntoBufferAsync(ct);
            }
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            status = 0; // the client's timeout
        }

        var record = new RequestRecord(scenario, id, slot, email, rate, status, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, bookingId);
        log.Add(record);
        return (record, alternatives, place);
    }

    /// <summary>The slots an attendee's picker shows as free (<c>?available=true</c>).</summary>
    public async Task<IReadOnlyList<Guid>> AvailableAsync(Guid symposiumId, CancellationToken ct)
    {
        var slots = await http.GetFromJsonAsync<List<Created>>($"api/v1/symposia/{symposiumId}/slots?available=true", Json, ct);
        return slots!.Select(s => s.Id).ToList();
    }

    /// <summary>
    /// Closed loop: <paramref name="connections"/> workers, each sending its next booking as soon as the last one was
    /// answered, for <paramref name="duration"/>; every request books a slot nobody asked for yet.
    /// </summary>
    public async Task<RunSummary> ClosedLoopAsync(
        string scenario, string run, IReadOnlyList<Guid> slots, Func<int> nextSlot, int connections, TimeSpan duration, CancellationToken ct)
    {
        var answers = new System.Collections.Concurrent.ConcurrentBag<(int, double)>();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var n = nextSlot();
                if (n >= slots.Count)
                {
                    return; // out of free slots: the seed was too small for this machine's speed
                }

                var sent = Stopwatch.GetTimestamp();
                var answer = await BookAsync(scenario, slots[n], Email(run, n), sent, ct);
                answers.Add((answer.Status, answer.LatencyMs));
            }
        });
        await Task.WhenAll(workers);
        return RunSummary.From(scenario, connections, 0, Stopwatch.GetElapsedTime(started).TotalSeconds, [.. answers]);
    }

    /// <summary>
    /// Open loop: one booking every 1/<paramref name="rate"/> s for <paramref name="duration"/>, sent at its intended time
    /// whether or not earlier ones were answered; latency counts from the intended time, so queueing in the app (or in
    /// this client) is measured instead of hidden (no coordinated omission).
    /// </summary>
    public async Task<RunSummary> OpenLoopAsync(
        string scenario, string run, IReadOnlyList<Guid> slots, Func<int> nextSlot, double rate, TimeSpan duration, CancellationToken ct)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var pending = new List<Task<RequestRecord>>(total);
        var started = Stopwatch.GetTimestamp();
        for (var k = 0; k < total; k++)
        {
            var intended = started + (long)(k / rate * Stopwatch.Frequency);
            await WaitUntilAsync(intended, ct);
            var n = nextSlot();
            if (n >= slots.Count)
            {
                break;
            }

            pending.Add(BookAsync(scenario, slots[n], Email(run, n), intended, ct));
        }

        var answers = await Task.WhenAll(pending);
        return RunSummary.From(scenario, 0, rate, duration.TotalSeconds, answers.Select(a => (a.Status, a.LatencyMs)).ToList());
    }

    /// <summary>
    /// The rush: <paramref name="attendees"/> distinct people arrive spread evenly over <paramref name="arrivals"/>, each
    /// books a random slot of the list; one who gets 409 reloads the picker (<c>?available=true</c>) and tries a random
    /// free slot, until they have one or nothing is left. Sold out = the last 201's answer, from the first arrival.
    /// </summary>
    public Task<RunSummary> RushAsync(
        string scenario, string run, Guid symposiumId, IReadOnlyList<Guid> slots, int attendees, TimeSpan arrivals, int seed, CancellationToken ct,
        System.Collections.Concurrent.ConcurrentQueue<RushStep>? timeline = null, Action? soldOut = null) =>
        RushAsync(this, scenario, run, symposiumId, slots, attendees, arrivals, seed, ct, timeline, soldOut);

    /// <summary>
    /// The same rush, its attendees reaching the bookings through <paramref name="phones"/>. <paramref name="soldOut"/>
    /// is called once, when the last slot's 201 arrives (the answers until then are in the summary).
    /// </summary>
    public static async Task<RunSummary> RushAsync(
        IBookingChannel phones, string scenario, string run, Guid symposiumId, IReadOnlyList<Guid> slots, int attendees, TimeSpan arrivals, int seed,
        CancellationToken ct, System.Collections.Concurrent.ConcurrentQueue<RushStep>? timeline = null, Action? soldOut = null)
    {
        var started = Stopwatch.GetTimestamp();
        var answers = new System.Collections.Concurrent.ConcurrentBag<(int, double)>();
        var lastBooked = 0L;
        var booked = 0;
        int? answersUntilSoldOut = null;
        var reloads = 0;
        var people = new List<Task>(attendees);
        for (var i = 0; i < attendees; i++)
        {
            var intended = started + (long)(arrivals.TotalSeconds * i / attendees * Stopwatch.Frequency);
            await SleepUntilAsync(intended, ct);
            var person = i;
            var random = new Random(seed + person);
            people.Add(Task.Run(async () =>
            {
                var slot = slots[random.Next(slots.Count)];
                var sent = intended;
                string? place = null;
                while (true)
                {
                    // A refusal hands back the attendee's place in line (docs/adr/0039); the next try sends it, as the
                    // booking page does with its cookie.
                    (var answer, var alternatives, place) = await phones.BookAsync(scenario, slot, Email(run, person), sent, readAlternatives: true, place, ct);
                    answers.Add((answer.Status, answer.LatencyMs));
                    timeline?.Enqueue(new RushStep(person, Ms(started, sent), Ms(started, Stopwatch.GetTimestamp()), answer.Status, alternatives.Count));
                    if (answer.Status == (int)HttpStatusCode.Created)
                    {
                        InterlockedMax(ref lastBooked, Stopwatch.GetTimestamp());
                        if (Interlocked.Increment(ref booked) == slots.Count)
                        {
                            answersUntilSoldOut = answers.Count;
                            soldOut?.Invoke();
                        }

                        return;
                    }

                    if (answer.Status != (int)HttpStatusCode.Conflict)
                    {
                        return; // an error: this phone gives up (the checker and the 5xx count report it)
                    }

                    // The 409 names the free times nearest the taken one (the same day); only when it names none does
                    // the picker reload the symposium's free slots, as a phone would.
                    var free = alternatives;
                    if (free.Count == 0)
                    {
                        Interlocked.Increment(ref reloads);
                        free = await phones.AvailableAsync(symposiumId, ct);
                    }

                    if (free.Count == 0)
                    {
                        return; // sold out
                    }

                    slot = free[random.Next(free.Count)];
                    sent = Stopwatch.GetTimestamp();
                }
            }, ct));
        }

        await Task.WhenAll(people);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var soldOutAt = lastBooked == 0 ? (double?)null : (lastBooked - started) / (double)Stopwatch.Frequency;
        return RunSummary.From(scenario, attendees, attendees / arrivals.TotalSeconds, seconds, [.. answers]) with
        {
            SoldOutSeconds = soldOutAt,
            AvailabilityChecks = reloads,
            AnswersUntilSoldOut = answersUntilSoldOut,
        };
    }

    /// <summary>Closed loop of GETs on one path (availability), for <paramref name="duration"/>.</summary>
    public async Task<RunSummary> ClosedLoopGetAsync(string scenario, string path, int connections, TimeSpan duration, CancellationToken ct)
    {
        var answers = new System.Collections.Concurrent.ConcurrentBag<(int, double)>();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var sent = Stopwatch.GetTimestamp();
                var status = 0;
                try
                {
                    using var response = await http.GetAsync(path, ct);
                    await response.Content.LoadIntoBufferAsync(ct);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                answers.Add((status, Stopwatch.GetElapsedTime(sent).TotalMilliseconds));
            }
        });
        await Task.WhenAll(workers);
        return RunSummary.From(scenario, connections, 0, Stopwatch.GetElapsedTime(started).TotalSeconds, [.. answers]);
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static async Task WaitUntilAsync(long timestamp, CancellationToken ct)
    {
        while (true)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            if (left > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(left - TimeSpan.FromMilliseconds(1), ct);
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>
    /// Sleeps until <paramref name="timestamp"/> on the timer alone, which wakes up to about a millisecond late, and never
    /// spins: the rush's arrivals are a millisecond apart, so <see cref="WaitUntilAsync"/> would spin for the whole rush,
    /// on the machine the app shares. Every arrival due when it wakes is sent at once, its latency counted from its
    /// intended time, so the lateness is charged to the app's figures, never hidden.
    /// </summary>
    private static Task SleepUntilAsync(long timestamp, CancellationToken ct)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return left <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), ct);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    internal sealed record Created(Guid Id);

    private sealed record Taken(IReadOnlyList<Created>? Alternatives);
}
