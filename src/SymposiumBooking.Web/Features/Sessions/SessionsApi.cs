using Mediator;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Sessions;

public static class SessionsApi
{
    /// <summary>The therapists' day (docs/therapists.md): their schedule, a session with its intake, and marking it.</summary>
    public static RouteGroupBuilder MapSessions(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Therapists").RequireAuthorization(Policies.Staff);
        me.MapGet("/schedule", async (string? date, HttpContext http, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetMySchedule(StaffReader.From(http), date, IntakeSurface.ScheduleApi), ct)).ToHttp(day => TypedResults.Ok(day)))
            .WithName("GetMySchedule")
            .WithSummary("The signed-in therapist's sessions on a day (YYYY-MM-DD; default today in the symposium's zone), in order, with intake flags, breaks and gaps.")
            .Produces<TherapistDay>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapGet("/sessions/{bookingId:guid}", async (Guid bookingId, HttpContext http, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetSession(StaffReader.From(http), bookingId, IntakeSurface.SessionApi), ct)).ToHttp(s => TypedResults.Ok(s)))
            .WithName("GetMySession")
            .WithSummary("One session with the full intake: the booking's therapist and organizers only. Each read is audited.")
            .Produces<SessionDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/sessions/{bookingId:guid}/complete", (Guid bookingId, HttpContext http, ISender sender, CancellationToken ct) =>
                RecordAsync(bookingId, SessionOutcome.Completed, http, sender, ct))
            .WithName("CompleteSession")
            .WithSummary("Mark the session completed, once it has started. Repeating it answers the same.")
            .Produces<SessionOutcomeView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapPost("/sessions/{bookingId:guid}/no-show", (Guid bookingId, HttpContext http, ISender sender, CancellationToken ct) =>
                RecordAsync(bookingId, SessionOutcome.NoShow, http, sender, ct))
            .WithName("NoShowSession")
            .WithSummary("Mark that the client did not come, once the session has started. Repeating it answers the same.")
            .Produces<SessionOutcomeView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/symposia/{id:guid}/therapists/{therapistId:guid}/schedule", async (
                    Guid id, Guid therapistId, string? date, HttpContext http, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetTherapistSchedule(StaffReader.From(http), therapistId, id, date, IntakeSurface.ScheduleApi), ct))
                    .ToHttp(day => TypedResults.Ok(day)))
            .RequireAuthorization(Policies.Organizer)
            .WithTags("Therapists")
            .WithName("GetTherapistSchedule")
            .WithSummary("Any therapist's day, for organizers: the same answer the therapist gets from /me/schedule.")
            .Produces<TherapistDay>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/bookings/{id:guid}/intake-reads", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListIntakeReads(id), ct)).ToHttp(reads => TypedResults.Ok(reads)))
            .RequireAuthorization(Policies.Organizer)
            .WithTags("Bookings")
            .WithName("ListIntakeReads")
            .WithSummary("The intake audit log of one booking, newest first: who read it, when, from where and on which surface.")
            .Produces<IReadOnlyList<IntakeReadView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> RecordAsync(Guid bookingId, SessionOutcome outcome, HttpContext http, ISender sender, CancellationToken ct) =>
        (await sender.Send(new RecordSessionOutcome(StaffReader.From(http), bookingId, outcome), ct)).ToHttp(view => TypedResults.Ok(view));
}
