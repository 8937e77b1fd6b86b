using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// An organizer deletes a product no order names (<c>DELETE /api/v1/shop/products/{id}</c>), one made by mistake. A
/// product with orders is kept for them: 409 <c>shop.product_has_orders</c> says to take it off sale instead. The row is
/// locked first, so an order placed at the same moment either commits before (and is seen) or finds no product.
/// </summary>
public sealed record DeleteProduct(Guid ProductId) : ICommand<Result>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [ProductId];
}

internal sealed class DeleteProductHandler(BookingDb db) : ICommandHandler<DeleteProduct, Result>
{
    public async ValueTask<Result> Handle(DeleteProduct command, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var product = await db.Products.FromSql($"SELECT * FROM products WHERE id = {command.ProductId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        if (product is null)
        {
            return ShopErrors.ProductNotFound;
        }

        // An order's lines are JSON ({"productId": "…", …}); containment finds any order that names the product.
        var ordered = await db.Database.SqlQuery<bool>(
                $"SELECT EXISTS (SELECT 1 FROM orders WHERE lines @> jsonb_build_array(jsonb_build_object('productId', {product.Id.ToString()}))) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (ordered)
        {
            return ShopErrors.ProductHasOrders;
        }

        db.Products.Remove(product);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Success;
    }
}
