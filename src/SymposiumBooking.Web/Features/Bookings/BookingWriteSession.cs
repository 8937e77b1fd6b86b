using Microsoft.AspNetCore.DataProtection;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>What the first round trip of a booking read (<see cref="BookingWriteSession.BeginAsync"/>).</summary>
/// <param name="Target">The slot, or null when there is no such slot.</param>
/// <param name="Claimed">Whether the lookup claimed the <c>Idempotency-Key</c> (docs/adr/0036).</param>
/// <param name="KeyUsed">For a taken slot, whether the key was already answered.</param>
/// <param name="ReducedRateBookings">At the reduced rate, how many of the attendee's reduced-rate bookings hold a slot.</param>
public sealed record SlotRead(LookedUp? Target, bool Claimed, bool KeyUsed, int? ReducedRateBookings);

/// <summary>A free time offered instead of a taken slot: the slot and its therapist's name.</summary>
public sealed record FreeTime(Slot Slot, string TherapistName);

/// <summary>
/// A booking's hand-written SQL (<see cref="BookingStatements"/>) on one connection, in the two round trips of
/// docs/adr/0030 and 0037: <see cref="BeginAsync"/> sends BEGIN with the slot's lookup (and the key's claim, and at
/// the reduced rate the cap's lock and count); <see cref="InsertAsync"/> sends the booking's one statement, with COMMIT
/// when it is confirmed at once; a refusal is <see cref="RollbackWithAlternativesAsync"/>. The session owns the
/// transaction it began in SQL: disposing it rolls back whatever it left open. Other statements may run on the same
/// connection inside it (EF Core's, on the rarer paths). Public so that the load driver's "PostgreSQL alone" mode
/// sends exactly these statements (docs/adr/0040).
/// </summary>
public sealed class BookingWriteSession(NpgsqlConnection connection) : IAsyncDisposable
{
    private const string Begin = "BEGIN ISOLATION LEVEL READ COMMITTED";

    private const string Rollback = "ROLLBACK";

    private const string Commit = "COMMIT";

    /// <summary>How many free times a refused booking suggests.</summary>
    public const int AlternativesShown = BookingStatements.AlternativesShown;

    /// <summary>Whether the transaction this session began is still open.</summary>
    private bool _open;

    /// <summary>
    /// The first round trip: BEGIN, the lookup of <paramref name="slotId"/> with the key's claim unless the slot is
    /// taken, and when <paramref name="reducedRateAttendee"/> (a canonical address) is given, the cap's lock and count.
    /// </summary>
    public async Task<SlotRead> BeginAsync(Guid slotId, Instant now, IdempotencyClaim? claim, string? reducedRateAttendee, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(Begin), BookingStatements.Lookup(slotId, now, claim) } };
        if (reducedRateAttendee is not null)
        {
            foreach (var statement in BookingStatements.ReducedRateCount(slotId, reducedRateAttendee, now))
            {
                batch.BatchCommands.Add(statement);
            }
        }

        _open = true; // from here on (a batch that fails part-way has still begun it)
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var (target, claimed, keyUsed) = await BookingStatements.ReadLookupAsync(reader, claiming: claim is not null, ct);
        int? count = null;
        if (reducedRateAttendee is not null)
        {
            await reader.NextResultAsync(ct); // past the lookup, to the lock's result (nothing to read)
            await reader.NextResultAsync(ct);
            count = await reader.ReadAsync(ct) ? reader.GetInt32(0) : 0;
        }

        return new SlotRead(target, claimed, keyUsed, count);
    }

    /// <summary>
    /// The booking's row, its intake (encrypted with <paramref name="intakeProtector"/>) and, when given, the
    /// confirmation mail's outbox row and the key's stored answer, as one statement; with <paramref name="commit"/>,
    /// COMMIT in the same round trip. False when another booking holds the slot
    /// (<see cref="BookingConfiguration.OneActiveBookingPerSlot"/>): nothing was written, and the transaction is to be
    /// ended with <see cref="RollbackWithAlternativesAsync"/>.
    /// </summary>
    public async Task<bool> InsertAsync(
        Booking booking, BookingIntake intake, IDataProtector intakeProtector, OutboxMessage? mail, SealedAnswer? answer, bool commit, CancellationToken ct)
    {
        await using var write = new NpgsqlBatch(connection) { BatchCommands = { BookingStatements.Write(booking, intake, intakeProtector, mail, answer) } };
        if (commit)
        {
            write.BatchCommands.Add(new NpgsqlBatchCommand(Commit));
        }

        try
        {
            await write.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.Violates(BookingConfiguration.OneActiveBookingPerSlot))
        {
            return false; // someone else's booking of the slot committed first
        }

        _open = !commit;
        return true;
    }

    /// <summary>COMMIT, after <paramref name="first"/> (the key's stored answer) in the same round trip.</summary>
    public async Task CommitAsync(NpgsqlBatchCommand? first, CancellationToken ct)
    {
        await using var end = new NpgsqlBatch(connection);
        if (first is not null)
        {
            end.BatchCommands.Add(first);
        }

        end.BatchCommands.Add(new NpgsqlBatchCommand(Commit));
        await end.ExecuteNonQueryAsync(ct);
        _open = false;
    }

    /// <summary>
    /// ROLLBACK, and in the same round trip the free slots nearest <paramref name="wanted"/> on its <paramref name="day"/>
    /// (docs/adr/0031): at most <see cref="AlternativesShown"/>, nearest first.
    /// </summary>
    public async Task<IReadOnlyList<FreeTime>> RollbackWithAlternativesAsync(Slot wanted, Interval day, Instant now, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(Rollback), BookingStatements.Alternatives(wanted, day, now) } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        _open = false; // the ROLLBACK came first in the batch
        return [.. (await BookingStatements.ReadAlternativesAsync(reader, ct)).Select(a => new FreeTime(a.Slot, a.TherapistName))];
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        _open = false;
        await using var end = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(Rollback) } };
        await end.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Rolls back a transaction left open by a failure or a refusal. A connection broken mid-request cannot send it:
    /// PostgreSQL rolls back what the lost session began, and Npgsql does not return a broken connection to its pool. Not
    /// trying then keeps the failure that broke it (PostgreSQL restarting: 503) from being replaced by "Connection is not
    /// open" (a 500).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_open || connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await RollbackAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }
    }
}
