using System.Diagnostics.Metrics;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Infrastructure.Telemetry;

/// <summary>
/// The service's own instruments, all on the meter <see cref="MeterName"/> (docs/operations.md, "Observability"). A
/// call site is one line. Recording costs a check while nobody listens (no exporter configured, docs/adr/0100). Tags
/// carry only rates, payment methods, problem codes, event and mail types: never a name, an address or health data.
/// </summary>
public sealed class BookingMetrics
{
    public const string MeterName = "SymposiumBooking";

    public const string RateTag = "symposium.booking.rate";
    public const string PaymentTag = "symposium.booking.payment";
    public const string CodeTag = "symposium.problem.code";
    public const string EventTypeTag = "symposium.webhook.event_type";
    public const string OutcomeTag = "symposium.webhook.outcome";
    public const string MailTypeTag = "symposium.mail.type";
    public const string MailFailureTag = "symposium.mail.failure";

    /// <summary>The event type of a webhook delivery refused before its signature was verified (its type is not to be trusted).</summary>
    public const string Unverified = "unverified";

    private readonly Counter<long> _made;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _lineWait;
    private readonly Counter<long> _webhookEvents;
    private readonly Counter<long> _mailsSent;
    private readonly Counter<long> _mailsFailed;
    private readonly ObservableGauge<long> _outboxPending;
    private readonly TimeProvider _time;
    private volatile BookingLine? _line;
    private volatile OutboxDepth? _outbox;

    public BookingMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _made = meter.CreateCounter<long>("symposium.bookings.made", "{booking}", "Bookings made, by rate and payment method.");
        _refused = meter.CreateCounter<long>("symposium.bookings.refused", "{booking}", "Booking requests refused by the service's rules, by problem code.");
        meter.CreateObservableGauge("symposium.booking_line.depth", ObserveLine, "{request}", "Booking requests waiting for their turn in the booking line.");
        _lineWait = meter.CreateHistogram<double>("symposium.booking_line.wait.duration", "s", "How long a booking request that had to wait waited for its turn.");
        _webhookEvents = meter.CreateCounter<long>("symposium.webhook.events", "{event}", "Stripe webhook deliveries, by event type and outcome.");
        _mailsSent = meter.CreateCounter<long>("symposium.mails.sent", "{mail}", "Mails handed to the mail server, by outbox type.");
        _mailsFailed = meter.CreateCounter<long>("symposium.mails.failed", "{mail}", "Mail attempts that failed (will_retry) or whose outcome is unknown (held), by outbox type.");
        _outboxPending = meter.CreateObservableGauge("symposium.outbox.pending", () => Outbox(o => o.Pending), "{message}", "Outbox rows not yet sent and not held, as of the dispatcher's last round.");
        meter.CreateObservableGauge("symposium.outbox.held", () => Outbox(o => o.Held), "{message}", "Outbox rows held for a person (outcome unknown), as of the dispatcher's last round.");
        meter.CreateObservableGauge("symposium.outbox.oldest_pending.age", ObserveOldestAge, "s", "Age of the oldest outbox row not yet sent and not held.");
    }

    /// <summary>Counts a booking's answer: made (by rate and payment) or refused (by code). Returns it unchanged.</summary>
    public Result<T> Booking<T>(Result<T> answer, Rate? rate, PaymentMethod? payment)
    {
        if (answer.IsSuccess)
        {
            _made.Add(1, new(RateTag, Name(rate)), new(PaymentTag, Name(payment)));
        }
        else
        {
            _refused.Add(1, new KeyValuePair<string, object?>(CodeTag, answer.Error.Code));
        }

        return answer;
    }

    /// <summary>A booking request's turn came after <paramref name="waited"/> in the line.</summary>
    public void LineWaited(TimeSpan waited) => _lineWait.Record(waited.TotalSeconds);

    /// <summary>The line whose depth <c>symposium.booking_line.depth</c> reports.</summary>
    public BookingLine Watch(BookingLine line) => _line = line;

    /// <summary>A verified webhook event and what became of it (its answer's outcome, or a problem code).</summary>
    public void WebhookEvent(string eventType, string outcome) =>
        _webhookEvents.Add(1, new(EventTypeTag, eventType), new(OutcomeTag, outcome));

    /// <summary>A webhook delivery refused with <paramref name="error"/>; returns it.</summary>
    public Error WebhookRefused(Error error, string eventType = Unverified)
    {
        WebhookEvent(eventType, error.Code);
        return error;
    }

    public void MailSent(string type) => _mailsSent.Add(1, new KeyValuePair<string, object?>(MailTypeTag, type));

    /// <summary>A send failed: surely (<paramref name="held"/> false, it will be retried) or with an unknown outcome (held).</summary>
    public void MailFailed(string type, bool held) =>
        _mailsFailed.Add(1, new(MailTypeTag, type), new(MailFailureTag, held ? "held" : "will_retry"));

    /// <summary>Whether anyone reads the outbox gauges: the dispatcher only counts the outbox when they do.</summary>
    public bool OutboxObserved => _outboxPending.Enabled;

    /// <summary>The outbox as the dispatcher's round counted it; the gauges report it until the next round.</summary>
    public void OutboxSampled(OutboxDepth depth) => _outbox = depth;

    private static string Name(Rate? rate) => rate switch
    {
        Rate.Reduced => "reduced",
        Rate.Standard => "standard",
        _ => "unknown",
    };

    private static string Name(PaymentMethod? payment) => payment switch
    {
        PaymentMethod.AtTable => "at_table",
        PaymentMethod.Online => "online",
        _ => "unknown",
    };

    private IEnumerable<Measurement<long>> ObserveLine() => _line is { } line ? [new(line.Waiting)] : [];

    private IEnumerable<Measurement<long>> Outbox(Func<OutboxDepth, long> read) => _outbox is { } depth ? [new(read(depth))] : [];

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        if (_outbox is not { } depth)
        {
            return [];
        }

        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        return [new(depth.OldestPendingAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0)];
    }
}
