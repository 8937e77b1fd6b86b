using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class DetailsModel(ISender sender) : SymposiumPageModel(sender)
{
    [BindProperty]
    public SymposiumForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        Form = SymposiumForm.From(Symposium);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        var command = new EditSymposium(id, Form.Read(ModelState));
        if (Unread)
        {
            return Unreadable(command);
        }

        var edited = await Sender.Send(command, ct);
        return edited.IsFailure ? Refused(edited.Error) : Done(StepUrl(id, "policy"), "Details saved.");
    }
}
