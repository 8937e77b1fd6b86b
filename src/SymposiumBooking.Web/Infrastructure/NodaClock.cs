using NodaTime;

namespace SymposiumBooking.Web.Infrastructure;

/// <summary>NodaTime's clock on top of the injected <see cref="TimeProvider"/>, so tests fake one clock for both.</summary>
public sealed class NodaClock(TimeProvider time) : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
}
