using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>The fair opening's routes (docs/api.md, "Fair opening"; docs/fair-opening.md): requests, and the draw.</summary>
public static class OpeningApi
{
    public static readonly CredentialHeader RequestToken = new("requestToken", DrawRequests.TokenHeader,
        "An attendee's key to their draw request: the token in POST /api/v1/symposia/{id}/requests' answer and in the request's mails.");

    public static RouteGroupBuilder MapOpening(this RouteGroupBuilder api)
    {
        api.MapPost("/symposia/{id:guid}/requests", async (Guid id, RequestBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new SubmitDrawRequest(id, body), ct)).ToHttp(view => TypedResults.Created($"/api/v1/requests/{view.Id}", view)))
            .WithTags("Fair opening")
            .RequireRateLimiting(RateLimits.Booking)
            .WithName("SubmitDrawRequest")
            .WithSummary("Send your one request for the draw, with up to maxChoices ranked choices, while requests are open. When you send it makes no difference. The answer's token is the only key to it: keep it.")
            .Produces<DrawRequestView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var requests = api.MapGroup("/requests").WithTags("Fair opening");
        requests.MapGet("/{id:guid}", async (Guid id, [FromHeader(Name = DrawRequests.TokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetDrawRequest(id, token), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("GetDrawRequest")
            .WithMetadata(RequestToken)
            .WithSummary("Your request (header X-Request-Token): its choices and, after the draw, what it gave (bookingId: the same token opens the booking).")
            .Produces<DrawRequestView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPut("/{id:guid}", async (
                    Guid id, [FromHeader(Name = DrawRequests.TokenHeader)] string? token, RequestBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ChangeDrawRequest(id, token, body), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("ChangeDrawRequest")
            .WithMetadata(RequestToken)
            .WithSummary("Change your request, all of it as sent (same email), while requests are open.")
            .Produces<DrawRequestView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapDelete("/{id:guid}", async (Guid id, [FromHeader(Name = DrawRequests.TokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new WithdrawDrawRequest(id, token), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("WithdrawDrawRequest")
            .WithMetadata(RequestToken)
            .WithSummary("Withdraw your request while requests are open; withdrawing again answers the same.")
            .Produces<DrawRequestView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/symposia/{id:guid}/draw", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetDraw(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithTags("Fair opening")
            .WithName("GetDraw")
            .WithSummary("The draw, for anyone: the seed's commitment and the request count; after the draw the seed, the free slots, the requests (pseudonymous ids, choices) and every allocation, to check with tools/verify-draw.py.")
            .Produces<DrawView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/symposia/{id:guid}/draw", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RunDraw(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithTags("Fair opening")
            .RequireAuthorization(Policies.Organizer)
            .WithName("RunDraw")
            .WithSummary("Run the draw once requests have closed (the worker also runs it then). Running it again answers the draw that was made.")
            .Produces<DrawView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }
}
