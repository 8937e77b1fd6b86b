using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Audit;

/// <summary>
/// The staff action log, newest first (GET /api/v1/staff-actions): organizers only. <c>targetId</c> narrows it to the
/// actions about one symposium, booking, therapist or shift.
/// </summary>
public sealed record ListStaffActions(Guid? TargetId, int? Limit) : IQuery<Result<IReadOnlyList<StaffActionView>>>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
}

/// <param name="At">When, in UTC (the log spans symposia in different zones).</param>
public sealed record StaffActionView(Guid Id, DateTimeOffset At, Guid StaffUserId, string? StaffEmail, string Action, IReadOnlyList<Guid> TargetIds);

public sealed class ListStaffActionsValidator : AbstractValidator<ListStaffActions>
{
    public ListStaffActionsValidator() => RuleFor(x => x.Limit).InclusiveBetween(1, ListStaffActions.MaxLimit);
}

internal sealed class ListStaffActionsHandler(BookingDb db) : IQueryHandler<ListStaffActions, Result<IReadOnlyList<StaffActionView>>>
{
    public async ValueTask<Result<IReadOnlyList<StaffActionView>>> Handle(ListStaffActions query, CancellationToken cancellationToken)
    {
        var actions = db.StaffActions.AsNoTracking();
        if (query.TargetId is { } target)
        {
            actions = actions.Where(a => a.TargetIds.Contains(target));
        }

        var rows = await (
                from a in actions
                join u in db.Users on a.StaffUserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby a.OccurredAt descending, a.Id descending
                select new { a, Email = u == null ? null : u.Email })
            .Take(query.Limit ?? ListStaffActions.DefaultLimit)
            .ToListAsync(cancellationToken);
        return rows.Select(x => new StaffActionView(
                x.a.Id, x.a.OccurredAt.ToDateTimeOffset(), x.a.StaffUserId, x.Email, x.a.Action, x.a.TargetIds))
            .ToList();
    }
}
