using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Composition;

/// <summary>Runs once before the server listens: migrations, roles, the first organizer, demo data.</summary>
public static partial class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));

        var db = services.GetRequiredService<BookingDb>();
        var migrate = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup;
        if (migrate && !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync())
        {
            // A new database (development, tests; in production the operator makes it) is created before the lock,
            // which lives in it.
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync();
        }

        // Replicas that start together prepare the database one after the other, under a session advisory lock held on
        // this scope's connection (docs/adr/0113): the second finds the migrations applied and the roles and the first
        // organizer made, instead of failing on tables and unique indexes the first just made.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtextextended('database-startup', 0))");
        try
        {
            if (migrate)
            {
                await db.Database.MigrateAsync();
                LogMigrated(logger);
            }

            var accounts = services.GetRequiredService<StaffAccounts>();
            await accounts.EnsureRolesAsync();

            var bootstrap = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(bootstrap.OrganizerEmail) && !string.IsNullOrEmpty(bootstrap.OrganizerPassword))
            {
                await accounts.EnsureAsync(bootstrap.OrganizerEmail.Trim(), "Organizer", Roles.Organizer, bootstrap.OrganizerPassword);
            }

            await services.GetRequiredService<DemoData>().SeedIfAskedAsync();
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtextextended('database-startup', 0))");
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrations applied")]
    private static partial void LogMigrated(ILogger logger);
}
