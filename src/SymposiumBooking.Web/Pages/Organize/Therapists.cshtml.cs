using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Therapists;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class TherapistsModel(ISender sender) : SymposiumPageModel(sender)
{
    public IReadOnlyList<TherapistView> Therapists { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The therapist whose removal waits for a confirmation (<c>?remove=</c>).</summary>
    public TherapistView? ToRemove { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? remove, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ToRemove = Therapists.FirstOrDefault(t => t.Id == remove);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var added = await Sender.Send(new AddTherapist(id, Name ?? "", Email ?? ""), ct);
        return added.IsFailure
            ? Refused(added.Error)
            : Done(StepUrl(id, "therapists"), $"{added.Value.Name} added — invitation queued to {added.Value.Email}.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid therapistId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var name = Therapists.FirstOrDefault(t => t.Id == therapistId)?.Name ?? "The therapist";
        var removed = await Sender.Send(new RemoveTherapist(id, therapistId), ct);
        return removed.IsFailure ? Refused(removed.Error) : Done(StepUrl(id, "therapists"), $"{name} removed, with their shifts.");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var list = await Sender.Send(new ListTherapists(id), ct);
        Therapists = list.IsSuccess ? list.Value : [];
        return true;
    }
}
