using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Staff;

/// <summary>
/// An organizer removes a staff account (not their own; never the last organizer). The row stays, flagged, so the
/// staff action log still names who did what; its password goes and its security stamp changes, so it cannot sign in
/// and every session and token it had ends at once (docs/adr/0125).
/// </summary>
public sealed record RemoveStaffAccount(Guid UserId, Guid ByUserId) : ICommand<Result>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [UserId];
}

internal sealed class RemoveStaffAccountHandler(BookingDb db, UserManager<StaffUser> users, IClock clock)
    : ICommandHandler<RemoveStaffAccount, Result>
{
    public async ValueTask<Result> Handle(RemoveStaffAccount command, CancellationToken cancellationToken)
    {
        if (command.UserId == command.ByUserId)
        {
            return StaffErrors.CannotRemoveSelf;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Removals wait for each other on the organizer role's row, so two organizers removing each other at once
        // cannot both pass the last-organizer check.
        var organizerRole = await db.Roles
            .FromSql($"SELECT * FROM staff_roles WHERE normalized_name = {Roles.Organizer.ToUpperInvariant()} FOR UPDATE")
            .Select(r => r.Id)
            .SingleAsync(cancellationToken);

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null)
        {
            return StaffErrors.NotFound;
        }

        if (user.RemovedAt is not null)
        {
            return StaffErrors.Removed;
        }

        var organizers = from ur in db.UserRoles
                         join u in db.Users on ur.UserId equals u.Id
                         where ur.RoleId == organizerRole && u.RemovedAt == null
                         select u.Id;
        if (await organizers.ContainsAsync(user.Id, cancellationToken)
            && !await organizers.AnyAsync(id => id != user.Id, cancellationToken))
        {
            return StaffErrors.LastOrganizer;
        }

        user.RemovedAt = clock.GetCurrentInstant();
        var removed = await users.RemovePasswordAsync(user); // saves the flag too, with a new security stamp
        if (!removed.Succeeded)
        {
            return StaffErrors.ChangedMeanwhile;
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Success;
    }
}
