using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Calendar;
using SymposiumBooking.Web.Features.Sessions;

namespace SymposiumBooking.Web.Pages.MyDay;

/// <summary>
/// My day: the signed-in therapist's sessions, breaks and gaps, one day of the symposium at a time (today by default).
/// Organizers see any therapist's day with <c>?therapistId=</c>.
/// </summary>
public sealed class MyDayModel(ISender sender) : PageModel
{
    public TherapistDay? Day { get; private set; }

    [BindProperty(SupportsGet = true)]
    public Guid? TherapistId { get; set; }

    public string? FeedUrl { get; private set; }

    public string Heading => TherapistId is null ? "My day" : "Day";

    public async Task<IActionResult> OnGetAsync(string? date, CancellationToken ct) => await ShowAsync(date, ct);

    /// <summary>Issues (rotates) the therapist's private feed and shows its address once, on this page.</summary>
    public async Task<IActionResult> OnPostFeedAsync(string? date, CancellationToken ct)
    {
        var shown = await ShowAsync(date, ct);
        if (Day is null || TherapistId is not null)
        {
            return shown;
        }

        var feed = await sender.Send(new IssueMyTherapistFeed(StaffReader.UserIdOf(User), Day.SymposiumId), ct);
        FeedUrl = feed.IsSuccess ? feed.Value.Url : null;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(string? date, CancellationToken ct)
    {
        var reader = StaffReader.From(HttpContext);
        var day = TherapistId is { } id
            ? await sender.Send(new GetTherapistSchedule(reader, id, null, date, IntakeSurface.SchedulePage), ct)
            : await sender.Send(new GetMySchedule(reader, date, IntakeSurface.SchedulePage), ct);
        if (day.IsSuccess)
        {
            Day = day.Value;
            return Page();
        }

        return day.Error.Kind switch
        {
            // An old or mistyped day: show the default one.
            ErrorKind.Validation or ErrorKind.Rule => Redirect(DayPages.DayUrl(null, TherapistId)),
            _ when day.Error == SessionErrors.NotATherapist => Page(),
            _ => NotFound(),
        };
    }
}
