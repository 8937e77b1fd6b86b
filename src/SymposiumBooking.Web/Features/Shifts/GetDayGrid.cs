using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shifts;

/// <summary>
/// One day of a symposium as the organizers' grid shows it: who works, and each slot free, held (a booking awaiting
/// payment) or booked. Without a date, the day is today when the symposium is on, else its first day.
/// </summary>
public sealed record GetDayGrid(Guid SymposiumId, string? Date) : IQuery<Result<DayGrid>>;

public sealed record DayGrid(string Date, IReadOnlyList<GridTherapist> Therapists, IReadOnlyList<GridSlot> Slots);

public sealed record GridTherapist(Guid Id, string Name);

/// <summary>A slot of the grid; <see cref="State"/> is <c>free</c>, <c>held</c> or <c>booked</c>.</summary>
public sealed record GridSlot(Guid Id, Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Location, string State);

internal sealed class GetDayGridHandler(BookingDb db, IClock clock) : IQueryHandler<GetDayGrid, Result<DayGrid>>
{
    public async ValueTask<Result<DayGrid>> Handle(GetDayGrid query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return Error.Invalid("request.invalid", "date", "Use the form YYYY-MM-DD.");
        }

        var today = clock.GetCurrentInstant().InZone(symposium.Zone).Date;
        var date = query.Date is not null ? ApiFormat.ParseDate(query.Date)
            : today >= symposium.StartDate && today <= symposium.EndDate ? today
            : symposium.StartDate;

        var slots = await (
                from slot in db.Slots.AsNoTracking()
                join shift in db.Shifts on slot.ShiftId equals shift.Id
                where shift.SymposiumId == symposium.Id && shift.Date == date
                select slot)
            .ToListAsync(cancellationToken);
        var slotIds = slots.Select(s => s.Id).ToList();
        var holding = await db.Bookings.AsNoTracking()
            .Where(b => slotIds.Contains(b.SlotId) && BookingStatuses.HoldingSlot.Contains(b.Status))
            .Select(b => new { b.SlotId, b.Status })
            .ToDictionaryAsync(b => b.SlotId, b => b.Status, cancellationToken);
        var working = slots.Select(s => s.TherapistId).ToHashSet();
        var therapists = await db.Therapists.AsNoTracking()
            .Where(t => t.SymposiumId == symposium.Id && working.Contains(t.Id))
            .OrderBy(t => t.Name)
            .Select(t => new GridTherapist(t.Id, t.Name))
            .ToListAsync(cancellationToken);

        var zone = symposium.Zone;
        return new DayGrid(
            ApiFormat.Date(date),
            therapists,
            [.. slots.OrderBy(s => s.StartsAt).Select(s => new GridSlot(
                s.Id, s.TherapistId, ApiFormat.Local(s.StartsAt, zone), ApiFormat.Local(s.EndsAt, zone), s.Location,
                State(holding.TryGetValue(s.Id, out var status) ? status : null)))]);
    }

    private static string State(BookingStatus? holding) => holding switch
    {
        null => "free",
        BookingStatus.AwaitingPayment => "held",
        _ => "booked",
    };
}
