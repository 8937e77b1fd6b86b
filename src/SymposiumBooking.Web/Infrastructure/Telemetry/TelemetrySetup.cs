using System.Diagnostics;
using System.Reflection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SymposiumBooking.Web.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry (docs/operations.md, "Observability"): with the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, traces,
/// metrics and logs go to that OTLP collector, configured by the SDK's standard <c>OTEL_*</c> variables. Without it no
/// provider, listener or exporter is registered at all, so the request path pays nothing for them (docs/adr/0100);
/// <see cref="BookingMetrics"/> is always there and costs a check per call while nobody listens.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The one setting that turns export on (an environment variable, or any configuration source).</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string DefaultServiceName = "symposium-booking";

    public static WebApplicationBuilder AddBookingTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BookingMetrics>();
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(config[EndpointSetting]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                config["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName,
                serviceVersion: Version))
            .WithTracing(traces => Traces(traces))
            .WithMetrics(metrics => Metrics(metrics))
            // No scopes: ASP.NET Core's request scope holds the path, and a calendar feed's path is its credential. A
            // record still carries its trace and span ids.
            .WithLogging(configureBuilder: null, configureOptions: logs => logs.IncludeFormattedMessage = true)
            .UseOtlpExporter(); // reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS and the per-signal variants
        return builder;
    }

    /// <summary>
    /// What is traced: ASP.NET Core's requests (not the health probes), the HttpClient calls (Stripe) and Npgsql's
    /// commands (their SQL text, never their parameters).
    /// </summary>
    public static TracerProviderBuilder Traces(TracerProviderBuilder traces) => traces
        .AddAspNetCoreInstrumentation(o =>
        {
            o.Filter = http => !http.Request.Path.StartsWithSegments("/health");
            o.EnrichWithHttpResponse = (activity, response) => HideCredentialsInPath(activity, response.HttpContext);
        })
        .AddHttpClientInstrumentation()
        .AddNpgsql();

    /// <summary>What is measured: the service's own meter, ASP.NET Core (requests, Kestrel, rate limiting), HttpClient, Npgsql and the runtime.</summary>
    public static MeterProviderBuilder Metrics(MeterProviderBuilder metrics) => metrics
        .AddMeter(BookingMetrics.MeterName)
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddNpgsqlInstrumentation()
        .AddMeter("System.Runtime");

    /// <summary>
    /// A calendar feed's address is its credential (<c>/calendar/therapists/{feedToken}.ics</c>): such a request's
    /// <c>url.path</c> is its route, not the path it came with. Query strings are redacted by the instrumentation itself.
    /// </summary>
    private static void HideCredentialsInPath(Activity activity, HttpContext http)
    {
        if (http.GetEndpoint() is RouteEndpoint route
            && route.RoutePattern.Parameters.Any(p => p.Name.EndsWith("Token", StringComparison.OrdinalIgnoreCase)))
        {
            activity.SetTag("url.path", route.RoutePattern.RawText);
        }
    }

    private static string Version =>
        typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
