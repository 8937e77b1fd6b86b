using NodaTime;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>The <c>Waitlist</c> configuration section.</summary>
public sealed class WaitlistOptions
{
    /// <summary>How long a person may claim a slot offered to them before it passes to the next person waiting.</summary>
    public int OfferMinutes { get; set; } = 120;

    /// <summary>How many entries one address (canonical, docs/adr/0043) may have waiting or offered at one symposium.</summary>
    public int MaxEntriesPerAddress { get; set; } = 3;

    public Duration OfferDuration => Duration.FromMinutes(Math.Max(1, OfferMinutes));

    public static IEnumerable<string?> Problems(WaitlistOptions o, SettingsContext context) =>
    [
        Setting.AtLeast("Waitlist:OfferMinutes", o.OfferMinutes, 1),
        Setting.AtLeast("Waitlist:MaxEntriesPerAddress", o.MaxEntriesPerAddress, 1),
    ];
}
