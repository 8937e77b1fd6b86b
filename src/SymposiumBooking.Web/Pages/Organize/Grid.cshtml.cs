using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Shifts;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class GridModel(ISender sender) : SymposiumPageModel(sender)
{
    public DayGrid Grid { get; private set; } = null!;

    public IReadOnlyList<string> Days { get; private set; } = [];

    /// <summary>The grid's rows: every start time of the day, each with the slot (if any) of each therapist.</summary>
    public IReadOnlyList<(DateTimeOffset Start, IReadOnlyList<GridSlot?> Cells)> Rows { get; private set; } = [];

    public int Count(string state) => Grid.Slots.Count(s => s.State == state);

    public async Task<IActionResult> OnGetAsync(Guid id, string? date, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        Days = ShiftsModel.SymposiumDays(Symposium.StartDate, Symposium.EndDate);
        if (date is not null && !Days.Contains(date))
        {
            return Redirect(StepUrl(id, "grid")); // an old or mistyped link: show the default day
        }

        var grid = await Sender.Send(new GetDayGrid(id, date), ct);
        if (grid.IsFailure)
        {
            return NotFound();
        }

        Grid = grid.Value;
        Rows = [.. Grid.Slots
            .GroupBy(s => s.StartsAt)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<GridSlot?>)[.. Grid.Therapists.Select(t => g.FirstOrDefault(s => s.TherapistId == t.Id))]))];
        return Page();
    }

    public static string StateLabel(string state) => state switch
    {
        "free" => "Free",
        "held" => "Held, awaiting payment",
        _ => "Booked",
    };
}
