using FluentValidation;
using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>An organizer adds a product to the shop (<c>POST /api/v1/shop/products</c>).</summary>
public sealed record CreateProduct(ProductBody Body) : ICommand<Result<ProductView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => []; // the product, once made (StaffAction.AddTarget)
}

public sealed class CreateProductValidator : AbstractValidator<CreateProduct>
{
    public CreateProductValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new ProductBodyValidator());
}

internal sealed class CreateProductHandler(BookingDb db, IClock clock) : ICommandHandler<CreateProduct, Result<ProductView>>
{
    public async ValueTask<Result<ProductView>> Handle(CreateProduct command, CancellationToken cancellationToken)
    {
        var created = Product.Create(command.Body.ToDetails(), clock.GetCurrentInstant());
        if (created.IsFailure)
        {
            return created.Error;
        }

        db.Products.Add(created.Value);
        db.PendingStaffAction?.Row.AddTarget(created.Value.Id);
        await db.SaveChangesAsync(cancellationToken);
        return ProductView.From(created.Value);
    }
}
