using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// Online orders still unpaid when their hold (and so their Checkout Session) ran out expire and put their copies
/// back on sale (sent by <see cref="HousekeepingWorker"/>), in case Stripe's <c>checkout.session.expired</c> is late or
/// lost. Rows are picked with <c>FOR UPDATE SKIP LOCKED</c>, so several servers may sweep at once; a payment that still
/// arrives is a late payment (<see cref="OrderPaymentEvents"/>). Answers how many orders expired.
/// </summary>
public sealed record ExpireLapsedOrders : ICommand<int>;

internal sealed class ExpireLapsedOrdersHandler(BookingDb db, IClock clock) : ICommandHandler<ExpireLapsedOrders, int>
{
    public async ValueTask<int> Handle(ExpireLapsedOrders command, CancellationToken cancellationToken)
    {
        const string awaiting = nameof(OrderStatus.AwaitingPayment);
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var lapsed = await db.Orders
            .FromSql($"SELECT * FROM orders WHERE status = {awaiting} AND hold_expires_at <= {now} ORDER BY hold_expires_at, id FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var order in lapsed.Where(o => o.Expire(now)))
        {
            await Orders.ReturnCopiesAsync(db, order, now, cancellationToken);
            expired++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return expired;
    }
}
