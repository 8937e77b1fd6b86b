using System.Net;
using Microsoft.Extensions.Options;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// At most <see cref="RateLimitOptions.InFlightPerAddress"/> requests from one client address (<see cref="ClientAddress"/>)
/// are handled at once, whatever they are: a request beyond it is refused at once, before anything reads its body, with
/// 429 <c>request.too_many_in_flight</c> and Retry-After (pages show the "Please wait" page). One client can then hold
/// only that many connections' worth of work, however slowly it sends (docs/adr/0045); other addresses are not
/// affected. Off with the other per-address limits (<see cref="RateLimitOptions.Enabled"/>); a request without an IP
/// address (in-memory, a unix socket) is not counted.
/// </summary>
public sealed class RequestsInFlight(RequestDelegate next, InFlightCounts counts, IOptions<RateLimitOptions> options)
{
    public const string Code = "request.too_many_in_flight";

    /// <summary>A request in flight ends quickly or not at all: a second is enough to try again.</summary>
    private const string RetryAfterSeconds = "1";

    public async Task InvokeAsync(HttpContext http)
    {
        var settings = options.Value;
        // The error and status-code pages run the pipeline again for the same request: it is counted (or refused) once.
        if (!settings.Enabled || http.Features.Get<Seen>() is not null || ClientAddress.Of(http) is not { } client)
        {
            await next(http);
            return;
        }

        http.Features.Set(Seen.Instance);
        if (!counts.TryEnter(client, Math.Max(1, settings.InFlightPerAddress)))
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
            if (ApiPaths.IsApi(http))
            {
                await Results.Problem(
                        detail: "Too many requests from here at once. Please wait for an answer before sending more.",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        extensions: new Dictionary<string, object?> { ["code"] = Code })
                    .ExecuteAsync(http);
            }

            else
            {
                // Pages: no body, so the status-code pages show the "Please wait" page, without reading the form.
                http.Request.Form = FormCollection.Empty;
            }

            return;
        }

        try
        {
            await next(http);
        }
        finally
        {
            counts.Leave(client);
        }
    }

    private sealed class Seen
    {
        public static readonly Seen Instance = new();
    }
}

/// <summary>Requests in flight per client address (a singleton; an address leaves the table when its count drops to 0).</summary>
public sealed class InFlightCounts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _counts = [];

    /// <summary>How many requests from <paramref name="client"/> are being handled now.</summary>
    public int Of(IPAddress client)
    {
        var key = ClientAddress.Normalize(client)!;
        lock (_gate)
        {
            return _counts.GetValueOrDefault(key);
        }
    }

    internal bool TryEnter(IPAddress client, int cap)
    {
        lock (_gate)
        {
            var count = _counts.GetValueOrDefault(client);
            if (count >= cap)
            {
                return false;
            }

            _counts[client] = count + 1;
            return true;
        }
    }

    internal void Leave(IPAddress client)
    {
        lock (_gate)
        {
            var count = _counts[client] - 1;
            if (count == 0)
            {
                _counts.Remove(client);
            }
            else
            {
                _counts[client] = count;
            }
        }
    }
}
