using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SymposiumBooking.Web.Infrastructure.Telemetry;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// Booking POSTs take turns (docs/adr/0029): at most <c>permits</c> are served at once, the others wait here, up to
/// <c>queueLimit</c> of them (one more is refused, 429). A request joins the line only once its whole body has arrived
/// (<see cref="BodyBeforeLine"/>, docs/adr/0045): a turn is never held by a client that is still sending. They are served in the order of
/// their <see cref="PlaceInLine"/> (docs/adr/0039): a request's arrival, or, for an attendee trying again after a
/// refusal, the moment of their first try; arrival order among equal places. Every other request passes untouched.
/// </summary>
public sealed class BookingLine(int permits, int queueLimit, PlaceInLine places, BookingMetrics? metrics = null) : PartitionedRateLimiter<HttpContext>
{
    /// <summary>The answer for any request that does not wait in line.</summary>
    private static readonly RateLimitLease Pass = new Lease(acquired: true);

    /// <summary>No turn now (the middleware then waits) or none at all (the line is full: 429).</summary>
    private static readonly RateLimitLease Refusal = new Lease(acquired: false);

    private readonly Lock _gate = new();
    private readonly PriorityQueue<Waiter, (long Place, long Arrival)> _waiting = new();
    private int _free = permits;
    private int _queued;
    private long _arrivals;
    private long _served;
    private long _refused;

    /// <summary>Booking requests waiting for a turn now (<c>symposium.booking_line.depth</c>).</summary>
    public int Waiting => Volatile.Read(ref _queued);

    /// <summary>Whether <paramref name="http"/> is a booking POST, the only request that waits in line.</summary>
    public static bool Applies(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimits.Booking;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource)
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _free,
                CurrentQueuedCount = _queued,
                TotalSuccessfulLeases = _served,
                TotalFailedLeases = _refused,
            };
        }
    }

    /// <summary>A turn at once, when one is free and nobody is waiting; otherwise the middleware waits in <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (!Applies(resource))
        {
            return Pass;
        }

        places.Take(resource);
        lock (_gate)
        {
            if (_free > 0 && _queued == 0)
            {
                _free--;
                _served++;
                return new Turn(this);
            }
        }

        return Refusal;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (!Applies(resource))
        {
            return ValueTask.FromResult<RateLimitLease>(Pass);
        }

        var place = places.Take(resource).UtcTicks;
        Waiter waiter;
        lock (_gate)
        {
            if (_free > 0 && _queued == 0)
            {
                _free--;
                _served++;
                return ValueTask.FromResult<RateLimitLease>(new Turn(this));
            }

            if (_queued >= queueLimit)
            {
                _refused++;
                return ValueTask.FromResult<RateLimitLease>(Refusal);
            }

            waiter = new Waiter(this);
            _waiting.Enqueue(waiter, (place, _arrivals++));
            _queued++;
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(static (state, token) => ((Waiter)state!).Abandon(token), waiter);
        }

        return new ValueTask<RateLimitLease>(waiter.Lease.Task);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        List<Waiter> left;
        lock (_gate)
        {
            left = [.. _waiting.UnorderedItems.Select(w => w.Element).Where(w => w.Waiting)];
            _waiting.Clear();
            _queued = 0;
        }

        foreach (var waiter in left)
        {
            waiter.Lease.TrySetResult(Refusal);
        }
    }

    /// <summary>A waiter whose request was aborted leaves the line (it stays in the heap, skipped when it comes up).</summary>
    private void Abandon(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (!waiter.Waiting)
            {
                return;
            }

            waiter.Waiting = false;
            _queued--;
        }

        waiter.Lease.TrySetCanceled(token);
    }

    /// <summary>A turn ends: the earliest place still waiting gets it, else it is free again.</summary>
    private void Release()
    {
        Waiter? next = null;
        lock (_gate)
        {
            while (_waiting.TryDequeue(out var waiter, out _))
            {
                if (waiter.Waiting)
                {
                    waiter.Waiting = false;
                    _queued--;
                    _served++;
                    next = waiter;
                    break;
                }
            }

            if (next is null)
            {
                _free++;
            }
        }

        if (next is not null)
        {
            next.Registration.Dispose();
            metrics?.LineWaited(Stopwatch.GetElapsedTime(next.Since));
            next.Lease.TrySetResult(new Turn(this));
        }
    }

    private sealed class Waiter(BookingLine line)
    {
        public TaskCompletionSource<RateLimitLease> Lease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Still in line: neither served nor abandoned (read and written under the line's lock).</summary>
        public bool Waiting { get; set; } = true;

        public CancellationTokenRegistration Registration { get; set; }

        public long Since { get; } = Stopwatch.GetTimestamp();

        public void Abandon(CancellationToken token) => line.Abandon(this, token);
    }

    /// <summary>A lease without metadata: the line's answers carry nothing but whether a turn was given.</summary>
    private class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    /// <summary>A booking's turn; disposing it (when the response is done) hands it on.</summary>
    private sealed class Turn(BookingLine line) : Lease(acquired: true)
    {
        private int _released;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                line.Release();
            }
        }
    }
}
