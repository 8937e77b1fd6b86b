using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>One entry of a booking's table ledger as organizers see it, with who recorded it.</summary>
/// <param name="Current">Whether no other entry replaces it: its amount is what was collected.</param>
public sealed record TablePaymentView(
    Guid Id,
    Guid BookingId,
    TablePaymentMethod Method,
    long AmountCents,
    string Currency,
    Guid RecordedBy,
    string? RecordedByName,
    DateTimeOffset RecordedAt,
    Guid? Replaces,
    string? Note,
    bool Current);

/// <summary>Reading a booking's table ledger (<see cref="TablePayment"/>): its entries, and what is still to collect.</summary>
public static class TableLedger
{
    /// <summary>
    /// What a booking paid at the table still owes: its price less what was collected, while it keeps its session
    /// (confirmed or completed). Nothing for a booking paid online, ended, or marked a no-show.
    /// </summary>
    public static long ToCollect(Booking booking, long? collectedCents) =>
        booking.Payment == PaymentMethod.AtTable && booking.Status is BookingStatus.Confirmed or BookingStatus.Completed
            ? Math.Max(0, booking.PriceCents - (collectedCents ?? 0))
            : 0;

    /// <summary>The entries of <paramref name="bookingId"/>'s ledger in the order they were recorded.</summary>
    public static async Task<List<TablePaymentView>> ReadAsync(BookingDb db, Guid bookingId, DateTimeZone zone, CancellationToken ct)
    {
        var entries = await (
                from p in db.TablePayments.AsNoTracking()
                where p.BookingId == bookingId
                join u in db.Users on p.RecordedBy equals u.Id into staff
                from u in staff.DefaultIfEmpty()
                orderby p.RecordedAt, p.Id
                select new { p, Name = u == null ? null : u.DisplayName == "" ? u.Email : u.DisplayName })
            .ToListAsync(ct);
        var replaced = entries.Where(e => e.p.Replaces is not null).Select(e => e.p.Replaces!.Value).ToHashSet();
        return
        [
            .. entries.Select(e => new TablePaymentView(
                e.p.Id, e.p.BookingId, e.p.Method, e.p.AmountCents, e.p.Currency, e.p.RecordedBy, e.Name,
                ApiFormat.Local(e.p.RecordedAt, zone), e.p.Replaces, e.p.Note, !replaced.Contains(e.p.Id))),
        ];
    }
}
