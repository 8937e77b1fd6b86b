using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Outbox;

/// <summary>
/// What the outbox holds unsent: rows still to go (due now or waiting for a retry), rows held for a person (outcome
/// unknown) and when the oldest row still to go was written. Counted by the dispatcher at the end of a round, and only
/// while someone reads the outbox gauges (Infrastructure/Telemetry/BookingMetrics.cs).
/// </summary>
public sealed record OutboxDepth(long Pending, long Held, Instant? OldestPendingAt)
{
    /// <summary>One statement over the unsent rows (the partial index on <c>next_attempt_at WHERE sent_at IS NULL</c>).</summary>
    public static async Task<OutboxDepth> ReadAsync(BookingDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SELECT count(*) FILTER (WHERE outcome_unknown_at IS NULL),
                       count(*) FILTER (WHERE outcome_unknown_at IS NOT NULL),
                       min(created_at) FILTER (WHERE outcome_unknown_at IS NULL)
                FROM outbox_messages WHERE sent_at IS NULL
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new OutboxDepth(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<Instant>(2));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
