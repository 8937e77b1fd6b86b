using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Sessions;

/// <summary>Who has read a booking's intake, newest first (GET /api/v1/bookings/{id}/intake-reads): organizers only.</summary>
public sealed record ListIntakeReads(Guid BookingId) : IQuery<Result<IReadOnlyList<IntakeReadView>>>;

public sealed record IntakeReadView(
    DateTimeOffset ReadAt, Guid StaffUserId, string? StaffEmail, string Role, IntakeSurface Surface, string? RemoteIp, string? UserAgent);

internal sealed class ListIntakeReadsHandler(BookingDb db) : IQueryHandler<ListIntakeReads, Result<IReadOnlyList<IntakeReadView>>>
{
    public async ValueTask<Result<IReadOnlyList<IntakeReadView>>> Handle(ListIntakeReads query, CancellationToken cancellationToken)
    {
        var zone = await (
                from b in db.Bookings
                join e in db.Symposia on b.SymposiumId equals e.Id
                where b.Id == query.BookingId
                select e.TimeZoneId)
            .FirstOrDefaultAsync(cancellationToken);
        if (zone is null)
        {
            return BookingErrors.NotFound;
        }

        var tz = NodaTime.DateTimeZoneProviders.Tzdb[zone];
        var rows = await (
                from r in db.IntakeReads.AsNoTracking()
                join u in db.Users on r.StaffUserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                where r.BookingId == query.BookingId
                orderby r.ReadAt descending, r.Id descending
                select new { r, Email = u == null ? null : u.Email })
            .ToListAsync(cancellationToken);
        return rows.Select(x => new IntakeReadView(
                ApiFormat.Local(x.r.ReadAt, tz), x.r.StaffUserId, x.Email, x.r.Role, x.r.Surface, x.r.RemoteIp, x.r.UserAgent))
            .ToList();
    }
}
