using NodaTime;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>The <c>Waitlist</c> configuration section.</summary>
public sealed class WaitlistOptions
{
    /// <summary>How long a person may claim a slot offered to them before it passes to the next person waiting.</summary>
    public int OfferMinutes { get; set; } = 120;

    public Duration OfferDuration => Duration.FromMinutes(Math.Max(1, OfferMinutes));
}
