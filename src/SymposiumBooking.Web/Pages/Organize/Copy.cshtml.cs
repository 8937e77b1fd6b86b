using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class CopyModel(ISender sender) : SymposiumPageModel(sender)
{
    [BindProperty]
    public PlaceForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        Form = new PlaceForm { TimeZone = Symposium.TimeZone };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        var command = new CopySymposium(id, Form.ReadPlace(ModelState));
        if (Unread)
        {
            return Unreadable(command);
        }

        var copied = await Sender.Send(command, ct);
        if (copied.IsFailure)
        {
            return Refused(copied.Error);
        }

        var copy = copied.Value;
        return Done(StepUrl(copy.Id),
            $"Copied {SymposiumName} to {copy.Year} in {copy.City}: therapists, rates, policy and shifts came along. Check each step, then publish.");
    }
}
