using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;

namespace SymposiumBooking.Web.Features.Slots;

/// <summary>
/// Availability (docs/attendees.md: <c>GET /api/v1/symposia/{id}/slots</c>): a symposium's slots in time order, for a
/// day and/or therapist, optionally only the bookable ones. Anyone sees a published symposium; staff also see drafts.
/// A slot is available when it has not started, no booking holds it and no waitlist offer reserves it.
/// </summary>
public sealed record ListSlots(Guid SymposiumId, string? Date, Guid? TherapistId, bool AvailableOnly, bool IncludeDrafts = false)
    : IQuery<Result<IReadOnlyList<SlotView>>>;

internal sealed class ListSlotsHandler(BookingDb db, IClock clock) : IQueryHandler<ListSlots, Result<IReadOnlyList<SlotView>>>
{
    public async ValueTask<Result<IReadOnlyList<SlotView>>> Handle(ListSlots query, CancellationToken cancellationToken)
    {
        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return Error.Invalid("request.invalid", "date", "Use the form YYYY-MM-DD.");
        }

        var now = clock.GetCurrentInstant();
        LocalDate? date = query.Date is null ? null : ApiFormat.ParseDate(query.Date);
        var rows = await Query(query, date, now).ToListAsync(cancellationToken);
        if (rows.Count == 0 && !await db.Symposia.AnyAsync(e => e.Id == query.SymposiumId && (query.IncludeDrafts || e.Status == SymposiumStatus.Published), cancellationToken))
        {
            return SymposiumErrors.NotFound;
        }

        // Filtered here, not in SQL: as a WHERE clause the waitlist's NOT EXISTS becomes an anti-join, and a plan made
        // for an average symposium can hash every offer of every symposium to answer one; in the select list it stays one
        // index probe per slot, whatever the plan (docs/adr/0031).
        return rows.Where(r => r.Available || !query.AvailableOnly).Select(r =>
            {
                var zone = DateTimeZoneProviders.Tzdb[r.Zone];
                return new SlotView(r.Id, r.TherapistId, r.TherapistName, ApiFormat.Local(r.StartsAt, zone), ApiFormat.Local(r.EndsAt, zone), r.Location, r.Available);
            })
            .ToList();
    }

    /// <summary>
    /// One statement: the slots with their availability decided in SQL, from each slot's own <c>held_until</c>
    /// (docs/adr/0032) and one probe of the waitlist's offers per slot.
    /// </summary>
    private IQueryable<SlotRow> Query(ListSlots query, LocalDate? date, Instant now)
    {
        var rows =
            from s in db.Slots
            join sh in db.Shifts on s.ShiftId equals sh.Id
            join t in db.Therapists on s.TherapistId equals t.Id
            join e in db.Symposia on s.SymposiumId equals e.Id
            where s.SymposiumId == query.SymposiumId
                  && (query.IncludeDrafts || e.Status == SymposiumStatus.Published)
                  && (date == null || sh.Date == date)
                  && (query.TherapistId == null || s.TherapistId == query.TherapistId)
            orderby s.StartsAt, t.Name
            select new
            {
                s,
                TherapistName = t.Name,
                Zone = e.TimeZoneId,
                Available = s.StartsAt > now
                    && !(EF.Property<Instant?>(s, SlotConfiguration.HeldUntil) > now)
                    && !db.WaitlistEntries.Any(w => w.OfferedSlotId == s.Id && w.Status == WaitlistStatus.Offered && w.OfferExpiresAt > now),
            };
        return rows.Select(r => new SlotRow(r.s.Id, r.s.TherapistId, r.TherapistName, r.s.StartsAt, r.s.EndsAt, r.s.Location, r.Zone, r.Available));
    }
    private sealed record SlotRow(
        Guid Id, Guid TherapistId, string TherapistName, Instant StartsAt, Instant EndsAt, string Location, string Zone, bool Available);
}
