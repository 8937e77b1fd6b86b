using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Staff;

public sealed record OrganizerBody(string Name, string Email);

/// <summary>
/// An organizer invites another: their sign-in (a new one, an existing therapist's, or a removed one restored) gets the
/// organizer role, and an invitation mail is queued, all in one transaction.
/// </summary>
public sealed record InviteOrganizer(string Name, string Email) : ICommand<Result<StaffAccountView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => []; // the account, once known (StaffAction.AddTarget)
}

public sealed class InviteOrganizerValidator : AbstractValidator<InviteOrganizer>
{
    public InviteOrganizerValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).SingleLine();
        RuleFor(x => x.Email).NotEmpty().MaximumLength(320).EmailAddress().SingleLine();
    }
}

internal sealed class InviteOrganizerHandler(BookingDb db, StaffAccounts accounts, UserManager<StaffUser> users, IClock clock)
    : ICommandHandler<InviteOrganizer, Result<StaffAccountView>>
{
    public async ValueTask<Result<StaffAccountView>> Handle(InviteOrganizer command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await users.FindByEmailAsync(email) is { RemovedAt: null } existing && await users.IsInRoleAsync(existing, Roles.Organizer))
        {
            return StaffErrors.AlreadyOrganizer;
        }

        var account = await accounts.TryEnsureAsync(email, command.Name.Trim(), Roles.Organizer, password: null);
        if (account.IsFailure)
        {
            return account.Error;
        }

        var user = account.Value;
        db.PendingStaffAction?.Row.AddTarget(user.Id);
        db.Outbox.Add(OutboxMessage.Create(
            OutboxTypes.StaffInvitation, JsonSerializer.Serialize(new { userId = user.Id }), clock.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StaffAccountView.From(user, await users.GetRolesAsync(user));
    }
}
