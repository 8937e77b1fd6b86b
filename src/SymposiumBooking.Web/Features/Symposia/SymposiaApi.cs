using Mediator;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Symposia;

public static class SymposiaApi
{
    public static RouteGroupBuilder MapSymposia(this RouteGroupBuilder api)
    {
        var symposia = api.MapGroup("/symposia").WithTags("Symposia");

        symposia.MapGet("/current", async (ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetCurrentSymposium(), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("GetCurrentSymposium")
            .WithSummary("The published symposium attendees should see.")
            .Produces<SymposiumView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var staff = symposia.MapGroup("").RequireAuthorization(Policies.Staff);
        staff.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListSymposia(), ct)))
            .WithName("ListSymposia")
            .WithSummary("Every symposium, newest year first.");
        staff.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetSymposium(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("GetSymposium")
            .WithSummary("One symposium, draft or published.")
            .Produces<SymposiumView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var organizers = symposia.MapGroup("").RequireAuthorization(Policies.Organizer);
        organizers.MapPost("/", async (SymposiumBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CreateSymposium(body), ct)).ToHttp(view => TypedResults.Created($"/api/v1/symposia/{view.Id}", view)))
            .WithName("CreateSymposium")
            .WithSummary("Create a symposium (a draft).")
            .Produces<SymposiumView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        organizers.MapPut("/{id:guid}", async (Guid id, SymposiumBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new EditSymposium(id, body), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("EditSymposium")
            .WithSummary("Change a symposium's details: name, city, venue, dates, time zone and prices.")
            .Produces<SymposiumView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        organizers.MapPut("/{id:guid}/policy", async (Guid id, PolicyBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new SetBookingPolicy(id, body), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("SetBookingPolicy")
            .WithSummary("When bookings open and close, the reduced-rate limit, holds and the cancellation cutoff.")
            .Produces<SymposiumView>()
            .ProducesValidationProblem();
        organizers.MapPost("/{id:guid}/publish", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new PublishSymposium(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("PublishSymposium")
            .WithSummary("Publish the symposium: attendees see it and may book within its policy's window.")
            .Produces<SymposiumView>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        organizers.MapPost("/{id:guid}/close-bookings", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CloseBookings(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("CloseBookings")
            .WithSummary("Close booking now, before the policy's closing time (setting the policy again reopens it).")
            .Produces<SymposiumView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        organizers.MapPost("/{id:guid}/unpublish", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new UnpublishSymposium(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("UnpublishSymposium")
            .WithSummary("Take a published symposium back to a draft: only while booking is closed and no booking holds a slot.")
            .Produces<SymposiumView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        organizers.MapPost("/{id:guid}/archive", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ArchiveSymposium(id), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("ArchiveSymposium")
            .WithSummary("Archive a symposium that has ended: read-only, listed apart.")
            .Produces<SymposiumView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        organizers.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new DeleteSymposium(id), ct)).ToHttp(() => TypedResults.NoContent()))
            .WithName("DeleteSymposium")
            .WithSummary("Delete a draft that never had a booking, with its therapists, shifts and slots.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        organizers.MapPost("/{id:guid}/copy", async (Guid id, CopyBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new CopySymposium(id, body), ct))
                    .ToHttp(view => TypedResults.Created($"/api/v1/symposia/{view.Id}", view)))
            .WithName("CopySymposium")
            .WithSummary("Copy a symposium's therapists, rates, policy and shift pattern to a new year and city.")
            .Produces<SymposiumView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        organizers.MapGet("/{id:guid}/bookings", async (Guid id, bool? toCollect, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var rows = await sender.Send(new ListSymposiumBookings(id, toCollect ?? false), ct);
                var wantsCsv = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
                return rows.ToHttp(list => wantsCsv
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(BookingCsv.Write(list)), "text/csv; charset=utf-8", $"bookings-{id}.csv")
                    : TypedResults.Ok(list));
            })
            .WithName("ListSymposiumBookings")
            .WithSummary("Every booking of the symposium; toCollect=true gives only those still owing money at the table; Accept: text/csv gives a CSV file.")
            .Produces<IReadOnlyList<BookingRow>>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        return api;
    }
}
