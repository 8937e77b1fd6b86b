using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Auth;

public sealed record LoginRequest(string Email, string Password);

public sealed record PasswordChange(string CurrentPassword, string NewPassword);

public sealed record PasswordResetRequest(string Email);

public sealed record PasswordResetConfirmation(string Email, string Token, string Password);

public sealed record StaffMe(string Id, string Email, IReadOnlyList<string> Roles);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        // The bearer handler writes {tokenType, accessToken, expiresIn, refreshToken}.
        auth.MapPost("/login", async (LoginRequest body, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new SignIn(body.Email, body.Password, ClientKey(http)), ct);
                return result.ToHttp(principal => Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme));
            })
            .RequireRateLimiting(RateLimits.SignIn)
            .WithName("Login")
            .WithSummary("Sign in as an organizer or therapist and get a bearer token.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesValidationProblem();

        auth.MapPost("/logout", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                (await sender.Send(new SignOutEverywhere(user), ct)).ToHttp(TypedResults.NoContent))
            .RequireAuthorization(Policies.Staff)
            .WithName("Logout")
            .WithSummary("Sign out everywhere: this bearer token and every other token and page session of the account stop working.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/password", async (PasswordChange body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ChangePassword(user, body.CurrentPassword, body.NewPassword), ct))
                    .ToHttp(principal => Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme)))
            .RequireAuthorization(Policies.Staff)
            .RequireRateLimiting(RateLimits.SignIn)
            .WithName("ChangePassword")
            .WithSummary("Change your password (the current one is required). Every other token and page session of the account ends; the answer is a new bearer token.")
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/password-reset", async (PasswordResetRequest body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RequestPasswordReset(body.Email), ct)).ToHttp(() => TypedResults.StatusCode(StatusCodes.Status202Accepted)))
            .RequireRateLimiting(RateLimits.SignIn)
            .WithName("RequestPasswordReset")
            .WithSummary("Forgot the password: a reset link is mailed to this address if a staff account has it. The answer is the same either way.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/password-reset/confirm", async (PasswordResetConfirmation body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ResetPassword(body.Email, body.Token, body.Password), ct)).ToHttp(TypedResults.NoContent))
            .RequireRateLimiting(RateLimits.SignIn)
            .WithName("ConfirmPasswordReset")
            .WithSummary("Set a new password with a mailed link's email and token (a reset or an invitation). Every session of the account ends.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new StaffMe(
                user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
                user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "",
                [.. Roles.All.Where(user.IsInRole)])))
            .RequireAuthorization(Policies.Staff)
            .WithName("GetSignedInStaff")
            .WithSummary("Who the bearer token or cookie belongs to, and their roles.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return api;
    }

    /// <summary>The caller, for the sign-in limits: the same client as every other per-client limit.</summary>
    public static string ClientKey(HttpContext http) => Infrastructure.Http.ClientAddress.Key(http);
}
