using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// The attendee cancels; the slot is free again at once (its <see cref="SlotFreed"/> offers it to the waitlist). The
/// booking's row is locked first (docs/adr/0051), so a payment confirmed at the same moment is either seen here and
/// refunded, or arrives after the cancel and is refunded by the webhook: never Cancelled-but-paid.
/// </summary>
public sealed record CancelBooking(Guid Id, string? Token) : ICommand<Result<BookingView>>;

internal sealed class CancelBookingHandler(BookingDb db, IClock clock, BookingChanges changes)
    : ICommandHandler<CancelBooking, Result<BookingView>>
{
    public async ValueTask<Result<BookingView>> Handle(CancelBooking command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!string.IsNullOrEmpty(command.Token))
        {
            // Waits for a webhook, refund or move of this booking that is under way, then reads what it left.
            var hash = SecretToken.Hash(command.Token);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM bookings WHERE id = {command.Id} AND token_hash = {hash} FOR UPDATE", cancellationToken);
        }

        var found = await db.FindWithTokenAsync(command.Id, command.Token, cancellationToken);
        return found.IsFailure
            ? found.Error
            : await changes.CancelAsync(tx, found.Value, BookingChanger.Attendee(command.Token!), now, cancellationToken);
    }
}
