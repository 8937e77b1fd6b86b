using Mediator;
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

        return api;
    }
}
