using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Auth;

namespace SymposiumBooking.Web.Features.Auth;

/// <summary>
/// A mailed link (an invitation or a password reset) sets the account's password. Setting it changes the security
/// stamp: the link works once, and every session and token the account had ends (<see cref="StaffSessions"/>).
/// <paramref name="Token"/> is the link's <c>token</c> as it stands in the URL.
/// </summary>
public sealed record ResetPassword(string Email, string Token, string Password) : ICommand<Result>;

public static class PasswordErrors
{
    public static readonly Error LinkNotValid = new("auth.reset_link_invalid", ErrorKind.Validation,
        "This link has expired or was already used. Ask for a new one: \"Forgot your password?\" on the sign-in page, or a new invitation from an organizer.")
    {
        Fields = new Dictionary<string, string[]> { ["token"] = ["The link has expired or was already used."] },
    };

    public static readonly Error CurrentPasswordWrong =
        Error.Invalid("auth.current_password_wrong", "currentPassword", "The current password is not right.");

    public static Error Refused(string field, IdentityResult result) =>
        Error.Invalid("auth.password_refused", field, string.Join(" ", result.Errors.Select(e => e.Description)));
}

public sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
{
    public ResetPasswordValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(320).SingleLine();
        RuleFor(x => x.Token).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(256);
    }
}

internal sealed class ResetPasswordHandler(UserManager<StaffUser> users) : ICommandHandler<ResetPassword, Result>
{
    public async ValueTask<Result> Handle(ResetPassword command, CancellationToken cancellationToken)
    {
        var token = PasswordLinks.TokenIn(command.Token);
        if (token.Length == 0 || await users.FindByEmailAsync(command.Email.Trim()) is not { RemovedAt: null } user)
        {
            return PasswordErrors.LinkNotValid;
        }

        var reset = await users.ResetPasswordAsync(user, token, command.Password);
        if (reset.Succeeded)
        {
            return Result.Success;
        }

        return reset.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.InvalidToken) or nameof(IdentityErrorDescriber.ConcurrencyFailure))
            ? PasswordErrors.LinkNotValid
            : PasswordErrors.Refused("password", reset);
    }
}
