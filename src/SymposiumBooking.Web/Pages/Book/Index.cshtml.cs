using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Book;

/// <summary>The attendee's first step: a day, optionally a therapist, then a free time.</summary>
public sealed class BookIndexModel(ISender sender, IClock clock) : PageModel
{
    public SlotPicker? Picker { get; private set; }

    /// <summary>When booking has not opened yet: the opening time, as people read it.</summary>
    public string? NotOpenYet { get; private set; }

    /// <summary>Before first-come booking of a symposium that opens by draw: the way to the request form.</summary>
    public Draw.DrawNotice? ByDraw { get; private set; }

    public async Task OnGetAsync(string? date, Guid? therapist, CancellationToken ct)
    {
        var current = await sender.Send(new GetCurrentSymposium(), ct);
        if (current.IsFailure)
        {
            return;
        }

        var symposium = current.Value;
        var now = clock.GetCurrentInstant();
        var today = now.InZone(DateTimeZoneProviders.Tzdb[symposium.TimeZone]).Date;
        var picker = await SlotPicker.LoadAsync(sender, symposium, date, therapist, today, "/book", chooseByPost: false, ct);
        Picker = picker.IsSuccess ? picker.Value : null;
        ByDraw = await Draw.DrawNotice.OfAsync(sender, symposium, ct) is { BeforeFirstCome: true } byDraw ? byDraw : null;
        if (ByDraw is null && symposium.Policy is { } policy && Instant.FromDateTimeOffset(policy.BookingOpensAt) > now)
        {
            NotOpenYet = Display.DateTime(policy.BookingOpensAt);
        }
    }
}
