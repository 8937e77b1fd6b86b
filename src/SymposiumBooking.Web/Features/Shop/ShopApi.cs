using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>The shop's routes (docs/api.md, "Shop"; docs/shop.md): products, and orders.</summary>
public static class ShopApi
{
    public static readonly CredentialHeader OrderToken = new("orderToken", Orders.TokenHeader,
        "A buyer's key to their order: the token in POST /api/v1/shop/orders' answer and in the order's mails.");

    public static RouteGroupBuilder MapShop(this RouteGroupBuilder api)
    {
        var shop = api.MapGroup("/shop").WithTags("Shop");
        shop.MapGet("/products", async (string? currency, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListProducts(Currency: currency), ct)).ToHttp(products => TypedResults.Ok(products)))
            .WithName("ListProducts")
            .WithSummary("The products on sale (the guidebook), with their price in minor units, stock and how they can be delivered; ?currency=USD keeps those priced in it (an order is in one currency).")
            .Produces<IReadOnlyList<ProductView>>()
            .ProducesValidationProblem();
        shop.MapPost("/orders", async (OrderBody body, [FromHeader(Name = BookingsApi.IdempotencyHeader)] string? idempotencyKey, ISender sender, CancellationToken ct) =>
                (await sender.Send(new PlaceOrder(body, idempotencyKey), ct)).ToHttp(view => TypedResults.Created($"/api/v1/shop/orders/{view.Id}", view)))
            .RequireRateLimiting(RateLimits.Booking)
            .WithName("PlaceOrder")
            .WithSummary("Order: shipped (paid online; Checkout collects the address and shipping) or picked up at this year's symposium table (online, or reserved and paid there). The answer's token is the only key to the order: keep it. Send an Idempotency-Key to retry safely.")
            .Produces<OrderView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        shop.MapGet("/orders/{id:guid}", async (Guid id, [FromHeader(Name = Orders.TokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetOrder(id, token), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("GetOrder")
            .WithMetadata(OrderToken)
            .WithSummary("Your order (header X-Order-Token): what it is, and whether it is paid, shipped (with tracking) or picked up.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        shop.MapPost("/orders/{id:guid}/refund", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RefundOrder(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .RequireAuthorization(Policies.Organizer)
            .WithName("RefundOrder")
            .WithSummary("Organizers: give an order's money back in full, once (Stripe for online payments); copies not yet handed over go back on sale. Asking again answers the refunded order.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }
}
