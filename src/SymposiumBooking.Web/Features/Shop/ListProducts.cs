using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>The products on sale, for anyone; <paramref name="All"/> (organizers) includes those taken off sale.</summary>
public sealed record ListProducts(bool All = false) : IQuery<IReadOnlyList<ProductView>>;

internal sealed class ListProductsHandler(BookingDb db) : IQueryHandler<ListProducts, IReadOnlyList<ProductView>>
{
    public async ValueTask<IReadOnlyList<ProductView>> Handle(ListProducts query, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking().Where(p => query.All || p.OnSale).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        return [.. products.Select(ProductView.From)];
    }
}
