using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Shop;

namespace SymposiumBooking.Web.Pages.Organize.Shop;

/// <summary>The shop's products, also those taken off sale, each with "Take off sale" (or "Put on sale").</summary>
public sealed class ProductsModel(ISender sender) : OrganizerPageModel(sender)
{
    public IReadOnlyList<ProductView> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Products = (await Sender.Send(new ListProducts(All: true), ct)).Value;

    public Task<IActionResult> OnPostOffSaleAsync(Guid productId, CancellationToken ct) => SetOnSaleAsync(productId, onSale: false, ct);

    public Task<IActionResult> OnPostOnSaleAsync(Guid productId, CancellationToken ct) => SetOnSaleAsync(productId, onSale: true, ct);

    private async Task<IActionResult> SetOnSaleAsync(Guid productId, bool onSale, CancellationToken ct)
    {
        Products = (await Sender.Send(new ListProducts(All: true), ct)).Value;
        if (Products.FirstOrDefault(p => p.Id == productId) is not { } p)
        {
            return NotFound();
        }

        var body = new ProductBody(p.Title, p.Description, p.PriceCents, p.Currency, p.Stock, p.Ships, p.PickupAllowed, onSale);
        var edited = await Sender.Send(new EditProduct(productId, body), ct);
        return edited.IsFailure
            ? Refused(edited.Error)
            : Done("/organize/shop", onSale ? $"“{p.Title}” is on sale." : $"“{p.Title}” is taken off sale; its orders are kept.");
    }

    public static string Delivery(ProductView p) => (p.Ships, p.PickupAllowed) switch
    {
        (true, true) => "Posted or picked up",
        (true, false) => "Posted only",
        _ => "Picked up only",
    };
}
