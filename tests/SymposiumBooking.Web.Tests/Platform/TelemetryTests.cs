using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NodaTime;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Infrastructure.Telemetry;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Payments;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// The app with online payment, its telemetry read through OpenTelemetry's in-memory exporter (metrics) and a recording
/// processor (spans) instead of OTLP, and a mail server that refuses every address at <c>fails.test</c>.
/// </summary>
public sealed class TelemetryApp : StripeApp
{
    public const string FailingDomain = "@fails.test";

    private readonly List<MetricSnapshot> _metrics = [];

    public SpanRecorder Spans { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddOpenTelemetry()
                .WithMetrics(metrics => TelemetrySetup.Metrics(metrics).AddInMemoryExporter(_metrics, reader =>
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue)) // read on demand only
                .WithTracing(traces => TelemetrySetup.Traces(traces).AddProcessor(Spans));
            services.AddSingleton<IMailSender, RefusingMailSender>();
        });
    }

    /// <summary>Every instrument's totals (cumulative) and gauges as of now.</summary>
    public IReadOnlyList<MetricSnapshot> ReadMetrics()
    {
        _metrics.Clear();
        Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush());
        return [.. _metrics];
    }

    public Task<int> SendOutboxAsync() => Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(TestContext.Current.CancellationToken);

    private sealed class RefusingMailSender : IMailSender
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) =>
            message.To.Mailboxes.Any(m => m.Address.EndsWith(FailingDomain, StringComparison.Ordinal))
                ? throw new IOException("550 mailbox unavailable")
                : Task.CompletedTask;
    }
}

/// <summary>Keeps every span that ended; a test waits for the one it needs (a request's span ends after its answer is read).</summary>
public sealed class SpanRecorder : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly SemaphoreSlim _signal = new(0);

    public IReadOnlyList<Activity> Ended => [.. _ended];

    public override void OnEnd(Activity data)
    {
        _ended.Enqueue(data);
        _signal.Release();
    }

    public async Task<Activity> WaitForAsync(Func<Activity, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_ended.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await _signal.WaitAsync(timeout.Token);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _signal.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// The service's meters read through OpenTelemetry after real requests, and the spans of a booking with intake. They
/// run alone, and no other app lives beside theirs: OpenTelemetry listens to meters and activity sources by name,
/// across every app in the test process, and a meter of the same name disposed elsewhere ends the streams it shared.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class TelemetryTests(TelemetryApp app) : IClassFixture<TelemetryApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bookings_refusals_webhook_events_and_mails_are_counted_on_the_services_meter()
    {
        var before = app.ReadMetrics();
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();

        await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, $"ana.{Guid.NewGuid():N}{TelemetryApp.FailingDomain}", rate: "standard"));
        var taken = await client.BookAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail(), rate: "standard"));
        Assert.Equal("booking.slot_unavailable", (await Problem.ReadAsync(taken)).Code);
        var online = await client.BookOnlineAsync(schedule.Slots[1].Id);
        Assert.Equal("confirmed", await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(online.Id))));
        var forged = await app.PostEventAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(online.Id)), signature: "t=1,v1=00");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await app.SendOutboxAsync(); // the table booking's confirmation (refused by its mail server) and the online one's receipt

        var after = app.ReadMetrics();
        long Delta(string name, params (string Key, string Value)[] tags) => Sum(after, name, tags) - Sum(before, name, tags);
        Assert.Equal(1, Delta("symposium.bookings.made", (BookingMetrics.RateTag, "standard"), (BookingMetrics.PaymentTag, "at_table")));
        Assert.Equal(1, Delta("symposium.bookings.made", (BookingMetrics.RateTag, "standard"), (BookingMetrics.PaymentTag, "online")));
        Assert.Equal(1, Delta("symposium.bookings.refused", (BookingMetrics.CodeTag, "booking.slot_unavailable")));
        Assert.Equal(1, Delta("symposium.webhook.events", (BookingMetrics.EventTypeTag, "checkout.session.completed"), (BookingMetrics.OutcomeTag, "confirmed")));
        Assert.Equal(1, Delta("symposium.webhook.events", (BookingMetrics.EventTypeTag, BookingMetrics.Unverified), (BookingMetrics.OutcomeTag, PaymentErrors.InvalidSignature.Code)));
        Assert.Equal(1, Delta("symposium.mails.failed", (BookingMetrics.MailTypeTag, OutboxTypes.BookingConfirmed), (BookingMetrics.MailFailureTag, "will_retry")));
        Assert.Equal(1, Delta("symposium.mails.sent", (BookingMetrics.MailTypeTag, OutboxTypes.PaymentReceived)));
        Assert.Equal(0, Gauge(after, "symposium.booking_line.depth")); // nobody waiting now
        Assert.Contains(after, m => m.Name == "http.server.request.duration"); // ASP.NET Core's own, beside ours
        Assert.Contains(after, m => m.MeterName == "Npgsql");
    }

    [Fact]
    public async Task The_outbox_gauges_report_what_the_dispatchers_last_round_counted()
    {
        await using (var db = app.OpenDb())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM outbox_messages WHERE sent_at IS NULL", Ct); // rows other tests left
            var now = app.Now();
            var retrying = OutboxMessage.Create(OutboxTypes.BookingConfirmed, "{}", now - Duration.FromMinutes(10));
            retrying.BeginAttempt(now - Duration.FromMinutes(10));
            retrying.MarkFailed(now, "IOException"); // due again in a minute: still to go, not sent this round
            var held = OutboxMessage.Create(OutboxTypes.BookingConfirmed, "{}", now - Duration.FromHours(2));
            held.MarkOutcomeUnknown(now, "MailOutcomeUnknownException");
            db.AddRange(retrying, held);
            await db.SaveChangesAsync(Ct);
        }

        await app.SendOutboxAsync(); // the in-memory exporter listens, so the round counts the outbox
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var metrics = app.ReadMetrics();
        Assert.Equal(1, Gauge(metrics, "symposium.outbox.pending"));
        Assert.Equal(1, Gauge(metrics, "symposium.outbox.held"));
        Assert.Equal(10 * 60 + 30, GaugeDouble(metrics, "symposium.outbox.oldest_pending.age"));
    }

    [Fact]
    public async Task A_booking_with_intake_is_traced_through_the_database_and_no_span_holds_a_personal_detail()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var secrets = new[]
        {
            $"Zelda Quixote {Guid.NewGuid():N}", $"zelda.{Guid.NewGuid():N}@example.org", "+1 312 555 0188", $"whiplash at {Guid.NewGuid():N}",
            $"zelda.online.{Guid.NewGuid():N}@example.org", "not-a-real-feed-token-4711",
        };
        var body = BookingBodies.Booking(schedule.Slots[0].Id, secrets[1], name: secrets[0]);
        body["phone"] = secrets[2];
        body["intake"] = BookingBodies.Intake(note: secrets[3]);
        var booked = await client.BookOkAsync(body);
        var online = await client.BookOnlineAsync(schedule.Slots[1].Id, secrets[4]);
        var feed = await client.GetAsync($"/calendar/therapists/{secrets[5]}.ics", Ct);
        Assert.Equal(HttpStatusCode.NotFound, feed.StatusCode);

        // The booking's request with its database commands, and the online booking's call to Stripe.
        await app.Spans.WaitForAsync(s => IsServer(s, "POST", "/api/v1/bookings") && app.Spans.Ended.Any(c => c.TraceId == s.TraceId && c.Source.Name == "Npgsql"));
        await app.Spans.WaitForAsync(s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http"
            && app.Spans.Ended.Any(p => p.TraceId == s.TraceId && IsServer(p, "POST", "/api/v1/bookings")));
        var feedSpan = await app.Spans.WaitForAsync(s => s.Kind == ActivityKind.Server && (s.GetTagItem("http.route") as string ?? "").Contains("feedToken", StringComparison.Ordinal));

        Assert.Equal("/calendar/therapists/{feedToken}.ics", feedSpan.GetTagItem("url.path"));
        var everything = app.Spans.Ended.SelectMany(Texts).ToList();
        foreach (var secret in secrets.Append(booked.Token!).Append(online.Token!))
        {
            Assert.DoesNotContain(everything, text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static bool IsServer(Activity span, string method, string path) =>
        span.Kind == ActivityKind.Server && span.GetTagItem("http.request.method") as string == method
        && (span.GetTagItem("url.path") as string ?? "").TrimEnd('/') == path;

    /// <summary>Every text a span carries: its name, its tags and its events with their tags.</summary>
    private static IEnumerable<string> Texts(Activity span) =>
        new[] { span.DisplayName, span.OperationName }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Append(e.Name)))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"));

    private static long Sum(IEnumerable<MetricSnapshot> metrics, string name, (string Key, string Value)[] tags)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (var point in metric.MetricPoints)
            {
                if (tags.All(t => HasTag(point, t.Key, t.Value)))
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }

    private static long Gauge(IEnumerable<MetricSnapshot> metrics, string name) =>
        Assert.Single(Assert.Single(metrics, m => m.Name == name).MetricPoints).GetGaugeLastValueLong();

    private static double GaugeDouble(IEnumerable<MetricSnapshot> metrics, string name) =>
        Assert.Single(Assert.Single(metrics, m => m.Name == name).MetricPoints).GetGaugeLastValueDouble();

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && tag.Value as string == value)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Telemetry switched by settings, and the booking line's wait on a meter of the test's own. Alone, in a class of their
/// own: their apps' meters must not meet <see cref="TelemetryTests"/>' listener.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class TelemetrySwitchTests(BookingApp plain) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_OTLP_endpoint_no_OpenTelemetry_provider_is_registered_and_with_one_all_three_are()
    {
        Assert.Null(plain.Services.GetService<TracerProvider>());
        Assert.Null(plain.Services.GetService<MeterProvider>());
        Assert.Null(plain.Services.GetService<OpenTelemetry.Logs.LoggerProvider>());

        await using var exporting = plain.WithWebHostBuilder(b => b.UseSetting(TelemetrySetup.EndpointSetting, "http://127.0.0.1:9"));
        Assert.NotNull(exporting.Services.GetService<TracerProvider>());
        Assert.NotNull(exporting.Services.GetService<MeterProvider>());
        Assert.NotNull(exporting.Services.GetService<OpenTelemetry.Logs.LoggerProvider>());
    }

    [Fact]
    public async Task One_setting_makes_the_console_logs_JSON()
    {
        await using var json = plain.WithWebHostBuilder(b => b.UseSetting("Logging:Console:FormatterName", "json"));

        Assert.Equal("json", json.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.Contains(json.Services.GetServices<ConsoleFormatter>(), f => f.Name == ConsoleFormatterNames.Json);
    }

    [Fact]
    public async Task A_booking_request_that_waited_in_line_records_its_wait()
    {
        using var meters = new OwnMeters();
        var metrics = new BookingMetrics(meters, TimeProvider.System);
        var waits = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "symposium.booking_line.wait.duration")
            {
                waits.Add(value);
            }
        });
        listener.Start();
        using var line = metrics.Watch(new BookingLine(permits: 1, queueLimit: 10, new PlaceInLine(new FakeTimeProvider(), KeyEncryptionKey.Parse(BookingApp.TestKeyEncryptionKey)), metrics));

        var serving = line.AttemptAcquire(BookingPost());
        var next = BookingPost();
        Assert.False(line.AttemptAcquire(next).IsAcquired); // as the middleware does: try, then wait
        var waiting = line.AcquireAsync(next, 1, Ct).AsTask();
        Assert.Equal(1, line.Waiting);
        serving.Dispose();
        (await waiting).Dispose();

        Assert.Equal(0, line.Waiting);
        Assert.Single(waits); // the request served at once waited for nothing, and is not counted
        Assert.True(waits[0] >= 0);
    }

    private static DefaultHttpContext BookingPost()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new EnableRateLimitingAttribute(RateLimits.Booking)), "book"));
        return http;
    }

    /// <summary>Meters of this test's own (the listener tells them from every other host's by their scope).</summary>
    private sealed class OwnMeters : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _created.Add(meter);
            return meter;
        }

        public void Dispose() => _created.ForEach(m => m.Dispose());
    }
}
