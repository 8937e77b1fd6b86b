using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Slots;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Bookings;

public static class BookingsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The attendee's key to their booking: the token in the booking's answer and in its mails.</summary>
    public static readonly CredentialHeader BookingToken = new("bookingToken", BookingAccess.TokenHeader,
        "An attendee's key to one booking: the token in POST /api/v1/bookings' answer and in the booking's mails.");

    public static RouteGroupBuilder MapBookings(this RouteGroupBuilder api)
    {
        api.MapGet("/symposia/{id:guid}/slots", async (
                    Guid id, string? date, Guid? therapistId, bool? available, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListSlots(id, date, therapistId, available ?? false, IncludeDrafts: IsStaff(user)), ct))
                    .ToHttp(list => TypedResults.Ok(list)))
            .WithTags("Availability")
            .WithName("ListSlots")
            .WithSummary("The symposium's time slots in order, for a day (YYYY-MM-DD) and/or therapist; available=true gives only bookable ones.")
            .Produces<IReadOnlyList<SlotView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var bookings = api.MapGroup("/bookings").WithTags("Bookings");
        bookings.MapPost("/", async (
                    BookingBody body, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, HttpContext http, KeepPlaceInLine places, ISender sender,
                    CancellationToken ct) =>
                {
                    var booked = await sender.Send(new BookSlot(body, idempotencyKey), ct);
                    places.Answer(http, booked.Error); // a refusal of a taken slot keeps the attendee's place (docs/adr/0039)
                    return booked.ToHttp(view => TypedResults.Created($"/api/v1/bookings/{view.Id}", view));
                })
            .RequireRateLimiting(RateLimits.Booking)
            .WithName("BookSlot")
            .WithSummary("Book a slot. The answer's token is the only key to the booking: keep it. Send an Idempotency-Key to retry safely. A 409 for a taken slot carries a Place-In-Line header: send it with the next try to keep your place in line.")
            .Produces<BookingView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapGet("/{id:guid}", async (
                    Guid id, [FromHeader(Name = BookingAccess.TokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetBooking(id, token), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("GetBooking")
            .WithMetadata(BookingToken)
            .WithSummary("The booking, for whoever holds its token (header X-Booking-Token).")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        bookings.MapPost("/{id:guid}/cancel", async (
                    Guid id, [FromHeader(Name = BookingAccess.TokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CancelBooking(id, token), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("CancelBooking")
            .WithMetadata(BookingToken)
            .WithSummary("Cancel the booking (until the policy's cutoff); cancelling again answers the same.")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapPost("/{id:guid}/checkout", async (
                    Guid id, [FromHeader(Name = BookingAccess.TokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new StartCheckout(id, token), ct)).ToHttp(url => TypedResults.Ok(new CheckoutLink(url))))
            .WithName("StartCheckout")
            .WithMetadata(BookingToken)
            .WithSummary("The Stripe Checkout page of an online booking still held for payment: made now when it has none (a slot the draw gave), the same one after that.")
            .Produces<CheckoutLink>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        bookings.MapPost("/{id:guid}/reschedule", async (
                    Guid id, [FromHeader(Name = BookingAccess.TokenHeader)] string? token, RescheduleBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RescheduleBooking(id, token, body), ct)).ToHttp(view => TypedResults.Ok(view)))
            .RequireRateLimiting(RateLimits.Booking)
            .WithName("RescheduleBooking")
            .WithMetadata(BookingToken)
            .WithSummary("Move the booking to another slot of the same symposium: all or nothing.")
            .Produces<BookingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapGet("/{id:guid}/intake", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetIntake(id, StaffReader.From(http)), ct)).ToHttp(view => TypedResults.Ok(view)))
            .RequireAuthorization(Policies.Staff)
            .WithName("GetBookingIntake")
            .WithSummary("The booking's health intake: organizers, and the therapist the booking is with. Each read is audited.")
            .Produces<IntakeView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Therapist);
}
