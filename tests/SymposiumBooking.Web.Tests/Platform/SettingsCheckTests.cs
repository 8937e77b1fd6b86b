using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Every setting is checked before the app touches anything (docs/adr/0095): in Production a missing or wrong one stops
/// it with one line per problem naming the setting and its environment variable, all problems at once.
/// </summary>
public sealed class SettingsCheckTests
{
    private static readonly KeyValuePair<string, string?>[] Essentials =
    [
        new("ConnectionStrings:Booking", "Host=127.0.0.1;Database=symposium;Username=symposium_app"),
        new("DataProtection:KeyEncryptionKey", BookingApp.TestKeyEncryptionKey),
    ];

    [Fact]
    public void Production_with_nothing_set_names_every_missing_setting_one_line_each()
    {
        var problems = StartupSettings.ProblemsOf("Production", []);

        AssertLine(problems, "ConnectionStrings:Booking (ConnectionStrings__Booking) is not set");
        AssertLine(problems, "App:PublicBaseUrl (App__PublicBaseUrl) is not set: it must be an https:// URL");
        AssertLine(problems, "DataProtection:KeyEncryptionKey (DataProtection__KeyEncryptionKey) is not set");
        AssertLine(problems, "Mail:Smtp:Host (Mail__Smtp__Host) is not set");
        AssertLine(problems, "Mail:FromAddress (Mail__FromAddress) is not set");
        Assert.All(problems, p => Assert.DoesNotContain('\n', p));
    }

    [Fact]
    public void Production_refuses_an_http_base_url_a_pickup_directory_instead_of_smtp_and_half_configured_stripe()
    {
        var problems = StartupSettings.ProblemsOf("Production",
        [
            .. Essentials,
            new("App:PublicBaseUrl", "http://booking.example.org/"),
            new("Mail:PickupDirectory", "/tmp/inbox"),
            new("Mail:FromAddress", "booking@example.org"),
            new("Stripe:SecretKey", "sk_live_x"),
        ]);

        Assert.Equal(3, problems.Count);
        AssertLine(problems, "App:PublicBaseUrl (App__PublicBaseUrl) must be an https:// URL in Production");
        AssertLine(problems, "Mail:Smtp:Host (Mail__Smtp__Host) is not set");
        AssertLine(problems, "Stripe:WebhookSecret (Stripe__WebhookSecret) is not set while Stripe:SecretKey is");
    }

    [Fact]
    public void Production_with_the_documented_settings_passes_and_development_needs_only_the_database_and_the_key()
    {
        Assert.Empty(StartupSettings.ProblemsOf("Production", [.. Essentials, .. StartupSettings.Production]));
        Assert.Empty(StartupSettings.ProblemsOf("Production",
            [.. Essentials, .. StartupSettings.Production, new("Stripe:SecretKey", "sk_live_x"), new("Stripe:WebhookSecret", "whsec_x")]));
        Assert.Empty(StartupSettings.ProblemsOf("Development", Essentials));
    }

    [Fact]
    public void Any_environment_refuses_malformed_values_naming_each()
    {
        var problems = StartupSettings.ProblemsOf("Development",
        [
            .. Essentials,
            new("Proxy:KnownProxies:0", "127.0.0.1"),
            new("Proxy:KnownProxies:1", "nginx.local"),
            new("Proxy:KnownNetworks:0", "10.0.0.0/33"),
            new("Mail:ReplyTo", "organizers"),
            new("Outbox:BatchSize", "0"),
            new("Bootstrap:OrganizerEmail", "first@example.org"),
        ]);

        Assert.Equal(5, problems.Count);
        AssertLine(problems, "Proxy:KnownProxies:1 (Proxy__KnownProxies__1) is not an IP address");
        AssertLine(problems, "Proxy:KnownNetworks:0 (Proxy__KnownNetworks__0) is not a network in CIDR form");
        AssertLine(problems, "Mail:ReplyTo (Mail__ReplyTo) is not a mail address");
        AssertLine(problems, "Outbox:BatchSize (Outbox__BatchSize) must be at least 1");
        AssertLine(problems, "Bootstrap:OrganizerPassword (Bootstrap__OrganizerPassword) is not set while Bootstrap:OrganizerEmail is");
    }

    [Fact]
    public void A_value_that_cannot_be_read_is_named()
    {
        var problems = StartupSettings.ProblemsOf("Development", [.. Essentials, new("Mail:Smtp:Port", "smtp")]);

        Assert.Contains("'Mail:Smtp:Port'", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_program_in_production_with_settings_missing_exits_non_zero_printing_one_line_per_problem()
    {
        var (exitCode, error) = await StartupSettings.RunProgramAsync(
        [
            new("ASPNETCORE_ENVIRONMENT", "Production"),
            new("App__PublicBaseUrl", "http://booking.example.org/"),
            new("Mail__PickupDirectory", Path.GetTempPath()),
            new("Stripe__SecretKey", "sk_live_x"),
        ], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        AssertLine(lines, "ConnectionStrings:Booking (ConnectionStrings__Booking) is not set");
        AssertLine(lines, "App:PublicBaseUrl (App__PublicBaseUrl) must be an https:// URL in Production");
        AssertLine(lines, "DataProtection:KeyEncryptionKey (DataProtection__KeyEncryptionKey) is not set");
        AssertLine(lines, "Mail:Smtp:Host (Mail__Smtp__Host) is not set");
        AssertLine(lines, "Mail:FromAddress (Mail__FromAddress) is not set");
        AssertLine(lines, "Stripe:WebhookSecret (Stripe__WebhookSecret) is not set while Stripe:SecretKey is");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // problems, not a stack trace
    }

    private static void AssertLine(IEnumerable<string> lines, string start) =>
        Assert.True(lines.Count(l => l.StartsWith(start, StringComparison.Ordinal)) == 1,
            $"expected one line starting with \"{start}\" in:\n{string.Join('\n', lines)}");
}
