using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NodaTime.Text;
using SymposiumBooking.Web.Features.Dashboard;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>How the symposium stands, counted on every request (no caching): the organizers' first page once bookings open.</summary>
public sealed class DashboardModel(ISender sender) : SymposiumPageModel(sender)
{
    public DashboardView Dashboard { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var dashboard = await LoadAsync(id, ct);
        if (dashboard is null)
        {
            return NotFound();
        }

        Dashboard = dashboard;
        return Page();
    }

    /// <summary>The same CSV as the API's <c>Accept: text/csv</c>, for a plain download link.</summary>
    public async Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } dashboard
            ? File(Encoding.UTF8.GetBytes(DashboardCsv.Write(dashboard)), "text/csv; charset=utf-8",
                $"dashboard-{Symposium.Year}-{Symposium.City}.csv")
            : NotFound();

    private async Task<DashboardView?> LoadAsync(Guid id, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (!await LoadSymposiumAsync(id, ct))
        {
            return null;
        }

        var dashboard = await Sender.Send(new GetDashboard(id), ct);
        return dashboard.IsSuccess ? dashboard.Value : null;
    }

    public string Money(long minorUnits) => Display.Money(minorUnits, Dashboard.Currency);

    /// <summary>"Thu 11 Jun", short enough for a chart's label.</summary>
    public static string ShortDate(string isoDate) =>
        LocalDatePattern.Iso.Parse(isoDate).Value.ToString("ddd d MMM", CultureInfo.GetCultureInfo("en-US"));

    /// <summary>A number for an SVG attribute: invariant, one decimal.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>One bar of a fill chart: a label and its slots booked, held and free.</summary>
public sealed record FillBar(string Label, DashboardSlots Slots);

/// <summary>A horizontal stacked bar chart of slot fill, with its title and the id its caption and table share.</summary>
public sealed record FillChart(string Id, string Title, string Header, IReadOnlyList<FillBar> Bars);
