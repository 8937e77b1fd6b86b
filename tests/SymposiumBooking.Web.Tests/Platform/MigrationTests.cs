using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_match_the_model()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = await TestPostgres.CreateEmptyDatabaseAsync();
        try
        {
            await using var db = TestPostgres.OpenDb(name);
            await db.Database.MigrateAsync(ct);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(ct));
            Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: add one.");

            var tables = await db.Database
                .SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'")
                .ToListAsync(ct);
            Assert.Superset(
                new HashSet<string>
                {
                    "symposia", "therapists", "shifts", "slots", "bookings", "booking_intakes",
                    "waitlist_entries", "processed_payment_events", "outbox_messages", "staff_users", "data_protection_keys",
                },
                tables.ToHashSet());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }
}
