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

    public static Error LockedOut(TimeSpan wait) =>
        new("auth.locked_out", ErrorKind.TooManyRequests,
            "Too many failed attempts: this account is locked for a while. Try again later.")
        { RetryAfter = wait };

    public static Error TooManyAttempts(TimeSpan wait) =>
        new("auth.too_many_attempts", ErrorKind.TooManyRequests,
            "Too many failed sign-ins from here. Try again later.")
        { RetryAfter = wait };
}

internal sealed class SignInHandler(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIns,
    FailedSignInLimiter limiter,
    TimeProvider clock) : ICommandHandler<SignIn, Result<ClaimsPrincipal>>
{
    public async ValueTask<Result<ClaimsPrincipal>> Handle(SignIn command, CancellationToken cancellationToken)
    {
        if (limiter.WaitFor(command.Client) is { } wait)
        {
            return AuthErrors.TooManyAttempts(wait);
        }

        var user = await users.FindByEmailAsync(command.Email.Trim());
        if (user is null)
        {
            limiter.RecordFailure(command.Client);
            return AuthErrors.InvalidCredentials;
        }

        var outcome = await signIns.CheckPasswordSignInAsync(user, command.Password, lockoutOnFailure: true);
        if (outcome.Succeeded)
        {
            return await signIns.CreateUserPrincipalAsync(user);
        }

        limiter.RecordFailure(command.Client);
        if (outcome.IsLockedOut || await users.IsLockedOutAsync(user))
        {
            var left = (await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow()) - clock.GetUtcNow();
            return AuthErrors.LockedOut(TimeSpan.FromTicks(Math.Clamp(left.Ticks, TimeSpan.TicksPerSecond, users.Options.Lockout.DefaultLockoutTimeSpan.Ticks)));
        }

        return AuthErrors.InvalidCredentials;
    }
}
