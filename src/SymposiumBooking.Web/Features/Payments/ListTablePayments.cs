using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>A booking's table ledger, oldest entry first, with who recorded each (<c>GET …/bookings/{bookingId}/table-payments</c>).</summary>
public sealed record ListTablePayments(Guid SymposiumId, Guid BookingId) : IQuery<Result<IReadOnlyList<TablePaymentView>>>;

internal sealed class ListTablePaymentsHandler(BookingDb db) : IQueryHandler<ListTablePayments, Result<IReadOnlyList<TablePaymentView>>>
{
    public async ValueTask<Result<IReadOnlyList<TablePaymentView>>> Handle(ListTablePayments query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        if (!await db.Bookings.AnyAsync(b => b.Id == query.BookingId && b.SymposiumId == query.SymposiumId, cancellationToken))
        {
            return BookingErrors.NotFound;
        }

        return await TableLedger.ReadAsync(db, query.BookingId, found.Value.Zone, cancellationToken);
    }
}
