using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace SymposiumBooking.LoadDriver;

/// <summary>
/// The dashboard benchmark (docs/benchmarks.md, "The dashboard"): a symposium of 12 therapists × 3 days × 36 slots
/// seeded through the organizer API, 1,000 bookings on it written with SQL (every status, both rates and payments,
/// online payments, refunds, table payments with corrections, a waitlist), then the organizer page
/// <c>/organize/{id}/dashboard</c> requested one after another, timed from send to the last byte.
/// </summary>
public static class DashboardBench
{
    public const int Bookings = 1000;
    public const double TargetMs = 50;

    public static async Task<int> RunAsync(Uri url, string db, string email, string password, int requests, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = url };
        // As the TLS proxy in front of the app says (benchmarks/run.sh trusts 127.0.0.1 as one for this run).
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var seeder = new Seeder(http);
        await seeder.SignInAsync(email, password, ct);
        var symposium = await seeder.SymposiumAsync(2060, days: 3, therapists: 12, "09:00", "12:00", ct);
        await SeedBookingsAsync(db, symposium.SymposiumId, ct);

        var page = $"organize/{symposium.SymposiumId}/dashboard";
        for (var i = 0; i < 20; i++)
        {
            await GetAsync(http, page, ct);
        }

        var times = new List<double>(requests);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(http, page, ct);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        var (median, p95) = (At(0.5), At(0.95));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dashboard: {Bookings} bookings, {symposium.Slots.Count} slots; {requests} requests of /{page} one after another: median {median:0.0} ms, p95 {p95:0.0} ms, max {times[^1]:0.0} ms (target median ≤ {TargetMs} ms; load average before {string.Join(' ', load)})"));
        return median <= TargetMs ? 0 : 1;
    }

    private static async Task GetAsync(HttpClient http, string page, CancellationToken ct)
    {
        using var response = await http.GetAsync(page, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode || !html.Contains("<svg role=\"img\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET /{page} answered {(int)response.StatusCode} without its charts");
        }
    }

    /// <summary>
    /// The bookings, one per slot in slot order: by n mod 20, 1 awaits payment, 0 is cancelled, 2 refunded, 3 a no-show,
    /// 4 and 5 completed, 6 expired, the rest confirmed; every third reduced, every other online; made over the last
    /// fortnight. At-table bookings with n mod 4 = 1 paid at the table, every second of those corrected.
    /// </summary>
    private static async Task SeedBookingsAsync(string db, Guid symposium, CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(db);
        await using var batch = source.CreateBatch();
        foreach (var sql in new[]
                 {
                     $"""
                     WITH s AS (
                         SELECT s.id, row_number() OVER (ORDER BY s.starts_at, s.therapist_id) AS n FROM slots s WHERE s.symposium_id = $1
                     ), b AS (
                         SELECT s.id AS slot_id, n, CASE n % 20
                             WHEN 0 THEN 'Cancelled' WHEN 1 THEN 'AwaitingPayment' WHEN 2 THEN 'Refunded' WHEN 3 THEN 'NoShow'
                             WHEN 4 THEN 'Completed' WHEN 5 THEN 'Completed' WHEN 6 THEN 'Expired' ELSE 'Confirmed' END AS status
                         FROM s WHERE n <= {Bookings}
                     )
                     INSERT INTO bookings (id, symposium_id, slot_id, status, attendee_name, attendee_email, normalized_email, phone, rate,
                         payment, price_cents, currency, token_hash, hold_expires_at, sequence, created_at, updated_at, checked_in_at)
                     SELECT gen_random_uuid(), $1, slot_id, status, 'Attendee ' || n, 'attendee' || n || '@bench.example.org',
                         'attendee' || n || '@bench.example.org', NULL,
                         CASE WHEN n % 3 = 0 THEN 'Reduced' ELSE 'Standard' END,
                         CASE WHEN n % 2 = 0 THEN 'Online' ELSE 'AtTable' END,
                         CASE WHEN n % 3 = 0 THEN 2500 ELSE 6000 END, 'USD', md5($1::text || n),
                         CASE WHEN status = 'AwaitingPayment' THEN now() + interval '30 minutes' END, 0,
                         now() - (n % 14) * interval '1 day', now(),
                         CASE WHEN status IN ('Completed', 'NoShow') OR n % 7 = 0 THEN now() END
                     FROM b
                     """,
                     """
                     INSERT INTO online_payments (booking_id, checkout_session_id, checkout_url, paid_at, created_at)
                     SELECT id, 'cs_' || id, 'https://checkout.example/', CASE WHEN status <> 'AwaitingPayment' THEN now() END, created_at
                     FROM bookings WHERE symposium_id = $1 AND payment = 'Online'
                     """,
                     """
                     INSERT INTO refunds (id, booking_id, reason, amount_cents, currency, created_at)
                     SELECT gen_random_uuid(), id, 'Organizer', price_cents, 'USD', now() FROM bookings
                     WHERE symposium_id = $1 AND status = 'Refunded' AND payment = 'Online'
                     """,
                     """
                     WITH paid AS (
                         SELECT id, price_cents, row_number() OVER (ORDER BY id) AS k FROM bookings
                         WHERE symposium_id = $1 AND payment = 'AtTable' AND status IN ('Confirmed', 'Completed', 'NoShow')
                     ), first AS (
                         INSERT INTO table_payments (id, booking_id, symposium_id, amount_cents, currency, method, recorded_by, recorded_at)
                         SELECT gen_random_uuid(), id, $1, price_cents, 'USD', 'Cash', gen_random_uuid(), now() FROM paid WHERE k % 4 = 1
                         RETURNING id, booking_id
                     )
                     INSERT INTO table_payments (id, booking_id, symposium_id, amount_cents, currency, method, recorded_by, recorded_at, replaces, note)
                     SELECT gen_random_uuid(), f.booking_id, $1, p.price_cents - 500, 'USD', 'Card', gen_random_uuid(), now(), f.id, 'corrected'
                     FROM first f JOIN paid p ON p.id = f.booking_id WHERE p.k % 8 = 1
                     """,
                     """
                     INSERT INTO waitlist_entries (id, symposium_id, name, email, normalized_email, status, created_at, confirmed_at)
                     SELECT gen_random_uuid(), $1, 'Waiting ' || n, 'waiting' || n || '@bench.example.org',
                         'waiting' || n || '@bench.example.org', 'Waiting', now(), now()
                     FROM generate_series(1, 40) n
                     """,
                     "ANALYZE",
                 })
        {
            var command = new NpgsqlBatchCommand(sql);
            if (sql.Contains("$1", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = symposium });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }
}
