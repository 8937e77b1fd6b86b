using System.Security.Claims;
using Mediator;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Auth;

namespace SymposiumBooking.Web.Features.Auth;

/// <summary>
/// A staff member signs out: every session of theirs ends, on every device — page cookies (even copied ones) and
/// bearer tokens alike — because the account's security stamp changes (<see cref="StaffSessions"/>).
/// </summary>
public sealed record SignOutEverywhere(ClaimsPrincipal User) : ICommand<Result>;

internal sealed class SignOutEverywhereHandler(StaffSessions sessions) : ICommandHandler<SignOutEverywhere, Result>
{
    public async ValueTask<Result> Handle(SignOutEverywhere command, CancellationToken cancellationToken)
    {
        if (command.User.Identity?.IsAuthenticated == true)
        {
            await sessions.EndAllAsync(command.User);
        }

        return Result.Success;
    }
}
