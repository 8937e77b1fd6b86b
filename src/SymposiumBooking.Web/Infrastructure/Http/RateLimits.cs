using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Settings;
using SymposiumBooking.Web.Infrastructure.Telemetry;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>One limit: <see cref="PermitLimit"/> requests per client address per <see cref="Window"/>.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The <c>RateLimits</c> configuration section (docs/therapists.md, "Access control").</summary>
public sealed class RateLimitOptions
{
    /// <summary>False turns every limit off (a load test, say).</summary>
    public bool Enabled { get; set; } = true;

    public RateLimit SignIn { get; set; } = new() { PermitLimit = 10 };

    /// <summary>Generous: attendees at the venue share one address behind its Wi-Fi.</summary>
    public RateLimit Booking { get; set; } = new() { PermitLimit = 60 };

    public RateLimit Waitlist { get; set; } = new() { PermitLimit = 30 };

    /// <summary>"I lost my link" requests (docs/adr/0136); each address mailed has its own, lower limit besides.</summary>
    public RateLimit LostLink { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>
    /// Booking POSTs (API and pages) served at once, all addresses together; the others wait their turn in the order
    /// of their place in line (docs/adr/0039). 0 means twice the database pool's size (the connection string's
    /// <c>Maximum Pool Size</c>, docs/adr/0073).
    /// </summary>
    public int BookingConcurrency { get; set; }

    /// <summary>Booking POSTs that may wait for a turn; one more is refused with 429.</summary>
    public int BookingQueue { get; set; } = 5000;

    /// <summary>
    /// The largest booking body (API and pages), read in full before the line (docs/adr/0045); beyond it, 413. The
    /// largest legitimate one, every field at its longest in characters that encode longest, is about 15 KB.
    /// </summary>
    public int BookingBodyBytes { get; set; } = 32 * 1024;

    /// <summary>How long a booking body may take to arrive once its headers have; beyond it, 408 and the connection is closed.</summary>
    public TimeSpan BookingBodyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Requests one client address may have in flight at once, of any kind (<see cref="RequestsInFlight"/>); one more is
    /// refused with 429. Generous, like the booking limit: attendees at the venue share one address.
    /// </summary>
    public int InFlightPerAddress { get; set; } = 100;

    public static IEnumerable<string?> Problems(RateLimitOptions o, SettingsContext context) =>
    [
        Setting.AtLeast("RateLimits:SignIn:PermitLimit", o.SignIn.PermitLimit, 1),
        Setting.Positive("RateLimits:SignIn:Window", o.SignIn.Window),
        Setting.AtLeast("RateLimits:Booking:PermitLimit", o.Booking.PermitLimit, 1),
        Setting.Positive("RateLimits:Booking:Window", o.Booking.Window),
        Setting.AtLeast("RateLimits:Waitlist:PermitLimit", o.Waitlist.PermitLimit, 1),
        Setting.Positive("RateLimits:Waitlist:Window", o.Waitlist.Window),
        Setting.AtLeast("RateLimits:LostLink:PermitLimit", o.LostLink.PermitLimit, 1),
        Setting.Positive("RateLimits:LostLink:Window", o.LostLink.Window),
        Setting.AtLeast("RateLimits:BookingConcurrency", o.BookingConcurrency, 0),
        Setting.AtLeast("RateLimits:BookingQueue", o.BookingQueue, 0),
        Setting.AtLeast("RateLimits:BookingBodyBytes", o.BookingBodyBytes, 1),
        Setting.Positive("RateLimits:BookingBodyTimeout", o.BookingBodyTimeout),
        Setting.AtLeast("RateLimits:InFlightPerAddress", o.InFlightPerAddress, 1),
    ];
}

/// <summary>
/// Per-address fixed-window limits on the endpoints that create things or check passwords, with ASP.NET Core's rate
/// limiter. Only POSTs count: the same policy is put on a whole Razor page, whose GET (the form) stays free. A refused
/// API call is a 429 problem with code <c>request.rate_limited</c> and Retry-After; a refused page shows the 429 page.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Booking = "booking";
    public const string Waitlist = "waitlist";
    public const string LostLink = "lost-link";
    public const string Code = "request.rate_limited";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RateLimitOptions>(configuration, "RateLimits").Rules(RateLimitOptions.Problems);
        services.AddSingleton<PlaceInLine>();
        services.AddSingleton<InFlightCounts>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, PlaceInLine, IConfiguration, BookingMetrics>((o, settings, places, config, metrics) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignIn, http => Partition(http, SignIn, settings.Value, s => s.SignIn));
            o.AddPolicy(Booking, http => Partition(http, Booking, settings.Value, s => s.Booking));
            o.AddPolicy(Waitlist, http => Partition(http, Waitlist, settings.Value, s => s.Waitlist));
            o.AddPolicy(LostLink, http => Partition(http, LostLink, settings.Value, s => s.LostLink));
            // Booking POSTs take turns (docs/adr/0029), in the order of their place in line (docs/adr/0039): in a rush
            // they wait here, their body already read (BodyBeforeLine, docs/adr/0045), instead of all holding a
            // database context while they wait for one of the pool's few connections. Unlike the per-address limits this is
            // overload protection, so Enabled = false leaves it on.
            o.GlobalLimiter = metrics.Watch(new BookingLine(
                settings.Value.BookingConcurrency > 0 ? settings.Value.BookingConcurrency : 2 * DatabaseConnection.PoolSize(config),
                Math.Max(0, settings.Value.BookingQueue),
                places,
                metrics));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, string policy, RateLimitOptions settings, Func<RateLimitOptions, RateLimit> pick)
    {
        if (!settings.Enabled || !HttpMethods.IsPost(http.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var limit = pick(settings);
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|{ClientAddress.Key(http)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.PermitLimit),
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (ApiPaths.IsApi(http))
        {
            await Results.Problem(
                    detail: "Too many requests from here. Please wait a little and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    extensions: new Dictionary<string, object?> { ["code"] = Code })
                .ExecuteAsync(http);
        }

        // Pages: no body, so the status-code pages show the friendly 429 page.
    }
}
