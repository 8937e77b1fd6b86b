using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Auth;

namespace SymposiumBooking.Web.Features.Auth;

/// <summary>A staff member signs in. <paramref name="Client"/> is the caller's address, for the failed-sign-in limit.</summary>
public sealed record SignIn(string Email, string Password, string Client) : ICommand<Result<ClaimsPrincipal>>;

public sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(320).SingleLine();
        RuleFor(x => x.Password).NotEmpty().MaximumLength(256);
    }
}

public static class AuthErrors
{
    public static readonly Error InvalidCredentials =
        new("auth.invalid_credentials", ErrorKind.Unauthorized, "The email or password is not right.");

    /// <summary>The same answer whether the address has an account or not, and whichever limit was reached.</summary>
    public static Error TooManyAttempts(TimeSpan wait) =>
        new("auth.too_many_attempts", ErrorKind.TooManyRequests,
            "Too many failed sign-ins from here. Wait a little, then try again.")
        { RetryAfter = wait };
}

/// <summary>
/// Known and unknown addresses take the same path: one lookup, one password hash verified (a decoy hash when there is
/// no account or no password yet), the same limits keyed on the address typed, the same answers. No account is ever
/// locked: failures slow the address they come from (<see cref="FailedSignInLimiter"/>, docs/adr/0048).
/// </summary>
internal sealed class SignInHandler(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIns,
    IPasswordHasher<StaffUser> hasher,
    UnknownAccountPassword decoy,
    FailedSignInLimiter limiter,
    StaffSessions sessions) : ICommandHandler<SignIn, Result<ClaimsPrincipal>>
{
    public async ValueTask<Result<ClaimsPrincipal>> Handle(SignIn command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var account = users.NormalizeEmail(email) ?? email;
        if (limiter.TryBegin(command.Client, account) is { } wait)
        {
            return AuthErrors.TooManyAttempts(wait);
        }

        var user = await users.FindByEmailAsync(email);
        if (user?.PasswordHash is null)
        {
            decoy.Verify(hasher, command.Password);
            return AuthErrors.InvalidCredentials;
        }

        if (!await users.CheckPasswordAsync(user, command.Password))
        {
            return AuthErrors.InvalidCredentials;
        }

        limiter.Succeeded(command.Client, account);
        var principal = await signIns.CreateUserPrincipalAsync(user);
        sessions.Begin(principal);
        return principal;
    }
}
