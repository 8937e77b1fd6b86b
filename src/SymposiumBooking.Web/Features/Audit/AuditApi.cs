using Mediator;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Audit;

public static class AuditApi
{
    /// <summary>The staff action log (docs/organizers.md, docs/adr/0058): who changed money or data, when, and what about.</summary>
    public static RouteGroupBuilder MapStaffActions(this RouteGroupBuilder api)
    {
        api.MapGet("/staff-actions", async (Guid? targetId, Guid? symposiumId, int? limit, int? offset, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListStaffActions(targetId, limit, symposiumId, offset), ct)).ToHttp(rows => TypedResults.Ok(rows)))
            .RequireAuthorization(Policies.Organizer)
            .WithTags("Audit")
            .WithName("ListStaffActions")
            .WithSummary("Staff actions that changed money or data, newest first (limit 1–500, default 100); targetId narrows to one symposium, booking, therapist, shift or staff account; symposiumId to a symposium and its bookings, therapists and shifts; offset pages.")
            .Produces<IReadOnlyList<StaffActionView>>()
            .ProducesValidationProblem();
        return api;
    }
}
