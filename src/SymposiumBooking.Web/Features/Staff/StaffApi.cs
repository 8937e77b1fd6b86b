using System.Security.Claims;
using Mediator;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Staff;

public static class StaffApi
{
    /// <summary>Staff accounts (docs/organizers.md "Staff accounts"): organizers only.</summary>
    public static RouteGroupBuilder MapStaff(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/staff").WithTags("Staff accounts").RequireAuthorization(Policies.Organizer);

        staff.MapGet("/", async (ISender sender, CancellationToken ct) =>
                (await sender.Send(new ListStaffAccounts(), ct)).ToHttp(list => TypedResults.Ok(list)))
            .WithName("ListStaffAccounts")
            .WithSummary("Every organizer and therapist account: name, email, roles, and whether it is invited, active or removed.")
            .Produces<IReadOnlyList<StaffAccountView>>();
        staff.MapPost("/organizers", async (OrganizerBody body, ISender sender, CancellationToken ct) =>
                (await sender.Send(new InviteOrganizer(body.Name, body.Email), ct))
                    .ToHttp(a => TypedResults.Created($"/api/v1/staff/{a.Id}", a)))
            .WithName("InviteOrganizer")
            .WithSummary("Invite an organizer: creates (or restores) their sign-in with the organizer role and mails a link to choose a password.")
            .Produces<StaffAccountView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{userId:guid}/resend-invitation", async (Guid userId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ResendInvitation(userId), ct)).ToHttp(a => TypedResults.Ok(a)))
            .WithName("ResendInvitation")
            .WithSummary("Mail an organizer's or therapist's invitation again with a new link; links sent before stop working.")
            .Produces<StaffAccountView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapDelete("/{userId:guid}", async (Guid userId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RemoveStaffAccount(userId, StaffId(user)), ct)).ToHttp(TypedResults.NoContent))
            .WithName("RemoveStaffAccount")
            .WithSummary("Remove a staff account (not your own, never the last organizer): it cannot sign in and its sessions end; its past actions stay attributed.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>The signed-in staff member's account id (routes behind the staff policies always have one).</summary>
    public static Guid StaffId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
}
