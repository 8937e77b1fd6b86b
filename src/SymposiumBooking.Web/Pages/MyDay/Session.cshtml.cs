using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Pages.Book;
using SymposiumBooking.Web.Pages.Bookings;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.MyDay;

/// <summary>One session with the full intake (audited), and the buttons to mark it once it has started.</summary>
public sealed class SessionModel(ISender sender) : PageModel
{
    public SessionDetail Session { get; private set; } = null!;

    public string? Problem { get; private set; }

    /// <summary>The therapist whose day "back" leads to, when an organizer is looking.</summary>
    public Guid? ForTherapist => User.IsInRole(Infrastructure.Auth.Roles.Organizer) ? Session.TherapistId : null;

    public async Task<IActionResult> OnGetAsync(Guid bookingId, CancellationToken ct) =>
        await LoadAsync(bookingId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostCompleteAsync(Guid bookingId, CancellationToken ct) => RecordAsync(bookingId, SessionOutcome.Completed, ct);

    public Task<IActionResult> OnPostNoShowAsync(Guid bookingId, CancellationToken ct) => RecordAsync(bookingId, SessionOutcome.NoShow, ct);

    public static string Label<T>(IReadOnlyList<Choice> choices, T value)
        where T : struct, Enum => choices.FirstOrDefault(c => c.Value == ApiFormat.Enum(value))?.Label ?? value.ToString();

    private async Task<IActionResult> RecordAsync(Guid bookingId, SessionOutcome outcome, CancellationToken ct)
    {
        var recorded = await sender.Send(new RecordSessionOutcome(StaffReader.From(HttpContext), bookingId, outcome), ct);
        if (recorded.IsSuccess)
        {
            TempData["Notice"] = outcome == SessionOutcome.Completed ? "Marked completed." : "Marked as a no-show.";
            return BookingLink.SeeOther(HttpContext, DayPages.SessionUrl(bookingId));
        }

        if (!await LoadAsync(bookingId, ct))
        {
            return NotFound();
        }

        Problem = recorded.Error.Message;
        Response.StatusCode = ProblemResults.StatusOf(recorded.Error.Kind);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid bookingId, CancellationToken ct)
    {
        var found = await sender.Send(new GetSession(StaffReader.From(HttpContext), bookingId, IntakeSurface.SessionPage), ct);
        if (found.IsFailure)
        {
            return false;
        }

        Session = found.Value;
        return true;
    }
}
