using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Auth;

namespace SymposiumBooking.Web.Features.Staff;

/// <summary>A staff account as organizers see it. <c>status</c>: invited (no password yet), active or removed.</summary>
public sealed record StaffAccountView(
    Guid Id, string Name, string Email, IReadOnlyList<string> Roles, string Status, DateTimeOffset? RemovedAt)
{
    public static StaffAccountView From(StaffUser user, IEnumerable<string> roles) => new(
        user.Id, user.DisplayName, user.Email ?? "", [.. roles.Order(StringComparer.Ordinal)],
        user.Status.ToString().ToLowerInvariant(), user.RemovedAt?.ToDateTimeOffset());
}

public static class StaffErrors
{
    public static readonly Error NotFound = new("staff.not_found", ErrorKind.NotFound, "There is no such staff account.");

    public static readonly Error AlreadyOrganizer =
        new("staff.already_organizer", ErrorKind.Conflict, "This address already belongs to an organizer.");

    public static readonly Error AlreadyActive =
        new("staff.already_active", ErrorKind.Conflict, "This account has chosen its password: there is no invitation to send again. A forgotten password is reset from the sign-in page.");

    public static readonly Error Removed =
        new("staff.removed", ErrorKind.Conflict, "This account was removed. Invite the address again to restore it.");

    public static readonly Error ChangedMeanwhile =
        new("staff.changed_meanwhile", ErrorKind.Conflict, "The account changed meanwhile. Reload and try again.");

    public static readonly Error CannotRemoveSelf =
        new("staff.cannot_remove_self", ErrorKind.Conflict, "You cannot remove your own account. Ask another organizer.");

    public static readonly Error LastOrganizer =
        new("staff.last_organizer", ErrorKind.Conflict, "This is the last organizer: invite another one before removing it.");
}
