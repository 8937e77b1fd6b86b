using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// Opening a mailed recovery link (GET): the active bookings of the address it was made for. Reading changes nothing; the
/// links change only when one booking is opened (<see cref="OpenRecoveredBooking"/>).
/// </summary>
public sealed record ListRecoverableBookings(string? RecoveryToken) : IQuery<Result<IReadOnlyList<RecoverableBooking>>>;

internal sealed class ListRecoverableBookingsHandler(BookingDb db, IClock clock, RecoveryLinks links)
    : IQueryHandler<ListRecoverableBookings, Result<IReadOnlyList<RecoverableBooking>>>
{
    public async ValueTask<Result<IReadOnlyList<RecoverableBooking>>> Handle(ListRecoverableBookings query, CancellationToken cancellationToken)
    {
        if (links.EmailOf(query.RecoveryToken) is not { } email)
        {
            return BookingErrors.RecoveryLinkNotValid;
        }

        var bookings = await RecoverableBookings.ForAsync(db, email, clock.GetCurrentInstant(), cancellationToken);
        return bookings.Select(RecoverableBookings.View).ToList();
    }
}
