using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class NewModel(ISender sender) : OrganizerPageModel(sender)
{
    [BindProperty]
    public SymposiumForm Form { get; set; } = new();

    public void OnGet() => Form = new SymposiumForm { Currency = "USD" };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var b = Form.Read(ModelState);
        var command = new CreateSymposium(b);
        if (Unread)
        {
            return Unreadable(command);
        }

        var created = await Sender.Send(command, ct);
        return created.IsFailure
            ? Refused(created.Error)
            : Done(SymposiumPageModel.StepUrl(created.Value.Id, "policy"), $"Symposium {b.Year} in {created.Value.City} created as a draft. Next, set its booking policy.");
    }
}
