using Npgsql;

namespace SymposiumBooking.Web.Infrastructure.Data;

/// <summary>The connection string the app and the load driver use, with the pool settings the booking path was measured with.</summary>
public static class DatabaseConnection
{
    /// <summary>The database pool's size unless the connection string sets one (docs/adr/0027).</summary>
    public static int DefaultPoolSize => (2 * Environment.ProcessorCount) + 8;

    /// <summary>
    /// The configured connection string with the pool settings the booking path was measured with (docs/adr/0027)
    /// where the string does not set them: a small pool, statements prepared after their first uses, and no
    /// <c>DISCARD ALL</c> round trip each time a connection goes back to the pool (the app leaves no session state:
    /// its advisory locks are transaction-scoped and it never uses SET).
    /// </summary>
    public static string ConnectionString(IConfiguration config)
    {
        var configured = config.GetConnectionString("Booking")
            ?? throw new InvalidOperationException("ConnectionStrings:Booking is not set (env ConnectionStrings__Booking).");
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!Mentions(configured, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!Mentions(configured, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Mentions(configured, "Maximum Pool Size", "MaxPoolSize", "Max Pool Size"))
        {
            builder.MaxPoolSize = DefaultPoolSize;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
}
