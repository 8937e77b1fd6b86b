using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Features.Therapists;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class PublishModel(ISender sender) : SymposiumPageModel(sender)
{
    public int TherapistCount { get; private set; }

    public int ShiftCount { get; private set; }

    public int SlotCount { get; private set; }

    public bool IsPublished => Symposium.Status == "published";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var published = await Sender.Send(new PublishSymposium(id), ct);
        return published.IsFailure
            ? Refused(published.Error)
            : Done(StepUrl(id, "publish"), $"{SymposiumName} is published: attendees see it once booking opens.");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var therapists = await Sender.Send(new ListTherapists(id), ct);
        TherapistCount = therapists.IsSuccess ? therapists.Value.Count : 0;
        var shifts = await Sender.Send(new ListShifts(id, null, null), ct);
        ShiftCount = shifts.IsSuccess ? shifts.Value.Count : 0;
        SlotCount = shifts.IsSuccess ? shifts.Value.Sum(s => s.Slots.Count) : 0;
        return true;
    }
}
