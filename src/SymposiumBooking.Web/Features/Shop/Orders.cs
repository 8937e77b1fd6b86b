using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>What the shop's use cases share: the order link, this year's symposium, and the stock statements.</summary>
public static class Orders
{
    public const string TokenHeader = "X-Order-Token";

    /// <summary>The data-protection purpose of an order link's token kept for the mails.</summary>
    public const string LinkPurpose = "SymposiumBooking.Shop.OrderLink.v1";

    /// <summary>The order, tracked, when <paramref name="token"/> is its token; a wrong token answers like a missing order.</summary>
    public static async Task<Result<Order>> FindWithTokenAsync(this BookingDb db, Guid id, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return ShopErrors.OrderNotFound;
        }

        var hash = SecretToken.Hash(token);
        var found = await db.Orders.FirstOrDefaultAsync(o => o.Id == id && o.TokenHash == hash, ct);
        return found is null ? ShopErrors.OrderNotFound : found;
    }

    /// <summary>
    /// This year's symposium: the earliest published one that has not ended in its own zone. Orders count toward it,
    /// and a pickup is collected at its table; null when none is coming.
    /// </summary>
    public static async Task<Symposium?> ThisYearsAsync(BookingDb db, Instant now, CancellationToken ct)
    {
        var published = await db.Symposia.AsNoTracking().Where(s => s.Status == SymposiumStatus.Published).OrderBy(s => s.StartDate).ToListAsync(ct);
        return published.FirstOrDefault(s => s.EndDate >= now.InZone(s.Zone).Date);
    }

    /// <summary>
    /// Takes the order's copies off the stock, one conditional UPDATE per product: false when one product has too few
    /// left (the caller rolls back and answers 409 <c>shop.sold_out</c>). Run inside the order's transaction.
    /// </summary>
    public static async Task<bool> TakeCopiesAsync(BookingDb db, Order order, Instant now, CancellationToken ct)
    {
        foreach (var line in order.Lines.OrderBy(l => l.ProductId)) // one lock order for every buyer
        {
            var taken = await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE products SET stock = stock - {line.Quantity}, updated_at = {now} WHERE id = {line.ProductId} AND stock >= {line.Quantity}", ct);
            if (taken == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What follows a refund, whoever made it: copies never handed over go back on sale, and the buyer is mailed.</summary>
    public static async Task RefundedAsync(BookingDb db, Order order, OrderRefund refund, Instant now, CancellationToken ct)
    {
        if (refund == OrderRefund.CopiesBackOnSale)
        {
            await ReturnCopiesAsync(db, order, now, ct);
        }

        db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderRefunded, order.Id, now));
    }

    /// <summary>Puts the order's copies back on sale (it expired, was cancelled, or was refunded before it was handed over).</summary>
    public static async Task ReturnCopiesAsync(BookingDb db, Order order, Instant now, CancellationToken ct)
    {
        foreach (var line in order.Lines.OrderBy(l => l.ProductId))
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE products SET stock = stock + {line.Quantity}, updated_at = {now} WHERE id = {line.ProductId}", ct);
        }
    }
}
