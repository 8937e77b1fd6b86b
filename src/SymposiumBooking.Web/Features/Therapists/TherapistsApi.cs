using Mediator;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Therapists;

public static class TherapistsApi
{
    public static RouteGroupBuilder MapTherapistsAndShifts(this RouteGroupBuilder api)
    {
        var symposium = api.MapGroup("/symposia/{id:guid}").WithTags("Therapists and shifts").RequireAuthorization(Policies.Organizer);

        symposium.MapPost("/therapists", async (Guid id, TherapistBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new AddTherapist(id, body.Name, body.Email), ct))
                    .ToHttp(t => TypedResults.Created($"/api/v1/symposia/{id}/therapists/{t.Id}", t)))
            .WithName("AddTherapist")
            .WithSummary("Add a therapist: creates their sign-in and sends an invitation to set a password.")
            .Produces<TherapistView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        symposium.MapGet("/therapists", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListTherapists(id), ct)).ToHttp(list => TypedResults.Ok(list)))
            .WithName("ListTherapists")
            .WithSummary("The symposium's therapists.")
            .Produces<IReadOnlyList<TherapistView>>();
        symposium.MapDelete("/therapists/{therapistId:guid}", async (Guid id, Guid therapistId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RemoveTherapist(id, therapistId), ct)).ToHttp(TypedResults.NoContent))
            .WithName("RemoveTherapist")
            .WithSummary("Remove a therapist who has never been booked (a cancelled booking counts).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var shifts = symposium.MapGroup("/therapists/{therapistId:guid}/shifts");
        shifts.MapPost("/", async (Guid id, Guid therapistId, ShiftBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new AddShift(id, therapistId, body), ct))
                    .ToHttp(s => TypedResults.Created($"/api/v1/symposia/{id}/shifts?therapistId={therapistId}", s)))
            .WithName("AddShift")
            .WithSummary("Add a shift in the venue's local time; its slots are generated at once.")
            .Produces<ShiftView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        shifts.MapPost("/preview", async (Guid id, Guid therapistId, ShiftBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new PreviewShift(id, therapistId, body), ct)).ToHttp(p => TypedResults.Ok(p)))
            .WithName("PreviewShift")
            .WithSummary("The slots a shift would yield; nothing is saved.")
            .Produces<ShiftPreview>()
            .ProducesValidationProblem();
        shifts.MapPut("/{shiftId:guid}", async (Guid id, Guid therapistId, Guid shiftId, ShiftBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ChangeShift(id, therapistId, shiftId, body), ct)).ToHttp(s => TypedResults.Ok(s)))
            .WithName("ChangeShift")
            .WithSummary("Change a shift with no bookings; its slots are generated again.")
            .Produces<ShiftView>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        shifts.MapDelete("/{shiftId:guid}", async (Guid id, Guid therapistId, Guid shiftId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RemoveShift(id, therapistId, shiftId), ct)).ToHttp(TypedResults.NoContent))
            .WithName("RemoveShift")
            .WithSummary("Remove a shift with no bookings, and its slots.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict);

        symposium.MapGet("/shifts", async (Guid id, Guid? therapistId, string? date, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListShifts(id, therapistId, date), ct)).ToHttp(list => TypedResults.Ok(list)))
            .WithName("ListShifts")
            .WithSummary("The symposium's shifts with their slots, by date and time.")
            .Produces<IReadOnlyList<ShiftView>>();

        return api;
    }
}
