using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// An organizer changes a product (<c>PUT /api/v1/shop/products/{id}</c>), or takes it off sale. The stock given is the
/// copies free to order from now on; the product's row is locked while it is written, so an order taking copies at
/// the same moment waits and then takes them from the new stock rather than being overwritten (docs/adr/0170).
/// Orders already placed keep the title and price they were placed with.
/// </summary>
public sealed record EditProduct(Guid ProductId, ProductBody Body) : ICommand<Result<ProductView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [ProductId];
}

public sealed class EditProductValidator : AbstractValidator<EditProduct>
{
    public EditProductValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new ProductBodyValidator());
}

internal sealed class EditProductHandler(BookingDb db, IClock clock) : ICommandHandler<EditProduct, Result<ProductView>>
{
    public async ValueTask<Result<ProductView>> Handle(EditProduct command, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var product = await db.Products.FromSql($"SELECT * FROM products WHERE id = {command.ProductId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        if (product is null)
        {
            return ShopErrors.ProductNotFound;
        }

        var updated = product.Update(command.Body.ToDetails(), clock.GetCurrentInstant());
        if (updated.IsFailure)
        {
            return updated.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ProductView.From(product);
    }
}
