using Npgsql;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>
/// Holds the row locks of some bookings in a transaction of its own. Requests started behind it read what they read and
/// then queue on those rows, so a race test can line up every request before any of them writes: the widest race, on
/// every run, without timing. <see cref="ReleaseAsync"/> commits without having changed anything.
/// </summary>
public sealed class RowGate : IAsyncDisposable
{
    private readonly NpgsqlConnection _holder;
    private readonly NpgsqlTransaction _tx;
    private readonly NpgsqlConnection _probe;

    private RowGate(NpgsqlConnection holder, NpgsqlTransaction tx, NpgsqlConnection probe) => (_holder, _tx, _probe) = (holder, tx, probe);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<RowGate> LockAsync(BookingApp app, IEnumerable<Guid> bookingIds)
    {
        var holder = new NpgsqlConnection(TestPostgres.ConnectionStringFor(app.Database, pooling: false));
        await holder.OpenAsync(Ct);
        var tx = await holder.BeginTransactionAsync(Ct);
        var ids = bookingIds.ToArray();
        await using (var lockRows = new NpgsqlCommand("SELECT count(*)::int FROM (SELECT id FROM bookings WHERE id = ANY(@ids) FOR UPDATE) l", holder, tx))
        {
            lockRows.Parameters.AddWithValue("ids", ids);
            Assert.Equal(ids.Length, (int)(await lockRows.ExecuteScalarAsync(Ct))!);
        }

        var probe = new NpgsqlConnection(TestPostgres.ConnectionStringFor(app.Database, pooling: false));
        await probe.OpenAsync(Ct);
        return new RowGate(holder, tx, probe);
    }

    /// <summary>
    /// Returns once at least <paramref name="count"/> sessions of this database wait for a lock: the requests started
    /// behind the gate have read and queued. PostgreSQL cannot notify this, so it is polled; a request that never
    /// queues fails the test after a generous bound instead of hanging it.
    /// </summary>
    public async Task WaitForWaitersAsync(int count)
    {
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", _probe);
        for (var polls = 0; ; polls++)
        {
            var now = (int)(await waiting.ExecuteScalarAsync(Ct))!;
            if (now >= count)
            {
                return;
            }

            Assert.True(polls < 6_000, $"Only {now} of {count} requests queued behind the gate.");
            await Task.Delay(10, Ct);
        }
    }

    public Task ReleaseAsync() => _tx.CommitAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _tx.DisposeAsync();
        await _holder.DisposeAsync();
        await _probe.DisposeAsync();
    }
}
