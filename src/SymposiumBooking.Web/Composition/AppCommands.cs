using Npgsql;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Composition;

/// <summary>
/// What the app does besides serving, as <c>dotnet SymposiumBooking.Web.dll &lt;command&gt;</c>: the key ring's check and
/// rewrap (docs/operations.md, "Backups and the key-encryption key"; docs/adr/0105, 0106) and the container's health
/// probe (docs/adr/0108). Program.cs hands the arguments here before any web host is built, so a command reads only the
/// settings it needs and starts nothing else.
/// </summary>
public static class AppCommands
{
    public const string NewKeyEncryptionKeySetting = "DataProtection:NewKeyEncryptionKey";
    public const string NewKeyEncryptionKeyVariable = "DataProtection__NewKeyEncryptionKey";

    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    private const int Failed = 1;
    private const int Misused = 2;

    private const string Usage = """
        usage: dotnet SymposiumBooking.Web.dll keys check    read every key of the key ring with DataProtection__KeyEncryptionKey
               dotnet SymposiumBooking.Web.dll keys rewrap   wrap every key anew with DataProtection__NewKeyEncryptionKey
               dotnet SymposiumBooking.Web.dll health [URL]  exit 0 when URL (default http://127.0.0.1:<first ASPNETCORE_HTTP_PORTS or 8080>/health/live) answers 2xx
        The keys commands read ConnectionStrings__Booking and the keys from the environment (or appsettings), like the app.
        """;

    /// <summary>True when <paramref name="args"/> name a command rather than serving.</summary>
    public static bool Handles(string[] args) => args is ["keys", ..] or ["health", ..];

    /// <summary>Runs the command with the app's configuration sources (appsettings beside the app, environment).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // The health probe reads no settings: it runs every 30 s, so it does not load them.
        IConfiguration configuration = args is ["keys", ..]
            ? WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory }).Configuration
            : NoSettings;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await RunAsync(args, configuration, Console.Out, Console.Error, stop.Token);
    }

    internal static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return args switch
            {
                ["keys", "check"] => await CheckKeysAsync(configuration, output, errors, ct),
                ["keys", "rewrap"] => await RewrapKeysAsync(configuration, output, errors, ct),
                ["health"] => await ProbeAsync(DefaultHealthUrl(), output, errors, ct),
                ["health", var url] => await ProbeAsync(url, output, errors, ct),
                _ => Refuse(errors, Usage),
            };
        }
        catch (InvalidOperationException e)
        {
            // A missing or malformed setting: KeyEncryptionKey and DatabaseConnection name it in their message.
            return Refuse(errors, $"{Verb(args)}: {e.Message}");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await errors.WriteLineAsync($"{Verb(args)}: the database has no key ring table ({e.MessageText}): is it the app's database, migrated?");
            return Failed;
        }
        catch (NpgsqlException e)
        {
            await errors.WriteLineAsync($"{Verb(args)}: the database did not answer as expected: {e.Message}");
            return Failed;
        }
    }

    private static async Task<int> CheckKeysAsync(IConfiguration configuration, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var kek = KeyEncryptionKey.FromConfiguration(configuration);
        var report = await StoredKeyRing.CheckAsync(DatabaseConnection.ConnectionString(configuration), kek, ct);
        if (report.Unreadable is { } unreadable)
        {
            await errors.WriteLineAsync("keys check: " + unreadable.Message(KeyEncryptionKey.EnvironmentVariable));
            return Failed;
        }

        await output.WriteLineAsync(
            $"keys check: {report.Keys} keys readable with key-encryption key {kek.Id} ({KeyEncryptionKey.EnvironmentVariable})");
        await WarnAsync(report, errors);
        return 0;
    }

    private static async Task<int> RewrapKeysAsync(IConfiguration configuration, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var current = KeyEncryptionKey.FromConfiguration(configuration);
        if (string.IsNullOrWhiteSpace(configuration[NewKeyEncryptionKeySetting]))
        {
            return Refuse(errors, $"keys rewrap: {Setting.Name(NewKeyEncryptionKeySetting)} is not set: it is the key-encryption key to wrap the key ring with, e.g. the output of 'head -c 32 /dev/urandom | base64'.");
        }

        var next = ParseNew(configuration[NewKeyEncryptionKeySetting]);
        if (next.Id == current.Id)
        {
            return Refuse(errors, $"keys rewrap: {NewKeyEncryptionKeyVariable} is the key already in {KeyEncryptionKey.EnvironmentVariable}: make a new one.");
        }

        var report = await StoredKeyRing.RewrapAsync(DatabaseConnection.ConnectionString(configuration), current, next, ct);
        if (report.Unreadable is { } unreadable)
        {
            await errors.WriteLineAsync("keys rewrap: " + unreadable.Message(KeyEncryptionKey.EnvironmentVariable) + "; nothing was changed");
            return Failed;
        }

        var wrapped = report.Keys - report.Unwrapped;
        await output.WriteLineAsync(
            $"keys rewrap: {report.Rewrapped} keys rewrapped from key-encryption key {current.Id} to {next.Id} ({wrapped - report.Rewrapped} were already); {report.Keys} keys readable with the new key");
        await output.WriteLineAsync(
            $"keys rewrap: now put the new key in {KeyEncryptionKey.EnvironmentVariable}, remove {NewKeyEncryptionKeyVariable} wherever it is set, and start the app; keep the old key until a backup taken from now on has been restored with the new one (older backups need the old key)");
        await WarnAsync(report, errors);
        return 0;
    }

    private static KeyEncryptionKey ParseNew(string? value)
    {
        try
        {
            return KeyEncryptionKey.Parse(value);
        }
        catch (InvalidOperationException e)
        {
            // Parse names the current key's setting; the problem is with the new one.
            throw new InvalidOperationException(e.Message
                .Replace(KeyEncryptionKey.EnvironmentVariable, NewKeyEncryptionKeyVariable, StringComparison.Ordinal)
                .Replace(KeyEncryptionKey.Setting, NewKeyEncryptionKeySetting, StringComparison.Ordinal));
        }
    }

    private static async Task WarnAsync(KeyRingReport report, TextWriter errors)
    {
        if (report.Keys == 0)
        {
            await errors.WriteLineAsync("keys: warning: the key ring is empty (a database the app has not served from yet, or the wrong database)");
        }

        if (report.Unwrapped > 0)
        {
            await errors.WriteLineAsync(
                $"keys: warning: {report.Unwrapped} keys are stored unwrapped, from before the key ring was encrypted (docs/adr/0008): delete those rows (everyone signs in again)");
        }
    }

    private static string DefaultHealthUrl()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        var port = ports?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "8080";
        return $"http://127.0.0.1:{port}/health/live";
    }

    private static async Task<int> ProbeAsync(string url, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return Refuse(errors, $"health: '{url}' is not an http(s) URL\n{Usage}");
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var answer = await client.GetAsync(uri, ct);
            if (answer.IsSuccessStatusCode)
            {
                await output.WriteLineAsync(await answer.Content.ReadAsStringAsync(ct));
                return 0;
            }

            await errors.WriteLineAsync($"health: {uri} answered {(int)answer.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await errors.WriteLineAsync($"health: {uri}: {e.Message}");
        }

        return Failed;
    }

    private static int Refuse(TextWriter errors, string message)
    {
        errors.WriteLine(message);
        return Misused;
    }

    private static string Verb(string[] args) => string.Join(' ', args.Take(2));
}
