using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Sessions;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>Every working therapist's day sheet for one day, to print at the organizers' table (a page each).</summary>
public sealed class DaySheetsModel(ISender sender) : SymposiumPageModel(sender)
{
    public IReadOnlyList<TherapistDay> Sheets { get; private set; } = [];

    public IReadOnlyList<string> Days { get; private set; } = [];

    public string Date { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, string? date, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        var sheets = await Sender.Send(new GetSymposiumDaySheets(StaffReader.From(HttpContext), id, date), ct);
        if (sheets.IsFailure)
        {
            return sheets.Error.Kind is ErrorKind.Validation or ErrorKind.Rule ? Redirect(StepUrl(id, "day-sheets")) : NotFound();
        }

        Days = ShiftsModel.SymposiumDays(Symposium.StartDate, Symposium.EndDate);
        Sheets = sheets.Value.Sheets;
        Date = sheets.Value.Date;
        return Page();
    }
}
