using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.LoadDriver;

/// <summary>A booking row as the database holds it at the end of a run.</summary>
public sealed record BookingRow(Guid Id, Guid SlotId, string NormalizedEmail, string Rate, string Status, bool HoldLapsed);

/// <summary>The final state the checker compares the driver's log with: a symposium's bookings and its reduced-rate cap.</summary>
public sealed record FinalState(IReadOnlyList<BookingRow> Bookings, int ReducedRateLimit);

/// <summary>
/// Checks a rush against the rules a booking system must never break, from the driver's log of requests and answers
/// plus the final database: at most one active booking per slot, nobody over the reduced-rate cap, every 201 is in the
/// database, and every booking row matches a 201 the driver saw. Returns the violations, empty when all hold.
/// </summary>
public static class InvariantChecker
{
    /// <summary>The statuses that hold a slot, as stored.</summary>
    public static readonly IReadOnlySet<string> Holding = BookingStatuses.HoldingSlot.Select(s => s.ToString()).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<string> Check(IReadOnlyCollection<RequestRecord> log, FinalState state)
    {
        var violations = new List<string>();
        var active = state.Bookings.Where(b => Holding.Contains(b.Status) && !b.HoldLapsed).ToList();

        foreach (var slot in active.GroupBy(b => b.SlotId).Where(g => g.Count() > 1))
        {
            violations.Add($"slot {slot.Key} has {slot.Count()} active bookings: {string.Join(", ", slot.Select(b => b.Id))}");
        }

        foreach (var person in active.Where(b => b.Rate == "Reduced").GroupBy(b => b.NormalizedEmail).Where(g => g.Count() > state.ReducedRateLimit))
        {
            violations.Add($"{person.Key} has {person.Count()} active reduced-rate bookings, over the cap of {state.ReducedRateLimit}");
        }

        var rows = state.Bookings.ToDictionary(b => b.Id);
        var created = log.Where(r => r.Status == 201).ToList();
        foreach (var answer in created)
        {
            if (answer.BookingId is not { } id || !rows.TryGetValue(id, out var row))
            {
                violations.Add($"request {answer.Id} got 201 (booking {answer.BookingId}) but the database has no such booking");
            }
            else if (row.SlotId != answer.Slot || !string.Equals(row.NormalizedEmail, Email.Normalize(answer.Email), StringComparison.Ordinal))
            {
                violations.Add($"request {answer.Id} got 201 for slot {answer.Slot} / {answer.Email}, but booking {id} is for slot {row.SlotId} / {row.NormalizedEmail}");
            }
        }

        var answered = created.Where(r => r.BookingId is not null).Select(r => r.BookingId!.Value).ToHashSet();
        foreach (var row in state.Bookings.Where(b => !answered.Contains(b.Id)))
        {
            violations.Add($"booking {row.Id} (slot {row.SlotId}, {row.NormalizedEmail}) is in the database but no request got a 201 for it");
        }

        return violations;
    }

    /// <summary>Reads a symposium's bookings and reduced-rate cap, straight from PostgreSQL (not through the app).</summary>
    public static async Task<FinalState> ReadAsync(string connectionString, Guid symposiumId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var limit = new NpgsqlCommand("SELECT reduced_rate_limit_per_attendee FROM symposia WHERE id = $1", connection)
        {
            Parameters = { new() { Value = symposiumId } },
        };
        var cap = await limit.ExecuteScalarAsync(ct) as int? ?? throw new InvalidOperationException($"symposium {symposiumId} has no booking policy");

        await using var query = new NpgsqlCommand(
            """
            SELECT id, slot_id, normalized_email, rate, status, status = 'AwaitingPayment' AND hold_expires_at <= now()
            FROM bookings WHERE symposium_id = $1
            """, connection)
        {
            Parameters = { new() { Value = symposiumId } },
        };
        var rows = new List<BookingRow>();
        await using var reader = await query.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new BookingRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetBoolean(5)));
        }

        return new FinalState(rows, cap);
    }
}
