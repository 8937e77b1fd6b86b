using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Staff;

/// <summary>Every staff account, organizers and therapists, removed ones last; by name.</summary>
public sealed record ListStaffAccounts : IQuery<Result<IReadOnlyList<StaffAccountView>>>;

internal sealed class ListStaffAccountsHandler(BookingDb db) : IQueryHandler<ListStaffAccounts, Result<IReadOnlyList<StaffAccountView>>>
{
    public async ValueTask<Result<IReadOnlyList<StaffAccountView>>> Handle(ListStaffAccounts query, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var roles = (await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name ?? "");
        return users
            .OrderBy(u => u.RemovedAt is not null)
            .ThenBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => StaffAccountView.From(u, roles[u.Id]))
            .ToList();
    }
}
