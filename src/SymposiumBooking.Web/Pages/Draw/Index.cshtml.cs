using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Draw;

/// <summary>
/// The current symposium's draw for anyone (docs/fair-opening.md): the commitment from the start; after the draw the
/// seed, the figures and the published data, and how to check them.
/// </summary>
public sealed class DrawIndexModel(ISender sender) : PageModel
{
    public SymposiumView? Symposium { get; private set; }

    public DrawView? Draw { get; private set; }

    public DrawSummary? Summary { get; private set; }

    public string DataUrl => $"/api/v1/symposia/{Symposium!.Id}/draw";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = await sender.Send(new GetCurrentSymposium(), ct);
        if (current.IsFailure)
        {
            return;
        }

        Symposium = current.Value;
        var draw = await sender.Send(new GetDraw(Symposium.Id), ct);
        if (draw.IsSuccess)
        {
            Draw = draw.Value;
            Summary = DrawSummary.Of(draw.Value);
        }
    }

    public string When(NodaTime.Instant instant) => DrawSummary.When(instant, Symposium!.TimeZone);
}
