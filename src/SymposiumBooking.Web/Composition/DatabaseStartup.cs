using Microsoft.EntityFrameworkCore;
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

        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await services.GetRequiredService<BookingDb>().Database.MigrateAsync();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrations applied")]
    private static partial void LogMigrated(ILogger logger);
}
