using System.Collections.Concurrent;
using System.Text.Json;

namespace SymposiumBooking.LoadDriver;

/// <summary>
/// One booking request as the driver sent it and the answer it got: a line of the driver's JSON-lines log, which the
/// <see cref="InvariantChecker"/> reads together with the final database. <paramref name="Status"/> is 0 when no HTTP
/// answer came (connection error, timeout). <paramref name="LatencyMs"/> counts from the intended send time.
/// </summary>
public sealed record RequestRecord(
    string Scenario,
    long Id,
    Guid Slot,
    string Email,
    string Rate,
    int Status,
    double LatencyMs,
    Guid? BookingId);

/// <summary>A thread-safe collector of <see cref="RequestRecord"/>s that can be written as JSON lines.</summary>
public sealed class RequestLog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private long _nextId;

    public long NextId() => Interlocked.Increment(ref _nextId);

    public void Add(RequestRecord record) => _records.Enqueue(record);

    public IReadOnlyList<RequestRecord> Records => [.. _records];

    public async Task AppendToAsync(string path, CancellationToken ct)
    {
        var lines = _records.Select(r => JsonSerializer.Serialize(r, Json));
        await File.AppendAllLinesAsync(path, lines, ct);
    }

    public static async Task<IReadOnlyList<RequestRecord>> ReadAsync(string path, CancellationToken ct)
    {
        var records = new List<RequestRecord>();
        foreach (var line in await File.ReadAllLinesAsync(path, ct))
        {
            if (line.Length > 0)
            {
                records.Add(JsonSerializer.Deserialize<RequestRecord>(line, Json)!);
            }
        }

        return records;
    }
}
