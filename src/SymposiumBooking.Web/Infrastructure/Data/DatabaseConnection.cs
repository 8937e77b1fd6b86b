using Npgsql;

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

    /// <summary>The most connections the database pool opens: the connection string's <c>Maximum Pool Size</c>.</summary>
    public static int PoolSize(IConfiguration config) => new NpgsqlConnectionStringBuilder(ConnectionString(config)).MaxPoolSize;
}
