using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>
/// What every organizer page shares: the mediator, the form's errors and the notice after a redirect. The folder is
/// for organizers only (Composition/ServiceSetup: <c>AuthorizeFolder("/Organize", Policies.Organizer)</c>).
/// </summary>
[FormsReadByHand]
public abstract class OrganizerPageModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    /// <summary>Shows the refusal on the page, with the status code the API would answer.</summary>
    protected PageResult Refused(Error error) => FormErrors.Refused(this, error);

    /// <summary>Whether reading the form found a problem (<see cref="FormErrors.AddFormProblem"/>); then nothing is sent.</summary>
    protected bool Unread => ModelState.ErrorCount > 0;

    /// <summary>Shows what could not be read, with what the request's validators say about the rest.</summary>
    protected PageResult Unreadable<T>(T request) => FormErrors.Unreadable(this, request);

    /// <summary>Post/redirect/get: the next page shows the notice once.</summary>
    protected RedirectResult Done(string url, string notice)
    {
        TempData["Notice"] = notice;
        return Redirect(url);
    }
}

/// <summary>A page about one symposium: it loads the symposium first and answers 404 when there is none.</summary>
public abstract class SymposiumPageModel(ISender sender) : OrganizerPageModel(sender)
{
    public SymposiumView Symposium { get; private set; } = null!;

    /// <summary>"2027 · Chicago", for titles.</summary>
    public string SymposiumName => $"{Symposium.Year} · {Symposium.City}";

    protected async Task<bool> LoadSymposiumAsync(Guid id, CancellationToken ct)
    {
        var found = await Sender.Send(new GetSymposium(id), ct);
        if (found.IsFailure)
        {
            return false;
        }

        Symposium = found.Value;
        return true;
    }

    public static string StepUrl(Guid id, string? step = null) => step is null ? $"/organize/{id}" : $"/organize/{id}/{step}";
}

/// <summary>Where the setup steps' navigation stands; <see cref="ByDraw"/> adds the draw's page (docs/fair-opening.md).</summary>
public sealed record SetupNav(Guid? SymposiumId, string Current, bool ByDraw = false)
{
    public static SetupNav For(SymposiumView symposium, string current) =>
        new(symposium.Id, current, symposium.Policy?.OpeningMode == Domain.Symposia.OpeningMode.Draw);

    public static readonly IReadOnlyList<(string Key, string Label)> Steps =
    [
        ("details", "Details"),
        ("policy", "Booking policy"),
        ("therapists", "Therapists"),
        ("shifts", "Shifts"),
        ("publish", "Publish"),
    ];

    public string? Href(string key) => SymposiumId is not { } id ? null : key == "details" ? SymposiumPageModel.StepUrl(id) : SymposiumPageModel.StepUrl(id, key);
}
