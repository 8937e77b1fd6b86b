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
/// One booking as organizers see it at the table: its row, its table ledger (oldest entry first), and whether its
/// intake was taken on paper. No health data.
/// </summary>
public sealed record OrganizerBookingView(BookingRow Booking, bool IntakeOnPaper, IReadOnlyList<TablePaymentView> Ledger);

/// <summary>The booking page's data: <c>GET /api/v1/symposia/{id}/bookings/{bookingId}</c>.</summary>
public sealed record GetSymposiumBooking(Guid SymposiumId, Guid BookingId) : IQuery<Result<OrganizerBookingView>>;

internal sealed class GetSymposiumBookingHandler(BookingDb db) : IQueryHandler<GetSymposiumBooking, Result<OrganizerBookingView>>
{
    public async ValueTask<Result<OrganizerBookingView>> Handle(GetSymposiumBooking query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        return found.IsFailure ? found.Error : await OrganizerBookings.ReadAsync(db, found.Value, query.BookingId, cancellationToken);
    }
}

public static class OrganizerBookings
{
    /// <summary>The booking of <paramref name="symposium"/> as its organizer page shows it, or booking.not_found.</summary>
    public static async Task<Result<OrganizerBookingView>> ReadAsync(BookingDb db, Symposium symposium, Guid bookingId, CancellationToken ct)
    {
        var rows = await BookingRows.ReadAsync(db, symposium, db.Bookings.Where(b => b.Id == bookingId && b.SymposiumId == symposium.Id), ct);
        if (rows.Count == 0)
        {
            return BookingErrors.NotFound;
        }

        var row = rows[0];
        var onPaper = row.BookedBy is not null && !await db.Intakes.AnyAsync(i => i.BookingId == bookingId, ct);
        return new OrganizerBookingView(row, onPaper, await TableLedger.ReadAsync(db, bookingId, symposium.Zone, ct));
    }
}
