using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>The attendee looks at their booking with its token.</summary>
public sealed record GetBooking(Guid Id, string? Token) : IQuery<Result<BookingView>>;

internal sealed class GetBookingHandler(BookingDb db, IClock clock) : IQueryHandler<GetBooking, Result<BookingView>>
{
    public async ValueTask<Result<BookingView>> Handle(GetBooking query, CancellationToken cancellationToken)
    {
        var found = await db.FindWithTokenAsync(query.Id, query.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var checkoutUrl = found.Value.Booking.Status == BookingStatus.AwaitingPayment
            ? await db.OnlinePayments.Where(p => p.BookingId == query.Id).Select(p => p.CheckoutUrl).FirstOrDefaultAsync(cancellationToken)
            : null;
        return BookingView.From(found.Value, clock.GetCurrentInstant(), checkoutUrl: checkoutUrl);
    }
}
