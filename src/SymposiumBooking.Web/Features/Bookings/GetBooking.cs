using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;

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
