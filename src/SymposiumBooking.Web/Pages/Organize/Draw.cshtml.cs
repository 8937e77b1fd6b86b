using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Pages.Draw;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>
/// The draw of a symposium that opens by draw, for its organizers: the requests while they are taken, the
/// commitment, the button that runs the draw once requests have closed, and what it gave.
/// </summary>
public sealed class DrawModel(ISender sender) : SymposiumPageModel(sender)
{
    /// <summary>Null when the symposium does not open by draw, or is not published yet.</summary>
    public DrawView? Draw { get; private set; }

    public DrawSummary? Summary { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>Runs the draw now that requests have closed; it runs once, so pressing again shows the same result.</summary>
    public async Task<IActionResult> OnPostRunAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var ran = await Sender.Send(new RunDraw(id), ct);
        return ran.IsFailure ? Refused(ran.Error) : Done(StepUrl(id, "draw"), "The draw has run. Attendees are being told their results by mail.");
    }

    public string When(NodaTime.Instant instant) => DrawSummary.When(instant, Symposium.TimeZone);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var draw = await Sender.Send(new GetDraw(id), ct);
        Draw = draw.IsSuccess ? draw.Value : null;
        Summary = Draw is null ? null : DrawSummary.Of(Draw);
        return true;
    }
}
