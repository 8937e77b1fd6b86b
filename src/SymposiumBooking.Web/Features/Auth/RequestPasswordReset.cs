using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Auth;

/// <summary>
/// "Forgot your password?": a reset link is mailed to the address typed, only if a staff account (not removed) has
/// it. The caller gets the same answer either way, so the form tells no one which addresses have accounts; nothing
/// changes on the account until the link is used, so asking cannot lock anyone out (docs/adr/0126).
/// </summary>
public sealed record RequestPasswordReset(string Email) : ICommand<Result>;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordReset>
{
    public RequestPasswordResetValidator() => RuleFor(x => x.Email).NotEmpty().MaximumLength(320).EmailAddress().SingleLine();
}

internal sealed class RequestPasswordResetHandler(BookingDb db, UserManager<StaffUser> users, IClock clock)
    : ICommandHandler<RequestPasswordReset, Result>
{
    public async ValueTask<Result> Handle(RequestPasswordReset command, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(command.Email.Trim()) is { RemovedAt: null } user)
        {
            db.Outbox.Add(OutboxMessage.Create(
                OutboxTypes.PasswordReset, JsonSerializer.Serialize(new { userId = user.Id }), clock.GetCurrentInstant()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result.Success;
    }
}
