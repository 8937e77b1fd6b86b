using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// The products on sale, for anyone; <paramref name="All"/> (organizers) includes those taken off sale. With
/// <paramref name="Currency"/>, only the products priced in it (an order is in one currency).
/// </summary>
public sealed record ListProducts(bool All = false, string? Currency = null) : IQuery<Result<IReadOnlyList<ProductView>>>;

public sealed class ListProductsValidator : AbstractValidator<ListProducts>
{
    public ListProductsValidator() =>
        RuleFor(x => x.Currency).Must(c => c is null || (c.Length == 3 && c.All(char.IsAsciiLetter)))
            .WithMessage("The currency is a three-letter ISO code such as USD.");
}

internal sealed class ListProductsHandler(BookingDb db) : IQueryHandler<ListProducts, Result<IReadOnlyList<ProductView>>>
{
    public async ValueTask<Result<IReadOnlyList<ProductView>>> Handle(ListProducts query, CancellationToken cancellationToken)
    {
        var currency = query.Currency?.ToUpperInvariant();
        var products = await db.Products.AsNoTracking()
            .Where(p => (query.All || p.OnSale) && (currency == null || p.Currency == currency))
            .OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        return products.Select(ProductView.From).ToList();
    }
}
