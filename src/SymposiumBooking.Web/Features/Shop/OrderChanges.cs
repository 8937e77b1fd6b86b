using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// How an organizer's action changes one order (docs/shop.md): in one transaction, with the order's row locked
/// (<c>SELECT … FOR UPDATE</c>), so a webhook, a sweep or a second organizer pressing the same button waits and then
/// sees the order as it is. The rule is the order's own method; <paramref name="change"/> calls it and adds what follows
/// (the mail, the copies back) only when the order really moved, so a repeat press answers the same and writes nothing.
/// </summary>
public static class OrderChanges
{
    public static async Task<Result<OrderView>> ChangeLockedAsync(
        this BookingDb db, Guid orderId, Func<Order, Task<Result>> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.FromSql($"SELECT * FROM orders WHERE id = {orderId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (order is null)
        {
            return ShopErrors.OrderNotFound;
        }

        var changed = await change(order);
        if (changed.IsFailure)
        {
            return changed.Error; // rolled back with the transaction: nothing written
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrderView.From(order);
    }
}
