using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using SymposiumBooking.Web.Composition;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// <c>keys check</c> and <c>keys rewrap</c> (docs/adr/0105, 0106) against the key ring a real app wrote to PostgreSQL; the
/// rewrapped ring is then read by an app started with the new key-encryption key.
/// </summary>
public sealed class KeyRingCommandTests
{
    private const string NewKeyEncryptionKey = "bmV3LWtleS1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE=";
    private const string WrongKeyEncryptionKey = "d3Jvbmcta2V5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_check_reads_every_key_of_the_ring_with_the_configured_key()
    {
        await using var app = new BookingApp();
        await app.InitializeAsync();
        await DataAtRestTests.WriteIntakeAsync(app, """{"who":"check"}"""); // the intake's protector adds a key to the ring
        var keys = KeyIds(await DataAtRestTests.KeyRingAsync(app.Database));

        var check = await RunAsync(app.Database, BookingApp.TestKeyEncryptionKey, null, "keys", "check");

        Assert.NotEmpty(keys);
        Assert.Equal(0, check.Code);
        Assert.Contains($"{keys.Count} keys readable", check.Output, StringComparison.Ordinal);
        Assert.Equal("", check.Errors);
    }

    [Fact]
    public async Task Keys_check_with_another_key_fails_naming_the_setting_and_the_key()
    {
        await using var app = new BookingApp();
        await app.InitializeAsync();
        await DataAtRestTests.WriteIntakeAsync(app, """{"who":"wrong key"}""");
        var first = KeyIds(await DataAtRestTests.KeyRingAsync(app.Database))[0];

        var check = await RunAsync(app.Database, WrongKeyEncryptionKey, null, "keys", "check");

        Assert.Equal(1, check.Code);
        Assert.Contains(
            $"the key-encryption key in DataProtection__KeyEncryptionKey cannot read key {first}: wrong key, or the key ring was written with another one",
            check.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("readable", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_check_without_a_key_encryption_key_names_the_setting()
    {
        await using var app = new BookingApp();
        await app.InitializeAsync();

        var check = await RunAsync(app.Database, "", null, "keys", "check");

        Assert.Equal(2, check.Code);
        Assert.Contains("DataProtection:KeyEncryptionKey (DataProtection__KeyEncryptionKey) is not set", check.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewrapped_ring_reads_with_the_new_key_only_and_its_intakes_still_read()
    {
        await using var app = new BookingApp();
        await app.InitializeAsync();
        var data = $$"""{"marker":"{{Guid.NewGuid():N}}"}""";
        var booking = await DataAtRestTests.WriteIntakeAsync(app, data);
        var before = await DataAtRestTests.KeyRingAsync(app.Database);

        var rewrap = await RunAsync(app.Database, BookingApp.TestKeyEncryptionKey, NewKeyEncryptionKey, "keys", "rewrap");

        Assert.Equal(0, rewrap.Code);
        Assert.Contains($"{before.Count} keys rewrapped", rewrap.Output, StringComparison.Ordinal);
        var after = await DataAtRestTests.KeyRingAsync(app.Database);
        Assert.Equal(KeyIds(before), KeyIds(after));
        var newId = KeyEncryptionKey.Parse(NewKeyEncryptionKey).Id;
        Assert.All(after, xml => Assert.Contains($"<encryptedKey kekId=\"{newId}\"", xml, StringComparison.Ordinal));

        Assert.Equal(0, (await RunAsync(app.Database, NewKeyEncryptionKey, null, "keys", "check")).Code);
        Assert.Equal(1, (await RunAsync(app.Database, BookingApp.TestKeyEncryptionKey, null, "keys", "check")).Code);

        // The operator swaps the settings and starts the app: the intake written before the rewrap reads.
        await using var swapped = new SameDatabaseApp(app.Database, NewKeyEncryptionKey);
        await swapped.InitializeAsync();
        Assert.Equal(data, await DataAtRestTests.ReadIntakeAsync(swapped, booking, Ct));
    }

    [Fact]
    public async Task A_second_rewrap_finds_every_key_already_rewrapped_and_changes_nothing()
    {
        await using var app = new BookingApp();
        await app.InitializeAsync();
        await DataAtRestTests.WriteIntakeAsync(app, """{"who":"twice"}""");
        Assert.Equal(0, (await RunAsync(app.Database, BookingApp.TestKeyEncryptionKey, NewKeyEncryptionKey, "keys", "rewrap")).Code);
        var once = await DataAtRestTests.KeyRingAsync(app.Database);

        var again = await RunAsync(app.Database, BookingApp.TestKeyEncryptionKey, NewKeyEncryptionKey, "keys", "rewrap");

        Assert.Equal(0, again.Code);
        Assert.Contains("0 keys rewrapped", again.Output, StringComparison.Ordinal);
        Assert.Equal(once, await DataAtRestTests.KeyRingAsync(app.Database));
    }

    [Theory]
    [InlineData(null, "DataProtection:NewKeyEncryptionKey (DataProtection__NewKeyEncryptionKey) is not set")]
    [InlineData("c2hvcnQ=", "DataProtection:NewKeyEncryptionKey (DataProtection__NewKeyEncryptionKey) decodes to 5 bytes")]
    [InlineData(BookingApp.TestKeyEncryptionKey, "is the key already in DataProtection__KeyEncryptionKey")]
    public async Task Keys_rewrap_refuses_a_missing_malformed_or_unchanged_new_key(string? newKey, string problem)
    {
        await using var app = new BookingApp();
        await app.InitializeAsync();
        await DataAtRestTests.WriteIntakeAsync(app, """{"who":"refused"}""");
        var before = await DataAtRestTests.KeyRingAsync(app.Database);

        var rewrap = await RunAsync(app.Database, BookingApp.TestKeyEncryptionKey, newKey, "keys", "rewrap");

        Assert.Equal(2, rewrap.Code);
        Assert.Contains(problem, rewrap.Errors, StringComparison.Ordinal);
        Assert.Equal(before, await DataAtRestTests.KeyRingAsync(app.Database));
    }

    [Fact]
    public async Task Keys_rewrap_from_the_wrong_current_key_changes_nothing()
    {
        await using var app = new BookingApp();
        await app.InitializeAsync();
        await DataAtRestTests.WriteIntakeAsync(app, """{"who":"wrong current"}""");
        var before = await DataAtRestTests.KeyRingAsync(app.Database);

        var rewrap = await RunAsync(app.Database, WrongKeyEncryptionKey, NewKeyEncryptionKey, "keys", "rewrap");

        Assert.Equal(1, rewrap.Code);
        Assert.Contains("cannot read key", rewrap.Errors, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", rewrap.Errors, StringComparison.Ordinal);
        Assert.Equal(before, await DataAtRestTests.KeyRingAsync(app.Database));
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage()
    {
        var unknown = await RunAsync("unused", BookingApp.TestKeyEncryptionKey, null, "keys", "rotate");

        Assert.Equal(2, unknown.Code);
        Assert.Contains("usage: dotnet SymposiumBooking.Web.dll keys check", unknown.Errors, StringComparison.Ordinal);
    }

    internal static async Task<(int Code, string Output, string Errors)> RunAsync(
        string database, string keyEncryptionKey, string? newKeyEncryptionKey, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Booking"] = TestPostgres.ConnectionStringFor(database),
            [KeyEncryptionKey.Setting] = keyEncryptionKey,
            [AppCommands.NewKeyEncryptionKeySetting] = newKeyEncryptionKey,
        }).Build();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await AppCommands.RunAsync(args, configuration, output, errors, Ct);
        return (code, output.ToString(), errors.ToString());
    }

    private static List<string> KeyIds(List<string> ring) =>
        [.. ring.Select(XElement.Parse).Where(e => e.Name == "key").Select(e => (string)e.Attribute("id")!)];
}
