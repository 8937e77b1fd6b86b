using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>
/// The test PostgreSQL started by infra/test.sh (<c>SYMPOSIUM_TEST_PG</c>). The real migrations are applied once
/// per run to a template database; every test class then gets its own copy in a few milliseconds
/// (<c>CREATE DATABASE … TEMPLATE</c>), so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? CachedTemplateName;

    /// <summary>
    /// The key ring of contexts opened outside an app. One for the whole run, so EF builds their model once; it is not
    /// any app's ring, so intakes an app wrote cannot be read through <see cref="OpenDb"/> (use the app's own scope).
    /// </summary>
    private static readonly EphemeralDataProtectionProvider OutsideAnyApp = new();

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SYMPOSIUM_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "SYMPOSIUM_TEST_PG is not set: run the tests with 'bash infra/test.sh', which starts the test PostgreSQL.");

    public static string ConnectionStringFor(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = pooling, MaxPoolSize = 30 }.ToString();

    /// <summary>A fresh database holding exactly what the migrations create.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var template = await TemplateAsync();
        var name = "test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    /// <summary>An empty database: nothing migrated.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "empty_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static BookingDb OpenDb(string database, bool pooling = true) => new(new DbContextOptionsBuilder<BookingDb>()
        .UseNpgsql(ConnectionStringFor(database, pooling), npgsql => npgsql.UseNodaTime())
        .UseSnakeCaseNamingConvention()
        .UseIntakeProtection(OutsideAnyApp)
        .Options);

    /// <summary>
    /// The template's name carries a hash of the migrations, so a changed migration gets a new template. Test
    /// assemblies run in parallel: an advisory lock makes one of them build it, under a temporary name that is
    /// renamed only once complete.
    /// </summary>
    private static async Task<string> TemplateAsync()
    {
        if (CachedTemplateName is not null)
        {
            return CachedTemplateName;
        }

        await TemplateGate.WaitAsync();
        try
        {
            if (CachedTemplateName is not null)
            {
                return CachedTemplateName;
            }

            string[] migrations;
            await using (var probe = OpenDb("postgres", pooling: false))
            {
                migrations = [.. probe.Database.GetMigrations()];
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', migrations))))[..16];
            var name = $"template_{hash}";
            await using var lockConnection = new NpgsqlConnection(ConnectionStringFor("postgres"));
            await lockConnection.OpenAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(72120)", lockConnection))
            {
                await take.ExecuteNonQueryAsync();
            }

            try
            {
                if (!await ExistsAsync(lockConnection, name))
                {
                    var building = name + "_building";
                    await ExecuteAsync($"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                    await ExecuteAsync($"CREATE DATABASE \"{building}\"");
                    // Unpooled, so that no connection to it outlives the migration: renaming it, and later
                    // copying it, fail while anyone is connected.
                    await using (var db = OpenDb(building, pooling: false))
                    {
                        await db.Database.MigrateAsync();
                    }

                    await ExecuteAsync($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(72120)", lockConnection);
                await release.ExecuteNonQueryAsync();
            }

            return CachedTemplateName = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string database)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(database);
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task ExecuteAsync(string sql)
    {
        // Non-pooled: CREATE DATABASE … TEMPLATE fails while anyone is connected to the template.
        var cs = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ToString();
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
