using Mediator;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Mail;

public static class MailApi
{
    /// <summary>Mail that did not go out, and sending it again (docs/operations.md, "Mail"): organizers only.</summary>
    public static RouteGroupBuilder MapMail(this RouteGroupBuilder api)
    {
        var mail = api.MapGroup("/mail").WithTags("Mail").RequireAuthorization(Policies.Organizer);
        mail.MapGet("/undelivered", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListUndeliveredMail(), ct)))
            .WithName("ListUndeliveredMail")
            .WithSummary("Mails held (delivery unknown, waiting for an organizer) or failed (retried by themselves), held first, oldest first; at most 500.")
            .Produces<IReadOnlyList<UndeliveredMailView>>();
        mail.MapPost("/{id:guid}/send-again", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new SendMailAgain(id), ct)).ToHttp(m => TypedResults.Ok(m)))
            .WithName("SendMailAgain")
            .WithSummary("Send a held or failed mail again at the next round, with the same Message-Id (for a held mail: the organizer decided it was not delivered).")
            .Produces<UndeliveredMailView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
