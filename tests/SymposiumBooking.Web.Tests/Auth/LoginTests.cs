using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Auth;

public sealed class LoginTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string Login = "/api/v1/auth/login";

    [Fact]
    public async Task The_configured_first_organizer_gets_a_bearer_token_that_opens_staff_routes()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync(Login, new { email = BookingApp.OrganizerEmail, password = BookingApp.OrganizerPassword }, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var token = body.GetProperty("accessToken").GetString();
        Assert.False(string.IsNullOrEmpty(token));
        Assert.True(body.GetProperty("expiresIn").GetInt32() > 0);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me", ct);
        Assert.Equal(BookingApp.OrganizerEmail, me.GetProperty("email").GetString());
        Assert.Equal(["organizer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString() ?? "").ToArray());
    }

    [Fact]
    public async Task Email_is_matched_without_regard_to_case_or_spaces()
    {
        var response = await app.CreateClient().PostAsJsonAsync(Login,
            new { email = "  " + BookingApp.OrganizerEmail.ToUpperInvariant() + " ", password = BookingApp.OrganizerPassword },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(BookingApp.OrganizerEmail, "not-the-password")]
    [InlineData("nobody@test.symposium", "whatever-password")]
    public async Task A_wrong_password_or_unknown_email_is_401_with_the_same_code(string email, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync(Login, new { email, password }, TestContext.Current.CancellationToken);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal("auth.invalid_credentials", problem.Code);
    }

    [Fact]
    public async Task Missing_fields_are_a_400_naming_each_field()
    {
        var response = await app.CreateClient().PostAsJsonAsync(Login, new { }, TestContext.Current.CancellationToken);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("request.invalid", problem.Code);
        var errors = problem.Body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-real-token")]
    public async Task Staff_routes_without_a_valid_token_are_401_problems(string? authorization)
    {
        var client = app.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var problem = await Problem.ReadAsync(await client.GetAsync("/api/v1/auth/me", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal("http.401", problem.Code);
    }
}

/// <summary>The per-address limit on failed sign-ins, with a small limit so the test stays short.</summary>
public sealed class FailedSignInLimitApp : BookingApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("SignIn:FailuresPerWindow", "3")];
}

public sealed class FailedSignInLimitTests(FailedSignInLimitApp app) : IClassFixture<FailedSignInLimitApp>
{
    [Fact]
    public async Task Repeated_failures_from_one_address_get_429_until_the_window_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var miss = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"someone{i}@test.symposium", password = "guessing-away" }, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, miss.StatusCode);
        }

        var blocked = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email = BookingApp.OrganizerEmail, password = BookingApp.OrganizerPassword }, ct);
        var problem = await Problem.ReadAsync(blocked);
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.Status);
        Assert.Equal("auth.too_many_attempts", problem.Code);
        Assert.Equal(TimeSpan.FromMinutes(15), blocked.Headers.RetryAfter!.Delta);

        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var later = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email = BookingApp.OrganizerEmail, password = BookingApp.OrganizerPassword }, ct);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }
}
