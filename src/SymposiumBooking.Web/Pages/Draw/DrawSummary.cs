using NodaTime;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Opening;

namespace SymposiumBooking.Web.Pages.Draw;

/// <summary>
/// The draw's figures as the public page and the organizers' page show them, counted from what the draw published:
/// how many requests got a slot, how many none, and how many got their first, second… choice.
/// </summary>
public sealed record DrawSummary(int Requests, int Allocated, int Unallocated, int SlotsOffered, IReadOnlyList<(int Rank, int Count)> ByRank)
{
    public int SlotsLeft => SlotsOffered - Allocated;

    public static DrawSummary? Of(DrawView draw)
    {
        if (draw.Allocations is not { } allocations)
        {
            return null;
        }

        var given = allocations.Where(a => a.SlotId is not null).ToList();
        return new DrawSummary(
            draw.RequestCount,
            given.Count,
            allocations.Count - given.Count,
            draw.Slots?.Count ?? 0,
            [.. given.GroupBy(a => a.ChoiceRank ?? 0).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))]);
    }

    /// <summary>"1st choice", "2nd choice"…</summary>
    public static string Rank(int rank) => rank switch
    {
        1 => "1st choice",
        2 => "2nd choice",
        3 => "3rd choice",
        _ => $"{rank}th choice",
    };

    /// <summary>An instant of the draw as people read it, in the symposium's zone.</summary>
    public static string When(Instant instant, string zone) => Display.DateTime(ApiFormat.Local(instant, DateTimeZoneProviders.Tzdb[zone]));

    public static string Phase(DrawPhase phase) => phase switch
    {
        DrawPhase.Waiting => "Requests have not opened yet",
        DrawPhase.Open => "Requests are open",
        DrawPhase.Closed => "Requests have closed; the draw has not run yet",
        _ => "The draw has run",
    };
}

/// <summary>
/// A symposium that opens by draw, for the home and booking pages (Shared/_DrawNotice.cshtml): before and while
/// requests are taken they point to the request form instead of booking.
/// </summary>
public sealed record DrawNotice(DrawView Draw, string Zone)
{
    public bool BeforeFirstCome => Draw.Phase is DrawPhase.Waiting or DrawPhase.Open;

    public string When(Instant instant) => DrawSummary.When(instant, Zone);

    /// <summary>The current symposium's draw, or null when it opens first-come.</summary>
    public static async Task<DrawNotice?> OfAsync(Mediator.ISender sender, Features.Symposia.SymposiumView symposium, CancellationToken ct) =>
        symposium.Policy?.OpeningMode == Domain.Symposia.OpeningMode.Draw && await sender.Send(new GetDraw(symposium.Id), ct) is { IsSuccess: true } draw
            ? new DrawNotice(draw.Value, symposium.TimeZone)
            : null;
}
