using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Audit;

/// <summary>
/// The staff action log, newest first (GET /api/v1/staff-actions): organizers only. <c>targetId</c> narrows it to the
/// actions about one symposium, booking, therapist, shift or staff account; <c>symposiumId</c> to the actions about a
/// symposium or anything in it (its bookings, therapists and shifts). <c>offset</c> skips that many rows (pages).
/// </summary>
public sealed record ListStaffActions(Guid? TargetId, int? Limit, Guid? SymposiumId = null, int? Offset = null)
    : IQuery<Result<IReadOnlyList<StaffActionView>>>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
}

/// <param name="At">When, in UTC (the log spans symposia in different zones).</param>
/// <param name="Targets">What the ids are, with a label where one is still known (never an intake or a note).</param>
public sealed record StaffActionView(
    Guid Id, DateTimeOffset At, Guid StaffUserId, string? StaffEmail, string? StaffName, string Action,
    IReadOnlyList<Guid> TargetIds, IReadOnlyList<StaffActionTarget> Targets);

/// <param name="Kind">symposium, booking, therapist, shift, staff, or unknown (deleted since).</param>
public sealed record StaffActionTarget(Guid Id, string Kind, string? Label);

public sealed class ListStaffActionsValidator : AbstractValidator<ListStaffActions>
{
    public ListStaffActionsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, ListStaffActions.MaxLimit);
        RuleFor(x => x.Offset).GreaterThanOrEqualTo(0);
    }
}

internal sealed class ListStaffActionsHandler(BookingDb db) : IQueryHandler<ListStaffActions, Result<IReadOnlyList<StaffActionView>>>
{
    public async ValueTask<Result<IReadOnlyList<StaffActionView>>> Handle(ListStaffActions query, CancellationToken cancellationToken)
    {
        var actions = query.SymposiumId is { } symposium ? AboutSymposium(symposium) : db.StaffActions.AsNoTracking();
        if (query.TargetId is { } target)
        {
            actions = actions.Where(a => a.TargetIds.Contains(target));
        }

        var rows = await (
                from a in actions
                join u in db.Users on a.StaffUserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby a.OccurredAt descending, a.Id descending
                select new { a, Email = u == null ? null : u.Email, Name = u == null ? null : u.DisplayName })
            .Skip(query.Offset ?? 0)
            .Take(query.Limit ?? ListStaffActions.DefaultLimit)
            .ToListAsync(cancellationToken);
        var labels = await LabelsAsync([.. rows.SelectMany(x => x.a.TargetIds).Distinct()], cancellationToken);
        return rows.Select(x => new StaffActionView(
                x.a.Id, x.a.OccurredAt.ToDateTimeOffset(), x.a.StaffUserId, x.Email, x.Name, x.a.Action, x.a.TargetIds,
                [.. x.a.TargetIds.Select(id => labels.TryGetValue(id, out var t) ? t : new StaffActionTarget(id, "unknown", null))]))
            .ToList();
    }

    /// <summary>
    /// One statement: the rows whose targets overlap the symposium's own id and the ids of its bookings, therapists and
    /// shifts (<c>&amp;&amp;</c> on the GIN index), however many there are (docs/adr/0128).
    /// </summary>
    private IQueryable<StaffAction> AboutSymposium(Guid symposium) => db.StaffActions.FromSql($"""
        SELECT * FROM staff_actions
        WHERE target_ids && (ARRAY[{symposium}]::uuid[]
            || ARRAY(SELECT id FROM bookings WHERE symposium_id = {symposium})
            || ARRAY(SELECT id FROM therapists WHERE symposium_id = {symposium})
            || ARRAY(SELECT id FROM shifts WHERE symposium_id = {symposium}))
        """).AsNoTracking();

    /// <summary>What each id on the page is, in a few queries for the whole page (not one per row).</summary>
    private async Task<Dictionary<Guid, StaffActionTarget>> LabelsAsync(List<Guid> ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, StaffActionTarget>();
        if (ids.Count == 0)
        {
            return found;
        }

        foreach (var s in await db.Symposia.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Year, s.City }).ToListAsync(ct))
        {
            found[s.Id] = new(s.Id, "symposium", $"{s.Year} · {s.City}");
        }

        foreach (var b in await db.Bookings.AsNoTracking().Where(b => ids.Contains(b.Id)).Select(b => new { b.Id, b.AttendeeName }).ToListAsync(ct))
        {
            found[b.Id] = new(b.Id, "booking", b.AttendeeName);
        }

        foreach (var t in await db.Therapists.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
        {
            found[t.Id] = new(t.Id, "therapist", t.Name);
        }

        foreach (var s in await db.Shifts.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Date, s.Start, s.End }).ToListAsync(ct))
        {
            found[s.Id] = new(s.Id, "shift", string.Create(CultureInfo.InvariantCulture, $"{s.Date:yyyy-MM-dd} {s.Start:HH:mm}–{s.End:HH:mm}"));
        }

        foreach (var u in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
        {
            found[u.Id] = new(u.Id, "staff", u.DisplayName.Length > 0 ? u.DisplayName : u.Email);
        }

        return found;
    }
}
