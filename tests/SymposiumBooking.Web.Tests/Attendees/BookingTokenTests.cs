using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>The app with every log line, at every level, kept for the test to read.</summary>
public sealed class LogCapturingApp : BookingApp
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
            logging.AddFilter<CapturedLogs>(null, LogLevel.Trace); // beats the appsettings' category levels
        });
    }
}

/// <summary>Everything logged: each message as formatted, every structured value and scope, and exceptions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry) => _entries.Enqueue(entry);

    private sealed class Capture(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Add($"{category} scope: {Describe(state)}");
            return NoScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Add($"{category} [{logLevel}] {formatter(state, exception)} | {Describe(state)} | {exception}");
        }

        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join("; ", values.Select(v => $"{v.Key}={Flatten(v.Value)}"))
            : state?.ToString() ?? "";

        private static string Flatten(object? value) => value switch
        {
            null => "",
            string s => s,
            System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(i => i?.ToString())),
            _ => value.ToString() ?? "",
        };
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}

/// <summary>The booking token is the only key to a booking: long, stored as a hash only, never logged.</summary>
public sealed class BookingTokenTests(LogCapturingApp app) : IClassFixture<LogCapturingApp>
{
    [Fact]
    public async Task The_token_has_at_least_128_bits_and_the_database_keeps_only_its_sha256()
    {
        var ct = TestContext.Current.CancellationToken;
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail()));

        var token = booked.Token!;
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.True(Base64UrlDecode(token).Length >= 16, $"{token} is under 128 bits");

        await using var db = app.OpenDb();
        var stored = await db.Database
            .SqlQuery<string>($"SELECT token_hash AS \"Value\" FROM bookings WHERE id = {booked.Id}")
            .SingleAsync(ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored);
        Assert.Matches("^[0-9a-f]{64}$", stored);
        // Nowhere in the row, nor in any other table a booking writes, in plain text.
        var rows = await db.Database.SqlQuery<string>($"""
            SELECT row_to_json(b)::text AS "Value" FROM bookings b
            UNION ALL SELECT row_to_json(i)::text FROM booking_intakes i
            UNION ALL SELECT row_to_json(r)::text FROM idempotency_records r
            UNION ALL SELECT row_to_json(o)::text FROM outbox_messages o
            """).ToListAsync(ct);
        Assert.DoesNotContain(rows, r => r.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_booking_gets_its_own_token()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();

        var tokens = new List<string>();
        foreach (var slot in schedule.Slots.Take(4))
        {
            tokens.Add((await client.BookAtTableAsync(slot.Id)).Token!);
        }

        Assert.Equal(4, tokens.Distinct().Count());
    }

    [Fact]
    public async Task The_token_never_appears_in_any_log_line()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var request = BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail());
        var key = Guid.NewGuid().ToString();

        var response = await client.BookAsync(request, key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booked = await response.ReadAsync<BookingView>();
        var token = booked.Token!;
        Assert.Equal(HttpStatusCode.Created, (await client.BookAsync(request, key)).StatusCode); // replayed answer
        Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(
            HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/reschedule", token, new { slotId = schedule.Slots[1].Id })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/cancel", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", token + "x")).StatusCode);

        var logs = app.Logs.Entries.ToList();
        Assert.Contains(logs, l => l.Contains("BookSlot", StringComparison.Ordinal)); // the capture works and saw the requests
        Assert.Contains(logs, l => l.Contains("[Trace]", StringComparison.Ordinal) || l.Contains("[Debug]", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(token, StringComparison.Ordinal));
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
