using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Auth;

/// <summary>
/// The app with two test-only hooks: the caller's address comes from the <c>X-Test-Client</c> header (TestServer
/// has none), and the password hasher counts the hashes it verifies.
/// </summary>
public sealed class SignInAbuseApp : BookingApp
{
    public const string ClientHeader = "X-Test-Client";

    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IPasswordHasher<StaffUser>>(Hasher);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    /// <summary>A sign-in through the API from <paramref name="client"/> (an IP address).</summary>
    public async Task<HttpResponseMessage> LoginFromAsync(string client, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(ClientHeader, client);
        return await CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, then) =>
            {
                if (http.Request.Headers[ClientHeader] is [{ } address])
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return then(http);
            });
            next(app);
        };
    }
}

/// <summary>Identity's own hasher, counting the hashes it verifies (test-only).</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<StaffUser>
{
    private readonly PasswordHasher<StaffUser> _inner = new();
    private int _verified;

    public int Verified => Volatile.Read(ref _verified);

    public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verified);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class SignInAbuseTests(SignInAbuseApp app) : IClassFixture<SignInAbuseApp>
{
    private const string Unknown = "nobody.here@test.symposium";

    [Fact]
    public async Task Known_and_unknown_accounts_get_identical_answers_even_after_many_failures()
    {
        var seen = new HashSet<string>();
        for (var round = 0; round < 30; round++)
        {
            var known = await Answer(await app.LoginFromAsync("10.1.0.1", BookingApp.OrganizerEmail, $"wrong-guess-{round}"));
            var unknown = await Answer(await app.LoginFromAsync("10.1.0.2", Unknown, $"wrong-guess-{round}"));

            Assert.Equal(known, unknown);
            seen.Add(known.Split(' ')[0]);
            app.Clock.Advance(TimeSpan.FromSeconds(round % 3 == 0 ? 5 : 1));
        }

        Assert.Equal(["401", "429"], seen.Order());
    }

    [Fact]
    public async Task An_attackers_failures_slow_their_address_while_the_owner_signs_in_from_another()
    {
        var (email, password) = await NewOrganizerAsync();
        const string attacker = "10.2.0.66";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.LoginFromAsync(attacker, email, $"guess-{i}")).StatusCode);
        }

        var slowed = await app.LoginFromAsync(attacker, email, password); // even the right password waits its turn
        var problem = await Problem.ReadAsync(slowed);
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.Status);
        Assert.Equal("auth.too_many_attempts", problem.Code);
        var firstWait = slowed.Headers.RetryAfter!.Delta!.Value;
        Assert.Equal(TimeSpan.FromSeconds(2), firstWait);

        Assert.Equal(HttpStatusCode.OK, (await app.LoginFromAsync("10.2.0.7", email, password)).StatusCode);

        // Each further failure doubles the wait.
        app.Clock.Advance(firstWait);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.LoginFromAsync(attacker, email, "guess-again")).StatusCode);
        var longer = await app.LoginFromAsync(attacker, email, "and-again");
        Assert.Equal(HttpStatusCode.TooManyRequests, longer.StatusCode);
        Assert.Equal(2 * firstWait, longer.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task No_number_of_wrong_passwords_locks_the_owner_out()
    {
        var (email, password) = await NewOrganizerAsync();
        for (var address = 1; address <= 10; address++)
        {
            for (var i = 0; i < 5; i++)
            {
                var wrong = await app.LoginFromAsync($"10.3.0.{address}", email, $"guess-{i}");
                Assert.True(wrong.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{address}/{i}: {wrong.StatusCode}");
                Assert.NotEqual("auth.locked_out", (await Problem.ReadAsync(wrong)).Code);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await app.LoginFromAsync("10.3.1.1", email, password)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_account_or_one_without_a_password_verifies_a_hash_as_a_real_one_does()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
                .EnsureAsync("invited.no.password@test.symposium", "Invited", Roles.Therapist, password: null);
        }

        foreach (var email in new[] { BookingApp.OrganizerEmail, Unknown, "invited.no.password@test.symposium" })
        {
            var before = app.Hasher.Verified;
            var answer = await app.LoginFromAsync("10.4.0.1", email, "not-the-password");
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal(1, app.Hasher.Verified - before);
            app.Clock.Advance(TimeSpan.FromHours(1)); // past any wait
        }
    }

    [Fact]
    public async Task Parallel_guesses_from_one_address_get_no_more_than_the_free_attempts()
    {
        var (email, _) = await NewOrganizerAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => app.LoginFromAsync("10.5.0.1", email, $"parallel-guess-{i}")));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(37, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    /// <summary>Status, code, title, detail and Retry-After: everything a client could tell two answers apart by.</summary>
    private static async Task<string> Answer(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        string Text(string name) => body.TryGetProperty(name, out var v) ? v.ToString() : "";
        return $"{(int)response.StatusCode} {Text("code")} {Text("title")} {Text("detail")} {Text("type")} retry={response.Headers.RetryAfter}";
    }

    private async Task<(string Email, string Password)> NewOrganizerAsync()
    {
        var email = $"organizer.{Guid.NewGuid():N}@test.symposium";
        const string password = "A-long-organizer-password";
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffAccounts>().EnsureAsync(email, "Organizer", Roles.Organizer, password);
        return (email, password);
    }
}
