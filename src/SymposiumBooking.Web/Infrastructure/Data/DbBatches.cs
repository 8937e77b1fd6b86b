using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SymposiumBooking.Web.Infrastructure.Data;

/// <summary>Hand-written statements sent on the context's own connection: one round trip for the whole batch.</summary>
public static class DbBatches
{
    /// <summary>
    /// A batch of <paramref name="commands"/> on the context's connection, in its current transaction if it has one.
    /// The connection must be open (a transaction, or <c>OpenConnectionAsync</c>, keeps it open).
    /// </summary>
    public static NpgsqlBatch CreateBatch(this BookingDb db, params IEnumerable<NpgsqlBatchCommand> commands)
    {
        var batch = new NpgsqlBatch(
            (NpgsqlConnection)db.Database.GetDbConnection(),
            db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }
}
