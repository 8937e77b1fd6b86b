using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shifts;

/// <summary>A symposium's shifts with their slots and whether each is still free, by date and time.</summary>
public sealed record ListShifts(Guid SymposiumId, Guid? TherapistId, string? Date) : IQuery<Result<IReadOnlyList<ShiftView>>>;

internal sealed class ListShiftsHandler(BookingDb db) : IQueryHandler<ListShifts, Result<IReadOnlyList<ShiftView>>>
{
    public async ValueTask<Result<IReadOnlyList<ShiftView>>> Handle(ListShifts query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        if (query.Date is not null && !ApiFormat.IsDate(query.Date))
        {
            return Domain.Common.Error.Invalid("request.invalid", "date", "Use the form YYYY-MM-DD.");
        }

        var symposium = found.Value;
        var shifts = db.Shifts.AsNoTracking().Where(s => s.SymposiumId == symposium.Id);
        if (query.TherapistId is { } therapistId)
        {
            shifts = shifts.Where(s => s.TherapistId == therapistId);
        }

        if (query.Date is not null)
        {
            var date = ApiFormat.ParseDate(query.Date);
            shifts = shifts.Where(s => s.Date == date);
        }

        var shiftList = await shifts.OrderBy(s => s.Date).ThenBy(s => s.Start).ToListAsync(cancellationToken);
        var shiftIds = shiftList.Select(s => s.Id).ToList();
        var slots = await db.Slots.AsNoTracking().Where(s => shiftIds.Contains(s.ShiftId)).ToListAsync(cancellationToken);
        var slotIds = slots.Select(s => s.Id).ToList();
        var taken = (await db.TakenSlotIds().Where(id => slotIds.Contains(id)).ToListAsync(cancellationToken)).ToHashSet();
        var names = await db.Therapists.AsNoTracking().Where(t => t.SymposiumId == symposium.Id)
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var byShift = slots.ToLookup(s => s.ShiftId);
        return shiftList.Select(s => ShiftPlanning.View(s, byShift[s.Id], names[s.TherapistId], symposium.Zone, taken)).ToList();
    }
}
