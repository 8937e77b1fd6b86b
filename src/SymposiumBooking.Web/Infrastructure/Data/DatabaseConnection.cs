using Npgsql;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Infrastructure.Data;

/// <summary>The connection string the app (and the load driver) use: the configured one, as given.</summary>
public static class DatabaseConnection
{
    /// <summary>
    /// The configured connection string, as given: Npgsql's defaults hold for whatever it does not set (docs/adr/0073;
    /// appsettings.json lists them).
    /// </summary>
    public static string ConnectionString(IConfiguration config) =>
        config.GetConnectionString("Booking")
        ?? throw new InvalidOperationException("ConnectionStrings:Booking is not set (env ConnectionStrings__Booking).");

    /// <summary>What is wrong with the connection string, in one line naming the setting; null when it reads.</summary>
    public static string? Problem(IConfiguration config)
    {
        const string Key = "ConnectionStrings:Booking";
        var value = config.GetConnectionString("Booking");
        if (string.IsNullOrWhiteSpace(value))
        {
            return Setting.Problem(Key, "is not set: the PostgreSQL connection string, e.g. 'Host=127.0.0.1;Database=symposium;Username=symposium_app;Password=…'");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return null;
        }
        catch (ArgumentException e)
        {
            return Setting.Problem(Key, $"is not a valid connection string: {e.Message}");
        }
    }

    /// <summary>The most connections the database pool opens: the connection string's <c>Maximum Pool Size</c>.</summary>
    public static int PoolSize(IConfiguration config) => new NpgsqlConnectionStringBuilder(ConnectionString(config)).MaxPoolSize;
}
