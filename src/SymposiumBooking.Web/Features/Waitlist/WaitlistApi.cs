using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Waitlist;

public static class WaitlistApi
{
    public const string OfferTokenHeader = GetWaitlistOfferHandler.TokenHeader;

    public static readonly CredentialHeader OfferToken = new("offerToken", OfferTokenHeader,
        "The key to one waitlist offer: the token in the offer mail's link.");

    public static RouteGroupBuilder MapWaitlist(this RouteGroupBuilder api)
    {
        api.MapPost("/symposia/{id:guid}/waitlist", async (
                    Guid id, WaitlistBody body, [FromHeader(Name = BookingsApi.IdempotencyHeader)] string? idempotencyKey,
                    ISender sender, CancellationToken ct) =>
                (await sender.Send(new JoinWaitlist(id, body, idempotencyKey), ct))
                    .ToHttp(joined => joined.Created
                        ? TypedResults.Created((string?)null, joined.Entry)
                        : (IResult)TypedResults.Ok(joined.Entry)))
            .WithTags("Waitlist")
            .RequireRateLimiting(RateLimits.Waitlist)
            .WithName("JoinWaitlist")
            .WithSummary("Wait for a slot to free up, on a day (YYYY-MM-DD) and/or with a therapist, or any. Joining again for the same answers 200 with the entry you have.")
            .Produces<WaitlistEntryView>(StatusCodes.Status201Created)
            .Produces<WaitlistEntryView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/waitlist/offers/{entryId:guid}", async (
                    Guid entryId, [FromHeader(Name = OfferTokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetWaitlistOffer(entryId, token), ct)).ToHttp(offer => TypedResults.Ok(offer)))
            .WithTags("Waitlist")
            .WithName("GetWaitlistOffer")
            .WithMetadata(OfferToken)
            .WithSummary("The slot offered to you from the waitlist (token from the offer mail's link, header X-Offer-Token). Book it with POST /api/v1/bookings and offerToken before expiresAt.")
            .Produces<OfferView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
