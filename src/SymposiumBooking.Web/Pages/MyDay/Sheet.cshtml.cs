using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Sessions;

namespace SymposiumBooking.Web.Pages.MyDay;

/// <summary>The printable day sheet of one therapist (one page, print CSS); organizers name the therapist.</summary>
public sealed class SheetModel(ISender sender) : PageModel
{
    public TherapistDay Day { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public Guid? TherapistId { get; set; }

    public async Task<IActionResult> OnGetAsync(string? date, CancellationToken ct)
    {
        var reader = StaffReader.From(HttpContext);
        var day = TherapistId is { } id
            ? await sender.Send(new GetTherapistSchedule(reader, id, null, date, IntakeSurface.DaySheet), ct)
            : await sender.Send(new GetMySchedule(reader, date, IntakeSurface.DaySheet), ct);
        if (day.IsFailure)
        {
            return day.Error.Kind is ErrorKind.Validation or ErrorKind.Rule ? Redirect(DayPages.SheetUrl(null, TherapistId)) : NotFound();
        }

        Day = day.Value;
        return Page();
    }
}
