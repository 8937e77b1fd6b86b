using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Npgsql;

namespace SymposiumBooking.LoadDriver;

/// <summary>The settings of the <c>smoke-rush</c> command (Entry.cs).</summary>
/// <param name="Url">The service's public address (nginx in the production smoke).</param>
/// <param name="CaCert">A PEM certificate: the only one an https <paramref name="Url"/> is trusted under (null: the system's).</param>
/// <param name="Database">PostgreSQL, to read the bookings straight from the database.</param>
/// <param name="Clients">Attendees; the symposium has a third as many slots, so three want each.</param>
/// <param name="Midway">A shell command run once when half the clients have their answer (null: none).</param>
/// <param name="Arrivals">How long the clients take to arrive, evenly spread.</param>
public sealed record SmokeRushSettings(
    Uri Url, string? CaCert, string Database, string Email, string Password, string OutDir, int Clients = 150, string? Midway = null, double Arrivals = 2);

/// <summary>What an answer to a booking means to a client that retries (docs/adr/0114).</summary>
public enum AnswerKind
{
    /// <summary>201, or a 4xx refusal: the answer to this request, for good.</summary>
    Final,

    /// <summary>No answer (connection error, timeout) or 502/503/504 from the proxy or the app: the same request again.</summary>
    Retry,

    /// <summary>Any other status (a 500): neither an answer nor worth repeating; the smoke fails.</summary>
    Failed,
}

/// <summary>How a client retries: waits that double from <paramref name="FirstWait"/> to <paramref name="LongestWait"/>, no
/// attempt longer than <paramref name="AttemptTimeout"/>, no retry after <paramref name="Deadline"/> from its first try.</summary>
public sealed record RetryPolicy(TimeSpan FirstWait, TimeSpan LongestWait, TimeSpan AttemptTimeout, TimeSpan Deadline)
{
    /// <summary>The smoke's: a replica killed or PostgreSQL restarted is back (or routed around) within seconds.</summary>
    public static readonly RetryPolicy Smoke = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));
}

/// <summary>One client's booking: the same body and the same <paramref name="IdempotencyKey"/> on every attempt.</summary>
public sealed record SmokeRequest(int Client, Guid Slot, string Email, string Rate, string IdempotencyKey);

/// <summary>
/// What a client ended with: the last status it got (0: no answer), the booking a 201 named, how many attempts it made
/// and the statuses it tried again after.
/// </summary>
public sealed record SmokeAnswer(int Client, int Status, Guid? BookingId, int Attempts, IReadOnlyList<int> Retried)
{
    public bool IsFinal => RetryingBookings.Classify(Status) == AnswerKind.Final;
}

/// <summary>A booking sent until it has a final answer, as a phone that keeps trying would (docs/adr/0114).</summary>
public static class RetryingBookings
{
    public static AnswerKind Classify(int status) => status switch
    {
        201 => AnswerKind.Final,
        >= 400 and < 500 => AnswerKind.Final,
        0 or 502 or 503 or 504 => AnswerKind.Retry,
        _ => AnswerKind.Failed,
    };

    /// <summary>
    /// Sends <paramref name="request"/> until its answer is final or failed, or its deadline has passed: the same bytes and
    /// the same Idempotency-Key every time, so however many attempts reach the app, at most one booking is made and every
    /// attempt after it is answered with it.
    /// </summary>
    public static async Task<SmokeAnswer> BookAsync(HttpClient http, SmokeRequest request, RetryPolicy policy, TimeProvider time, CancellationToken ct)
    {
        var body = BookingLoad.Body(request.Slot, request.Email, request.Rate);
        var started = time.GetTimestamp();
        var retried = new List<int>();
        var wait = policy.FirstWait;
        while (true)
        {
            var (status, booking) = await AttemptAsync(http, body, request.IdempotencyKey, policy.AttemptTimeout, ct);
            if (Classify(status) != AnswerKind.Retry || time.GetElapsedTime(started) + wait > policy.Deadline)
            {
                return new SmokeAnswer(request.Client, status, booking, retried.Count + 1, retried);
            }

            retried.Add(status);
            await Task.Delay(wait, time, ct);
            wait = wait * 2 < policy.LongestWait ? wait * 2 : policy.LongestWait;
        }
    }

    private static async Task<(int Status, Guid? Booking)> AttemptAsync(HttpClient http, byte[] body, string key, TimeSpan timeout, CancellationToken ct)
    {
        using var request = BookingLoad.Post(body, key);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, attempt.Token);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var created = await response.Content.ReadFromJsonAsync<BookingLoad.Created>(RequestLog.Json, attempt.Token);
                return (201, created?.Id);
            }

            await response.Content.LoadIntoBufferAsync(attempt.Token);
            return ((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (0, null); // no answer, or half of one: the connection broke or the attempt timed out
        }
    }
}

/// <summary>What a smoke rush did: every client's answer, the replays of the 201s, and the midway command's.</summary>
public sealed record SmokeRushResult(
    IReadOnlyList<SmokeRequest> Requests, IReadOnlyList<SmokeAnswer> Answers, IReadOnlyList<SmokeAnswer> Replays, int? MidwayExit, int? MidwayAfter);

/// <summary>
/// The production smoke's booking rush (docs/operations.md, "How this path is proven"): clients, three for each slot of
/// a small symposium of its own, half at the reduced rate, each with its own Idempotency-Key, retried on no answer and
/// on 502/503/504 until a final answer (<see cref="RetryingBookings"/>); a command run once halfway through (a replica
/// killed, PostgreSQL restarted); then every 201 asked again with its key, and the checks: every client has one final
/// answer, no slot is booked twice, every 201 is a booking in the database and every booking was answered 201 to
/// its client, and a key never made two bookings (docs/adr/0114).
/// </summary>
public static class SmokeRush
{
    /// <summary>Runs the command: seeds, rushes, checks, prints one summary line. 0 only when nothing was violated.</summary>
    public static async Task<int> RunAsync(SmokeRushSettings s, CancellationToken ct)
    {
        Directory.CreateDirectory(s.OutDir);
        // Unpooled: a connection kept from before the midway command (PostgreSQL restarted) would be a dead one.
        var database = new NpgsqlConnectionStringBuilder(s.Database) { Pooling = false }.ToString();
        var trusted = s.CaCert is null ? null : X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(s.CaCert, ct));
        // The organizer too has an address of its own, fresh each run: a sign-in limit another check used up on
        // 127.0.0.1 is not this command's business.
        var loopback = IsLoopback(s.Url);
        using var admin = Client(s.Url, trusted, loopback ? new IPAddress([127, 2, 0, (byte)System.Security.Cryptography.RandomNumberGenerator.GetInt32(2, 255)]) : null);
        var seeder = new Seeder(admin);
        await seeder.SignInAsync(s.Email, s.Password, ct);
        var year = await FreeYearAsync(database, ct);
        var perTherapist = (int)Math.Ceiling(s.Clients / 3.0 / 2);
        var symposium = await seeder.SymposiumAsync(year, 1, 2, "09:00", string.Create(CultureInfo.InvariantCulture, $"{9 + (perTherapist * 5 / 60):00}:{perTherapist * 5 % 60:00}"), ct);

        // Each client from its own loopback address when the service is on this machine, as attendees come from their
        // own phones: the per-address limits (per replica) count each of them apart.
        var clients = new HttpClient[s.Clients];
        for (var i = 0; i < clients.Length; i++)
        {
            clients[i] = Client(s.Url, trusted, loopback ? LoopbackSource(i) : null);
        }

        try
        {
            Func<CancellationToken, Task<int>>? midway = s.Midway is { } command ? token => ShellAsync(command, token) : null;
            var result = await RushAsync(i => clients[i], symposium, s.Clients, TimeSpan.FromSeconds(s.Arrivals), midway, RetryPolicy.Smoke, TimeProvider.System, ct);
            var violations = await CheckAsync(database, symposium, result, midwayExpected: s.Midway is not null, ct);
            await File.WriteAllLinesAsync(
                Path.Combine(s.OutDir, $"smoke-rush-{year}.jsonl"), result.Answers.Concat(result.Replays).Select(a => JsonSerializer.Serialize(a, RequestLog.Json)), ct);
            await File.WriteAllLinesAsync(Path.Combine(s.OutDir, $"smoke-rush-{year}-violations.txt"), violations, ct);
            foreach (var v in violations.Take(20))
            {
                Console.WriteLine($"smoke-rush: {v}");
            }

            Console.WriteLine(Summary(symposium, result, violations));
            return violations.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var client in clients)
            {
                client?.Dispose();
            }
        }
    }

    /// <summary>
    /// The rush: client <c>i</c> arrives at <c>i / clients</c> of <paramref name="arrivals"/>, books slot <c>i mod slots</c>
    /// (at the reduced rate when <c>i</c> is even) until its answer is final; <paramref name="midway"/> starts once when half
    /// the clients have theirs. Then each client that got a 201 sends its request once more, with its key.
    /// </summary>
    public static async Task<SmokeRushResult> RushAsync(
        Func<int, HttpClient> clientFor, SeededSymposium symposium, int clients, TimeSpan arrivals, Func<CancellationToken, Task<int>>? midway,
        RetryPolicy policy, TimeProvider time, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var requests = Enumerable.Range(0, clients)
            .Select(i => new SmokeRequest(
                i, symposium.Slots[i % symposium.Slots.Count], $"smoke{run}.{i}@smoke.example.org", i % 2 == 0 ? "reduced" : "standard", Guid.NewGuid().ToString()))
            .ToList();
        var answered = 0;
        Task<int>? midwayRun = null;
        int? midwayAfter = null;
        var started = time.GetTimestamp();
        var attempts = requests.Select(async r =>
        {
            var due = arrivals * r.Client / clients - time.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, time, ct);
            }

            var answer = await RetryingBookings.BookAsync(clientFor(r.Client), r, policy, time, ct);
            var count = Interlocked.Increment(ref answered);
            if (midway is not null && count == Math.Max(1, clients / 2))
            {
                midwayAfter = count;
                midwayRun = Task.Run(() => midway(ct), ct);
            }

            return answer;
        }).ToList();
        var answers = await Task.WhenAll(attempts);
        int? midwayExit = midwayRun is null ? null : await midwayRun;

        var replays = await Task.WhenAll(requests.Zip(answers).Where(x => x.Second.Status == 201)
            .Select(x => RetryingBookings.BookAsync(clientFor(x.First.Client), x.First, policy, time, ct)));
        return new SmokeRushResult(requests, answers, replays, midwayExit, midwayAfter);
    }

    /// <summary>Everything the rush must not have done, from its answers and the symposium's bookings in the database.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(
        string database, SeededSymposium symposium, SmokeRushResult result, bool midwayExpected, CancellationToken ct)
    {
        var violations = new List<string>();
        var byClient = result.Answers.ToDictionary(a => a.Client);
        foreach (var request in result.Requests)
        {
            var answer = byClient[request.Client];
            if (!answer.IsFinal)
            {
                violations.Add($"client {request.Client} ({request.Email}) has no final answer: the last was {Status(answer.Status)} after {answer.Attempts} attempts");
            }
        }

        // The rules of every rush (no slot twice, the reduced-rate cap, each 201 a booking and each booking a 201), on
        // the final answers: one record per client.
        var records = result.Requests.Zip(result.Answers, (r, a) => new RequestRecord("smoke-rush", r.Client, r.Slot, r.Email, r.Rate, a.Status, 0, a.BookingId)).ToList();
        var state = await InvariantChecker.ReadAsync(database, symposium.SymposiumId, ct);
        violations.AddRange(InvariantChecker.Check(records, state));

        // A key made at most one booking: each client is its own attendee with one key.
        foreach (var person in state.Bookings.GroupBy(b => b.NormalizedEmail).Where(g => g.Count() > 1))
        {
            violations.Add($"{person.Key}'s one Idempotency-Key made {person.Count()} bookings: {string.Join(", ", person.Select(b => b.Id))}");
        }

        // Asked again, a 201's key answers the same booking.
        foreach (var replay in result.Replays)
        {
            var first = byClient[replay.Client];
            if (replay.Status != 201 || replay.BookingId != first.BookingId)
            {
                violations.Add($"client {replay.Client}'s request, sent again with its key, was answered {Status(replay.Status)} (booking {replay.BookingId}), not 201 with its booking {first.BookingId}");
            }
        }

        if (midwayExpected && result.MidwayExit is null)
        {
            violations.Add("the midway command never ran: fewer than half the clients got an answer");
        }
        else if (result.MidwayExit is { } exit and not 0)
        {
            violations.Add($"the midway command exited {exit}");
        }

        return violations;
    }

    /// <summary>The line the production smoke prints.</summary>
    public static string Summary(SeededSymposium symposium, SmokeRushResult result, IReadOnlyCollection<string> violations)
    {
        string Counts(IEnumerable<int> statuses) =>
            string.Join(", ", statuses.GroupBy(x => x).OrderBy(g => g.Key).Select(g => $"{Status(g.Key)}: {g.Count()}"));
        var answers = result.Answers;
        var retried = answers.SelectMany(a => a.Retried).ToList();
        var midway = result.MidwayAfter is { } after ? $"; the midway command ran after {after} answers and exited {result.MidwayExit}" : "";
        return $"smoke-rush: {answers.Count} clients for {symposium.Slots.Count} slots: {answers.Count(a => a.Status == 201)} booked, " +
            $"answers {Counts(answers.Select(a => a.Status))}; {retried.Count} retries ({(retried.Count == 0 ? "none" : Counts(retried))}), " +
            $"{answers.Count(a => !a.IsFinal)} without a final answer; {result.Replays.Count(r => r.Status == 201)} of {result.Replays.Count} 201s answered the same when sent again{midway}; " +
            $"{violations.Count} violations";
    }

    private static string Status(int status) => status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture);

    /// <summary>A year no symposium in the database has, so the command can run again on the same database.</summary>
    private static async Task<int> FreeYearAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand(
            "SELECT min(y) FROM generate_series(2030, 2100) y WHERE NOT EXISTS (SELECT FROM symposia WHERE year = y)", connection);
        return await query.ExecuteScalarAsync(ct) as int? ?? throw new InvalidOperationException("every year from 2030 to 2100 has a symposium");
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback && (url.HostNameType == UriHostNameType.Dns || IPAddress.Parse(url.Host).AddressFamily == AddressFamily.InterNetwork);

    /// <summary>Client <paramref name="i"/>'s own address in 127.0.0.0/8 (Linux routes all of it to loopback).</summary>
    private static IPAddress LoopbackSource(int i) => new([127, (byte)(1 + (i / 250 / 250)), (byte)(i / 250 % 250), (byte)(2 + (i % 250))]);

    /// <summary>
    /// An HTTP client of the service: no proxy, no cookies, its own connections (from <paramref name="source"/> when
    /// given), no timeout of its own (each attempt has one), and, when <paramref name="trusted"/> is given, https
    /// accepted only for a certificate that chains to it and names the host.
    /// </summary>
    private static HttpClient Client(Uri url, X509Certificate2? trusted, IPAddress? source)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        if (trusted is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusts(trusted, certificate, errors);
        }

        if (source is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    var host = context.DnsEndPoint;
                    var address = IPAddress.TryParse(host.Host, out var literal) ? literal : IPAddress.Loopback; // an IPv4 literal or localhost
                    await socket.ConnectAsync(new IPEndPoint(address, host.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Whether the server's certificate chains to <paramref name="trusted"/> alone and names the host asked for.</summary>
    private static bool Trusts(X509Certificate2 trusted, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 presented
            || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }

    /// <summary>Runs <paramref name="command"/> with <c>bash -c</c>, its output passed through; answers its exit code.</summary>
    private static async Task<int> ShellAsync(string command, CancellationToken ct)
    {
        Console.WriteLine($"smoke-rush: halfway, running: {command}");
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("bash did not start");
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }
}
