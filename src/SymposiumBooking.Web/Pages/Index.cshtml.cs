using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages;

public sealed class IndexModel(ISender sender) : PageModel
{
    public SymposiumView? Symposium { get; private set; }

    public string Dates { get; private set; } = "";

    public string ReducedRate { get; private set; } = "";

    public string StandardRate { get; private set; } = "";

    public string? BookingWindow { get; private set; }

    /// <summary>Before first-come booking of a symposium that opens by draw: the way to the request form.</summary>
    public Draw.DrawNotice? ByDraw { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = await sender.Send(new GetCurrentSymposium(), ct);
        if (current.IsFailure)
        {
            return;
        }

        var s = Symposium = current.Value;
        Dates = Display.DateRange(s.StartDate, s.EndDate);
        ReducedRate = Display.Money(s.ReducedRateCents, s.Currency);
        StandardRate = Display.Money(s.StandardRateCents, s.Currency);
        ByDraw = await Draw.DrawNotice.OfAsync(sender, s, ct) is { BeforeFirstCome: true } byDraw ? byDraw : null;
        if (s.Policy is { } p)
        {
            BookingWindow = $"Opens {Display.DateTime(p.BookingOpensAt)}, closes {Display.DateTime(p.BookingClosesAt)}";
        }
    }
}
