using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Auth;

namespace SymposiumBooking.Web.Features.Auth;

/// <summary>
/// A signed-in staff member changes their password, giving the current one. The security stamp changes, so every
/// other session and token of the account ends; the caller gets a new session (a new bearer token on the API, a new
/// cookie on the page) and carries on (docs/adr/0127).
/// </summary>
public sealed record ChangePassword(ClaimsPrincipal User, string CurrentPassword, string NewPassword)
    : ICommand<Result<ClaimsPrincipal>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => StaffActionAudit<ChangePassword, Result<ClaimsPrincipal>>.StaffUserOf(User) is { } id ? [id] : [];
}

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().MaximumLength(256);
        RuleFor(x => x.NewPassword).NotEmpty().MaximumLength(256);
    }
}

internal sealed class ChangePasswordHandler(UserManager<StaffUser> users, SignInManager<StaffUser> signIns, StaffSessions sessions)
    : ICommandHandler<ChangePassword, Result<ClaimsPrincipal>>
{
    public async ValueTask<Result<ClaimsPrincipal>> Handle(ChangePassword command, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(command.User) is not { RemovedAt: null } user)
        {
            return AuthErrors.InvalidCredentials; // the session ended meanwhile
        }

        var changed = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
        if (!changed.Succeeded)
        {
            return changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? PasswordErrors.CurrentPasswordWrong
                : PasswordErrors.Refused("newPassword", changed);
        }

        var principal = await signIns.CreateUserPrincipalAsync(user);
        sessions.Begin(principal);
        return principal;
    }
}
