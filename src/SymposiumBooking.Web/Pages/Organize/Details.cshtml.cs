using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class DetailsModel(ISender sender) : EditionPageModel(sender)
{
    [BindProperty]
    public EditionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadEditionAsync(id, ct))
        {
            return NotFound();
        }

        Form = EditionForm.From(Edition);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadEditionAsync(id, ct))
        {
            return NotFound();
        }

        Errors = new FormErrors(EditionForm.Inputs);
        var command = new EditSymposium(id, Form.Read(Errors));
        if (Errors.Any)
        {
            return Unreadable(command);
        }

        var edited = await Sender.Send(command, ct);
        return edited.IsFailure ? Refused(edited.Error) : Done(StepUrl(id, "policy"), "Details saved.");
    }
}
