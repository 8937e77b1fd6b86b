using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>
/// The table's list to print: the bookings that keep their slot, one printed page per day (or the one day asked for),
/// with what is still to collect and who arrived. Contact and money only, no health data.
/// </summary>
public sealed class PrintModel(ISender sender) : SymposiumPageModel(sender)
{
    private static readonly string[] Kept = ["confirmed", "awaitingPayment", "completed", "noShow"];

    public IReadOnlyList<(string Date, IReadOnlyList<BookingRow> Rows)> Days { get; private set; } = [];

    public string? Date { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? date, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        var rows = await Sender.Send(new ListSymposiumBookings(id), ct);
        if (rows.IsFailure)
        {
            return NotFound();
        }

        Date = date;
        Days = [.. rows.Value
            .Where(r => Kept.Contains(r.Status))
            .GroupBy(r => r.StartsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Where(g => date is null || g.Key == date)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<BookingRow>)[.. g]))];
        return Page();
    }
}
