using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shifts;

/// <summary>The steps every shift use case shares: find the therapist, check the plan, check the therapist's day.</summary>
internal static class ShiftPlanning
{
    public sealed record Context(Symposium Symposium, Therapist Therapist);

    public static async Task<Result<Context>> FindTherapistAsync(
        this BookingDb db, Guid symposiumId, Guid therapistId, Instant now, CancellationToken ct)
    {
        var symposium = await db.FindChangeableAsync(symposiumId, now, ct);
        if (symposium.IsFailure)
        {
            return symposium.Error;
        }

        var therapist = await db.Therapists.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Id == therapistId && t.SymposiumId == symposiumId, ct);
        return therapist is null ? TherapistErrors.NotFound : new Context(symposium.Value, therapist);
    }

    /// <summary>The plan's slots, once the plan fits the symposium, yields a session and leaves the therapist's other shifts alone.</summary>
    public static async Task<Result<IReadOnlyList<SlotTime>>> PlanAsync(
        this BookingDb db, Context context, ShiftPlan plan, Guid? replacing, CancellationToken ct)
    {
        var valid = plan.Validate(context.Symposium.StartDate, context.Symposium.EndDate);
        if (valid.IsFailure)
        {
            return valid.Error;
        }

        var slots = plan.Slots(context.Symposium.Zone);
        if (slots.Count == 0)
        {
            return ShiftErrors.NoSlots;
        }

        var sameDay = await db.Shifts.AsNoTracking()
            .Where(s => s.TherapistId == context.Therapist.Id && s.Date == plan.Date && s.Id != replacing)
            .ToListAsync(ct);
        return sameDay.Any(s => s.Plan.Overlaps(plan)) ? ShiftErrors.Overlaps : Result<IReadOnlyList<SlotTime>>.Ok(slots);
    }

    /// <summary>Whether anyone ever booked a slot of the shift (a cancelled booking still keeps its slot as a record).</summary>
    public static Task<bool> HasBookingsAsync(this BookingDb db, Guid shiftId, CancellationToken ct) =>
        db.Bookings.AnyAsync(b => db.Slots.Any(s => s.ShiftId == shiftId && s.Id == b.SlotId), ct);

    /// <summary>The ids of slots that a booking currently holds.</summary>
    public static IQueryable<Guid> TakenSlotIds(this BookingDb db) =>
        db.Bookings.Where(b => BookingStatuses.HoldingSlot.Contains(b.Status)).Select(b => b.SlotId);

    public static ShiftView View(Shift shift, IEnumerable<Slot> slots, string therapistName, DateTimeZone zone, ISet<Guid>? taken = null) =>
        ShiftView.From(shift, slots.Select(s => SlotView.From(s, therapistName, zone, taken?.Contains(s.Id) != true)));
}
