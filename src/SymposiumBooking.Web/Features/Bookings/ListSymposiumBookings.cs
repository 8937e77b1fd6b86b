using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// One line of the organizers' bookings list. Contact details, never health data. At the table:
/// <see cref="CollectedCents"/> is what the table's ledger says was collected (null: nothing recorded, or paid online),
/// <see cref="ToCollectCents"/> what an active booking paid at the table still owes, <see cref="CheckedInAt"/> when the
/// person arrived, <see cref="BookedBy"/> the organizer who booked a walk-in.
/// </summary>
public sealed record BookingRow(
    Guid Id,
    string Status,
    Guid SlotId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Guid TherapistId,
    string TherapistName,
    string Location,
    string AttendeeName,
    string AttendeeEmail,
    string? Phone,
    string Rate,
    string Payment,
    long PriceCents,
    string Currency,
    DateTimeOffset CreatedAt,
    bool PaidOnline = false,
    bool Refunded = false,
    long? CollectedCents = null,
    long ToCollectCents = 0,
    DateTimeOffset? CheckedInAt = null,
    Guid? BookedBy = null);

/// <summary>
/// Every booking of a symposium in slot order, for the organizers' list and its CSV export; with
/// <see cref="ToCollectOnly"/>, only those still owing money at the table.
/// </summary>
public sealed record ListSymposiumBookings(Guid SymposiumId, bool ToCollectOnly = false) : IQuery<Result<IReadOnlyList<BookingRow>>>;

internal sealed class ListSymposiumBookingsHandler(BookingDb db) : IQueryHandler<ListSymposiumBookings, Result<IReadOnlyList<BookingRow>>>
{
    public async ValueTask<Result<IReadOnlyList<BookingRow>>> Handle(ListSymposiumBookings query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var rows = await BookingRows.ReadAsync(db, found.Value, db.Bookings.Where(b => b.SymposiumId == query.SymposiumId), cancellationToken);
        return query.ToCollectOnly ? rows.Where(r => r.ToCollectCents > 0).ToList() : rows;
    }
}

/// <summary>Reads bookings as the organizers' rows (<see cref="BookingRow"/>): the list, and one booking's page.</summary>
public static class BookingRows
{
    public static async Task<List<BookingRow>> ReadAsync(BookingDb db, Symposium symposium, IQueryable<Booking> bookings, CancellationToken ct)
    {
        var zone = symposium.Zone;
        var rows = await (
                from b in bookings.AsNoTracking()
                join s in db.Slots on b.SlotId equals s.Id
                join t in db.Therapists on s.TherapistId equals t.Id
                orderby s.StartsAt, t.Name, b.CreatedAt
                select new
                {
                    b,
                    s,
                    t.Name,
                    Paid = db.OnlinePayments.Any(p => p.BookingId == b.Id && p.PaidAt != null),
                    Refunded = db.Refunds.Any(r => r.BookingId == b.Id),
                    Collected = db.TablePayments // the entry no other replaces (TablePayment)
                        .Where(p => p.BookingId == b.Id && !db.TablePayments.Any(q => q.Replaces == p.Id))
                        .Select(p => (long?)p.AmountCents)
                        .FirstOrDefault(),
                })
            .ToListAsync(ct);
        return rows.Select(r => new BookingRow(
                r.b.Id,
                ApiFormat.Enum(r.b.Status),
                r.s.Id,
                ApiFormat.Local(r.s.StartsAt, zone),
                ApiFormat.Local(r.s.EndsAt, zone),
                r.s.TherapistId,
                r.Name,
                r.s.Location,
                r.b.AttendeeName,
                r.b.AttendeeEmail,
                r.b.Phone,
                ApiFormat.Enum(r.b.Rate),
                ApiFormat.Enum(r.b.Payment),
                r.b.PriceCents,
                r.b.Currency,
                ApiFormat.Local(r.b.CreatedAt, zone),
                r.Paid,
                r.Refunded,
                r.Collected,
                TableLedger.ToCollect(r.b, r.Collected),
                r.b.CheckedInAt is { } arrived ? ApiFormat.Local(arrived, zone) : null,
                r.b.BookedBy))
            .ToList();
    }
}

/// <summary>The bookings list as CSV for a spreadsheet, with times in the symposium's local time.</summary>
public static class BookingCsv
{
    private static readonly string[] Header =
    [
        "booking_id", "status", "date", "start", "end", "therapist", "location", "attendee", "email", "phone", "rate", "payment",
        "price", "currency", "booked_at",
    ];

    public static string Write(IEnumerable<BookingRow> rows)
    {
        var csv = new StringBuilder();
        Csv.Line(csv, Header);
        foreach (var r in rows)
        {
            Csv.Line(csv,
            [
                r.Id.ToString(), r.Status, r.StartsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.StartsAt.ToString("HH:mm", CultureInfo.InvariantCulture), r.EndsAt.ToString("HH:mm", CultureInfo.InvariantCulture),
                r.TherapistName, r.Location, r.AttendeeName, r.AttendeeEmail, r.Phone ?? "", r.Rate, r.Payment,
                r.PriceCents.ToString(CultureInfo.InvariantCulture), r.Currency,
                r.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ]);
        }

        return csv.ToString();
    }
}
