using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>Organizers change a booking on its attendee's behalf; attendees ask for their lost links.</summary>
public static class ChangesOnBehalfApi
{
    public static RouteGroupBuilder MapChangesOnBehalf(this RouteGroupBuilder api)
    {
        var organizers = api.MapGroup("/symposia/{id:guid}/bookings/{bookingId:guid}").RequireAuthorization(Policies.Organizer).WithTags("Changes on behalf");
        organizers.MapPost("/cancel", async (
                    Guid id, Guid bookingId, bool? refund,
                    ISender sender, CancellationToken ct) =>
                (await sender.Send(new CancelBookingOnBehalf(id, bookingId, refund ?? false), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("CancelBookingOnBehalf")
            .WithSummary("Cancel a booking for its attendee, even after the cutoff. An online payment is refunded before the cutoff; after it only with ?refund=true.")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        organizers.MapPost("/reschedule", async (Guid id, Guid bookingId, MoveOnBehalfBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RescheduleBookingOnBehalf(id, bookingId, body), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("RescheduleBookingOnBehalf")
            .WithSummary("Move a booking for its attendee to any free slot of the symposium that has not started, even after the cutoff.")
            .Produces<BookingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        organizers.MapPost("/resend", async (Guid id, Guid bookingId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ResendBookingLinks(id, bookingId), ct)).ToHttp(TypedResults.NoContent))
            .WithName("ResendBookingLinks")
            .WithSummary("Mail the attendee a new manage link (the old links stop working) and the calendar invite at its current SEQUENCE.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/bookings/lost-link", async (LostLinkBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RequestLostLink(body.Email), ct)).ToHttp(answer => TypedResults.Accepted((string?)null, answer)))
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.LostLink)
            .WithTags("Bookings")
            .WithName("RequestLostLink")
            .WithSummary("Mail the links to an address's active bookings to that address. The answer is the same whether or not it has bookings.")
            .Produces<LostLinkAnswer>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }
}

public sealed record LostLinkBody(string? Email);
