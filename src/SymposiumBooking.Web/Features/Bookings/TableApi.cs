using Mediator;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>The organizers' routes at the table (docs/api.md, "At the table"): walk-ins, the table ledger, check-in.</summary>
public static class TableApi
{
    public static RouteGroupBuilder MapTable(this RouteGroupBuilder api)
    {
        var table = api.MapGroup("/symposia/{id:guid}/bookings").RequireAuthorization(Policies.Organizer).WithTags("At the table");
        table.MapPost("/", async (Guid id, WalkInBody body, HttpContext http, ISender sender, CancellationToken ct) =>
                (await sender.Send(new BookWalkIn(id, StaffReader.UserIdOf(http.User), body), ct))
                    .ToHttp(view => TypedResults.Created($"/api/v1/symposia/{id}/bookings/{view.Booking.Id}", view)))
            .WithName("BookWalkIn")
            .WithSummary("Book a free slot for a person at the table: paid at the table, now (the ledger's first entry) or later. Email and phone are optional; without an email no mail is sent.")
            .Produces<OrganizerBookingView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        table.MapGet("/{bookingId:guid}", async (Guid id, Guid bookingId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetSymposiumBooking(id, bookingId), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("GetSymposiumBooking")
            .WithSummary("One booking as organizers see it: its row, its table ledger, whether its intake was taken on paper. No health data.")
            .Produces<OrganizerBookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        table.MapPost("/{bookingId:guid}/table-payments", async (
                    Guid id, Guid bookingId, TablePaymentBody body, HttpContext http, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RecordTablePayment(id, bookingId, StaffReader.UserIdOf(http.User), body), ct))
                    .ToHttp(entry => TypedResults.Created($"/api/v1/symposia/{id}/bookings/{bookingId}/table-payments", entry)))
            .WithName("RecordTablePayment")
            .WithSummary("Record money taken at the table, or (replaces = the current entry's id) correct the ledger's current entry; amount 0 says it was recorded by mistake.")
            .Produces<TablePaymentView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        table.MapGet("/{bookingId:guid}/table-payments", async (Guid id, Guid bookingId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListTablePayments(id, bookingId), ct)).ToHttp(list => TypedResults.Ok(list)))
            .WithName("ListTablePayments")
            .WithSummary("The booking's table ledger, oldest entry first, with who recorded each; the current entry is what was collected.")
            .Produces<IReadOnlyList<TablePaymentView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        table.MapPost("/{bookingId:guid}/check-in", async (Guid id, Guid bookingId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CheckInBooking(id, bookingId), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("CheckInBooking")
            .WithSummary("The person arrived: therapists see it on their day. Checking in again answers the same.")
            .Produces<OrganizerBookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        table.MapPost("/{bookingId:guid}/check-in/undo", async (Guid id, Guid bookingId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CheckInBooking(id, bookingId, Undo: true), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("UndoCheckIn")
            .WithSummary("Take back a check-in made by mistake.")
            .Produces<OrganizerBookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
