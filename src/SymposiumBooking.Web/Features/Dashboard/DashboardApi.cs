using System.Text;
using Mediator;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Dashboard;

public static class DashboardApi
{
    /// <summary>The symposium's dashboard (docs/organizers.md, "The dashboard"): counted on each request, never cached.</summary>
    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder api)
    {
        api.MapGet("/symposia/{id:guid}/dashboard", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var dashboard = await sender.Send(new GetDashboard(id), ct);
                var wantsCsv = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
                http.Response.Headers.CacheControl = "no-store";
                return dashboard.ToHttp(view => wantsCsv
                    ? Results.File(Encoding.UTF8.GetBytes(DashboardCsv.Write(view)), "text/csv; charset=utf-8", $"dashboard-{id}.csv")
                    : TypedResults.Ok(view));
            })
            .RequireAuthorization(Policies.Organizer)
            .WithTags("Dashboard")
            .WithName("GetDashboard")
            .WithSummary("How the symposium stands now: slots, bookings, money, waitlist, bookings per day; Accept: text/csv gives a CSV file.")
            // The JSON schema only: a second 200 for text/csv would replace it in the document (the summary names the CSV).
            .Produces<DashboardView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
