using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// infra/backup.sh and infra/restore.sh (docs/adr/0105) on the test PostgreSQL: a backup of an app's database restores
/// into an empty one, whose intakes the app reads; the key check refuses a wrong key-encryption key. The key check runs
/// the web project's own build (the folder dotnet test built it in), as an operator runs the published app.
/// </summary>
public sealed class BackupScriptsTests(BookingApp app) : IClassFixture<BookingApp>, IDisposable
{
    private const string WrongKeyEncryptionKey = "d3Jvbmcta2V5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=";

    private readonly string _folder = Directory.CreateTempSubdirectory("sb-backup-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>src/SymposiumBooking.Web/bin/&lt;configuration&gt;/&lt;framework&gt;: the app the tests were built with.</summary>
    private static string AppFolder
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory);
            return Path.Combine(RepoPaths.Root, "src", "SymposiumBooking.Web", "bin", framework.Parent!.Name, framework.Name);
        }
    }

    [Fact]
    public async Task A_backup_restores_into_an_empty_database_whose_intakes_read_with_the_key()
    {
        var data = $$"""{"marker":"{{Guid.NewGuid():N}}"}""";
        var booking = await DataAtRestTests.WriteIntakeAsync(app, data);
        var file = Path.Combine(_folder, "symposium.dump");

        var backup = await BackupAsync(app.Database, file);

        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.Contains($"wrote {file}", backup.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var restored = await TestPostgres.CreateEmptyDatabaseAsync();
        try
        {
            var restore = await RestoreAsync(file, restored, BookingApp.TestKeyEncryptionKey);

            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Contains("keys readable", restore.Output, StringComparison.Ordinal);
            await using var second = new SameDatabaseApp(restored, BookingApp.TestKeyEncryptionKey);
            await second.InitializeAsync();
            Assert.Equal(data, await DataAtRestTests.ReadIntakeAsync(second, booking, Ct));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(restored);
        }
    }

    [Fact]
    public async Task A_restore_with_another_key_encryption_key_restores_but_fails_the_key_check()
    {
        await DataAtRestTests.WriteIntakeAsync(app, """{"who":"wrong key"}""");
        var file = Path.Combine(_folder, "wrong-key.dump");
        Assert.Equal(0, (await BackupAsync(app.Database, file)).ExitCode);

        var restored = await TestPostgres.CreateEmptyDatabaseAsync();
        try
        {
            var restore = await RestoreAsync(file, restored, WrongKeyEncryptionKey);

            Assert.True(restore.ExitCode == 3, restore.ToString());
            Assert.Contains("restored:", restore.Output, StringComparison.Ordinal);
            Assert.Contains("the key-encryption key in DataProtection__KeyEncryptionKey cannot read key", restore.Errors, StringComparison.Ordinal);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(restored);
        }
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_a_restore_never_goes_into_a_database_with_tables()
    {
        var file = Path.Combine(_folder, "kept.dump");
        await File.WriteAllTextAsync(file, "an older backup", Ct);

        var backup = await BackupAsync(app.Database, file);
        Assert.Equal(1, backup.ExitCode);
        Assert.Contains("exists", backup.Errors, StringComparison.Ordinal);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(file, Ct));
        Assert.Single(Directory.GetFiles(_folder)); // no partial file left behind

        var fresh = Path.Combine(_folder, "fresh.dump");
        Assert.Equal(0, (await BackupAsync(app.Database, fresh)).ExitCode);
        var restore = await RestoreAsync(fresh, app.Database, BookingApp.TestKeyEncryptionKey);
        Assert.Equal(2, restore.ExitCode);
        Assert.Contains("is not empty", restore.Errors, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static Task<ProcessResult> BackupAsync(string database, string file) =>
        Processes.RunAsync("bash", [Script("backup.sh"), "--db", TestPostgres.ConnectionStringFor(database), "--out", file]);

    private static Task<ProcessResult> RestoreAsync(string file, string database, string keyEncryptionKey) =>
        Processes.RunAsync(
            "bash",
            [Script("restore.sh"), "--file", file, "--db", TestPostgres.ConnectionStringFor(database), "--app", AppFolder],
            new Dictionary<string, string?> { ["DataProtection__KeyEncryptionKey"] = keyEncryptionKey });

    private static string Script(string name) => Path.Combine(RepoPaths.Root, "infra", name);
}
