using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Staff;

/// <summary>
/// Sends an organizer's or therapist's invitation again, with a new set-password link: the account's security stamp
/// changes first, so every link sent before stops working. Only for an account that has not chosen its password yet.
/// </summary>
public sealed record ResendInvitation(Guid UserId) : ICommand<Result<StaffAccountView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [UserId];
}

internal sealed class ResendInvitationHandler(BookingDb db, UserManager<StaffUser> users, IClock clock)
    : ICommandHandler<ResendInvitation, Result<StaffAccountView>>
{
    public async ValueTask<Result<StaffAccountView>> Handle(ResendInvitation command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(command.UserId.ToString());
        switch (user?.Status)
        {
            case null:
                return StaffErrors.NotFound;
            case StaffStatus.Removed:
                return StaffErrors.Removed;
            case StaffStatus.Active:
                return StaffErrors.AlreadyActive;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stamped = await users.UpdateSecurityStampAsync(user);
        if (!stamped.Succeeded)
        {
            // Identity's concurrency stamp: the account changed meanwhile (set its password, say). Nothing was sent.
            return StaffErrors.ChangedMeanwhile;
        }

        db.Outbox.Add(OutboxMessage.Create(
            OutboxTypes.StaffInvitation, JsonSerializer.Serialize(new { userId = user.Id }), clock.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StaffAccountView.From(user, await users.GetRolesAsync(user));
    }
}
