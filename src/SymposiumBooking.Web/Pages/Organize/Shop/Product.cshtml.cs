using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Shop;

namespace SymposiumBooking.Web.Pages.Organize.Shop;

/// <summary>Adds a product (no id) or edits one, and deletes one no order names.</summary>
public sealed class ProductModel(ISender sender) : OrganizerPageModel(sender)
{
    [BindProperty]
    public ProductForm Form { get; set; } = new();

    public Guid? ProductId { get; private set; }

    /// <summary>The product as saved, when editing.</summary>
    public ProductView? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? productId, CancellationToken ct)
    {
        if (!await LoadAsync(productId, ct))
        {
            return NotFound();
        }

        Form = Saved is null ? ProductForm.New() : ProductForm.From(Saved);

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? productId, CancellationToken ct)
    {
        if (!await LoadAsync(productId, ct))
        {
            return NotFound();
        }

        var body = Form.Read(ModelState);
        if (productId is { } id)
        {
            var command = new EditProduct(id, body);
            if (Unread)
            {
                return Unreadable(command);
            }

            var edited = await Sender.Send(command, ct);
            return edited.IsFailure ? Refused(edited.Error) : Done("/organize/shop", $"“{edited.Value.Title}” is saved.");
        }

        var create = new CreateProduct(body);
        if (Unread)
        {
            return Unreadable(create);
        }

        var created = await Sender.Send(create, ct);
        return created.IsFailure ? Refused(created.Error) : Done("/organize/shop", $"“{created.Value.Title}” is added.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid productId, CancellationToken ct)
    {
        if (!await LoadAsync(productId, ct))
        {
            return NotFound();
        }

        Form = ProductForm.From(Saved!);
        var deleted = await Sender.Send(new DeleteProduct(productId), ct);
        return deleted.IsFailure ? Refused(deleted.Error) : Done("/organize/shop", $"“{Saved!.Title}” is deleted.");
    }

    private async Task<bool> LoadAsync(Guid? productId, CancellationToken ct)
    {
        ProductId = productId;
        if (productId is not { } id)
        {
            return true;
        }

        Saved = (await Sender.Send(new ListProducts(All: true), ct)).Value.FirstOrDefault(p => p.Id == id);
        return Saved is not null;
    }
}
