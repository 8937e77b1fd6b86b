using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Another instance of the service on an existing database (another replica, docs/operations.md "Two replicas"), with the
/// key-encryption key it is given and <paramref name="settings"/>, and a clock of its own that starts at the same instant.
/// The database's own app creates and drops it.
/// </summary>
public sealed class SameDatabaseApp(string database, string keyEncryptionKey, IEnumerable<KeyValuePair<string, string?>>? settings = null) : BookingApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new(KeyEncryptionKey.Setting, keyEncryptionKey), .. settings ?? []];

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(database);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

/// <summary>What PostgreSQL holds is ciphertext: the Data Protection key ring and the health intakes (docs/adr/0008).</summary>
public sealed class DataAtRestTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string OtherKeyEncryptionKey = "b3RoZXIta2V5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=";

    // One symposium per year: each intake gets its own, in years no other test uses.
    private static int LastYear = 2300;

    [Fact]
    public async Task Key_ring_rows_hold_keys_wrapped_with_the_configured_key_encryption_key_only()
    {
        await app.SignedInClientAsync(); // a bearer token: the ring has a key by now

        var rows = await KeyRingAsync(app.Database);

        Assert.NotEmpty(rows);
        var kekId = KeyEncryptionKey.Parse(BookingApp.TestKeyEncryptionKey).Id;
        Assert.All(rows, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.Contains($"<encryptedKey kekId=\"{kekId}\"", xml, StringComparison.Ordinal);
            Assert.Contains(typeof(AesGcmXmlDecryptor).FullName!, xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task New_keys_encrypt_with_aes_256_gcm()
    {
        await app.SignedInClientAsync(); // a bearer token: the ring has a key by now

        var rows = await KeyRingAsync(app.Database);

        Assert.NotEmpty(rows);
        Assert.All(rows, xml => Assert.Contains("<encryption algorithm=\"AES_256_GCM\" />", xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_app_with_another_key_encryption_key_refuses_to_start_and_adds_no_key()
    {
        await app.SignedInClientAsync();
        var before = await KeyRingAsync(app.Database);

        await using var other = new SameDatabaseApp(app.Database, OtherKeyEncryptionKey);
        await other.InitializeAsync();
        var refused = Record.Exception(() => other.CreateClient());

        Assert.NotNull(refused);
        Assert.Contains(KeyEncryptionKey.Setting, Messages(refused), StringComparison.Ordinal);
        Assert.Contains("key ring was encrypted with", Messages(refused), StringComparison.Ordinal);
        Assert.Equal(before, await KeyRingAsync(app.Database));
    }

    [Theory]
    [InlineData("", "is not set")]
    [InlineData("not base64!", "is not valid base64")]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes")]
    public void A_missing_or_malformed_key_encryption_key_stops_the_app_naming_the_setting(string value, string problem)
    {
        // The settings check (Composition/SettingsCheck) runs before the host starts; the program then exits with these
        // lines (SettingsCheckTests runs it).
        var problems = StartupSettings.ProblemsOf("Testing",
            [new("ConnectionStrings:Booking", TestPostgres.ConnectionStringFor(app.Database)), new(KeyEncryptionKey.Setting, value)]);

        var line = Assert.Single(problems);
        Assert.StartsWith($"{KeyEncryptionKey.Setting} ({KeyEncryptionKey.EnvironmentVariable})", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_intake_is_stored_as_ciphertext_and_read_back_by_this_and_another_instance()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = $$"""{"marker":"intake-plaintext-{{Guid.NewGuid():N}}","botox":"last injection 6 weeks ago"}""";

        var bookingId = await WriteIntakeAsync(app, data);

        var stored = await RawIntakeAsync(app.Database, bookingId);
        Assert.DoesNotContain("intake-plaintext", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("botox", stored, StringComparison.Ordinal);
        Assert.Equal(data, await ReadIntakeAsync(app, bookingId, ct));

        await using var second = new SameDatabaseApp(app.Database, BookingApp.TestKeyEncryptionKey);
        await second.InitializeAsync();
        Assert.Equal(data, await ReadIntakeAsync(second, bookingId, ct));
    }

    [Fact]
    public async Task Each_app_in_the_process_encrypts_intakes_with_its_own_key_ring()
    {
        // EF caches one model per context type per process; the converter inside it must still be this app's.
        await using var other = new BookingApp();
        await other.InitializeAsync();
        var mine = await WriteIntakeAsync(app, """{"who":"fixture"}""");
        var theirs = await WriteIntakeAsync(other, """{"who":"other"}""");

        Assert.Equal("""{"who":"fixture"}""", Protector(app).Unprotect(await RawIntakeAsync(app.Database, mine)));
        Assert.Equal("""{"who":"other"}""", Protector(other).Unprotect(await RawIntakeAsync(other.Database, theirs)));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => Protector(app).Unprotect(RawIntakeAsync(other.Database, theirs).GetAwaiter().GetResult()));
    }

    private static IDataProtector Protector(BookingApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IntakeProtection.Purpose);

    internal static async Task<Guid> WriteIntakeAsync(BookingApp app, string data)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var now = Instant.FromDateTimeOffset(app.Clock.GetUtcNow());
        var (symposium, _, slots) = await Seed.ScheduleAsync(db, now, Seed.Details(year: Interlocked.Increment(ref LastYear)));
        var booking = Booking.Create(
            new BookingRequest(symposium.Id, slots[0].Id, "Test Attendee", "intake@example.org", null, Rate.Reduced, PaymentMethod.AtTable, 2500, "USD", null),
            SecretToken.Create().Hash,
            now);
        db.Bookings.Add(booking);
        db.Intakes.Add(BookingIntake.Create(booking.Id, data));
        await db.SaveChangesAsync();
        return booking.Id;
    }

    internal static async Task<string> ReadIntakeAsync(BookingApp app, Guid bookingId, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        return (await db.Intakes.AsNoTracking().SingleAsync(i => i.BookingId == bookingId, ct)).Data;
    }

    private static async Task<string> RawIntakeAsync(string database, Guid bookingId)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT data FROM booking_intakes WHERE booking_id = $1", connection);
        command.Parameters.AddWithValue(bookingId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task<List<string>> KeyRingAsync(string database)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static string Messages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Messages(e.InnerException);
}
