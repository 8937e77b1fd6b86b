using System.Security.Claims;
using System.Text;
using Mediator;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>The organizers' shop routes (docs/api.md, "Shop"; docs/organizers.md, "The shop"): products and orders.</summary>
public static class ShopOrganizerApi
{
    public static RouteGroupBuilder MapShopOrganizers(this RouteGroupBuilder api)
    {
        var shop = api.MapGroup("/shop").WithTags("Shop").RequireAuthorization(Policies.Organizer);

        shop.MapGet("/products/all", async (ISender sender, CancellationToken ct) => TypedResults.Ok((await sender.Send(new ListProducts(All: true), ct)).Value))
            .WithName("ListAllProducts")
            .WithSummary("Every product, also those taken off sale (organizers).")
            .Produces<IReadOnlyList<ProductView>>();
        shop.MapPost("/products", async (ProductBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CreateProduct(body), ct)).ToHttp(view => TypedResults.Created($"/api/v1/shop/products/{view.Id}", view)))
            .WithName("CreateProduct")
            .WithSummary("Add a product: title, description, price in minor units and currency, copies free to order, shipped and/or picked up, on sale.")
            .Produces<ProductView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        shop.MapPut("/products/{id:guid}", async (Guid id, ProductBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new EditProduct(id, body), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("EditProduct")
            .WithSummary("Change a product, or take it off sale (onSale false). The stock is the copies free to order from now on; orders keep the title and price they were placed with.")
            .Produces<ProductView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        shop.MapDelete("/products/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new DeleteProduct(id), ct)).ToHttp(() => TypedResults.NoContent()))
            .WithName("DeleteProduct")
            .WithSummary("Delete a product no order names; one with orders answers 409 shop.product_has_orders: take it off sale instead.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        shop.MapGet("/orders", async (string? filter, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListOrders(filter), ct)).ToHttp(list => TypedResults.Ok(list)))
            .WithName("ListOrders")
            .WithSummary("The orders, newest first: filter=toShip (paid, posted, not shipped), shipped, toPickUp (reserved or paid, not collected), pickedUp, refunded or all (the default).")
            .Produces<IReadOnlyList<OrderView>>()
            .ProducesValidationProblem();
        shop.MapGet("/orders/labels.csv", async (HttpContext http, ISender sender, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return (await sender.Send(new ListOrders(OrderFilter.ToShip.Name), ct)).ToHttp(list =>
                    Results.File(Encoding.UTF8.GetBytes(ShippingLabelsCsv.Write(list)), "text/csv; charset=utf-8", "shipping-labels.csv"));
            })
            .WithName("ExportShippingLabels")
            .WithSummary("The orders to ship as CSV for labels: name, address lines, city, state, postal code, country, items, order id.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        var order = shop.MapGroup("/orders/{id:guid}");
        order.MapPost("/shipped", async (Guid id, ShippedBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new MarkOrderShipped(id, body), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("MarkOrderShipped")
            .WithSummary("A paid posted order was shipped: the buyer is mailed the carrier and tracking number. The same again changes nothing.")
            .Produces<OrderView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        order.MapPost("/picked-up", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new MarkOrderPickedUp(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("MarkOrderPickedUp")
            .WithSummary("A paid pickup was collected at the table; an unpaid one answers 409 shop.not_paid.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        order.MapPost("/paid", async (Guid id, OrderPaidBody body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RecordOrderPaid(id, StaffReader.UserIdOf(user), body), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("RecordOrderPaid")
            .WithSummary("A reservation was paid at the table (method cash, card or other): the buyer is mailed the receipt. Pressing twice answers the same.")
            .Produces<OrderView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        order.MapPost("/cancel", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CancelOrder(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("CancelOrder")
            .WithSummary("Cancel an unpaid reservation the buyer will not collect: its copies go back on sale.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
