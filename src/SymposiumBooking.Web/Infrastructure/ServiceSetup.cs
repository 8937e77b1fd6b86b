using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using Scalar.AspNetCore;
using SymposiumBooking.Web.Features.Audit;
using SymposiumBooking.Web.Features.Auth;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Calendar;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Features.Therapists;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Background;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Demo;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Mediator;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Infrastructure;

public static class ServiceSetup
{
    /// <summary>Largest request body accepted anywhere (bookings with intake are a few KB).</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddBookingServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock, NodaClock>();

        // Pooled: a booking request no longer builds a context and its options (connection string parsed, services
        // resolved) from scratch (docs/benchmarks.md). The options are built once, from singletons.
        services.AddDbContextPool<BookingDb>((sp, o) => o
            .UseNpgsql(ConnectionString(sp.GetRequiredService<IConfiguration>()), npgsql => npgsql.UseNodaTime())
            .UseSnakeCaseNamingConvention()
            .UseIntakeProtection(sp.GetRequiredService<IDataProtectionProvider>())
            .AddInterceptors(StaffActionInterceptor.Instance),
            poolSize: 128); // EF's default keeps up to 1,024 contexts after a rush of that many requests
        services.Configure<DatabaseOptions>(config.GetSection("Database"));
        services.Configure<DemoOptions>(config.GetSection("Demo"));
        services.AddScoped<DemoData>();
        services.AddScoped<IdempotentWrites>();
        services.AddSingleton<SymposiumSnapshots>();
        services.AddScoped<CalendarSessions>();
        services.AddWrappedDataProtection();

        services.AddMediator((MediatorOptions o) =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(StaffActionAudit<,>)];
        });
        services.AddHttpContextAccessor(); // StaffActionAudit reads the signed-in staff member (docs/adr/0058)
        // Validators hold no state: built once, not per request (building one compiles its rules).
        services.AddValidatorsFromAssemblyContaining<SignInValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.TryAdd("code", $"http.{ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode}");
            ctx.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Enums are names in the contract; a number (even a defined one) is malformed rather than silently mapped.
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        services.AddOpenApi();
        services.AddHealthChecks()
            .AddNpgSql(sp => ConnectionString(sp.GetRequiredService<IConfiguration>()), name: "postgresql", tags: ["ready"],
                timeout: TimeSpan.FromSeconds(3));

        services.Configure<StripeOptions>(config.GetSection("Stripe"));
        services.AddSingleton<StripeGateway>();
        services.AddScoped<CheckoutSessions>();
        services.Configure<AppOptions>(config.GetSection("App"));
        services.Configure<MailOptions>(config.GetSection("Mail"));
        services.Configure<OutboxOptions>(config.GetSection("Outbox"));
        if (string.IsNullOrWhiteSpace(config["Mail:Smtp:Host"]))
        {
            services.AddSingleton<IMailSender, PickupDirectoryMailSender>(); // the dev inbox
        }
        else
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }

        services.AddScoped<TherapistInvitationMail>();
        services.AddScoped<WaitlistOfferMail>();
        services.AddScoped<AttendeeFeedMail>();
        services.AddScoped<WaitlistConfirmationMail>();
        services.AddScoped<BookingMail>();
        services.AddScoped<BookingMails>();
        services.AddScoped<BookingWriter>();
        services.AddScoped<IBookingEventHandler, MailBookingChanges>();
        services.AddScoped<IBookingEventHandler, OfferFreedSlot>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.Configure<WaitlistOptions>(config.GetSection("Waitlist"));
        services.Configure<HousekeepingOptions>(config.GetSection("Housekeeping"));
        services.Configure<RetentionOptions>(config.GetSection("Retention"));
        services.AddSingleton<HousekeepingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<HousekeepingWorker>());
        services.AddSingleton<RetentionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionWorker>());
        services.Configure<PaymentReconciliationOptions>(config.GetSection("Payments"));
        services.AddSingleton<PaymentReconciliationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<PaymentReconciliationWorker>());
        services.AddStaffAuth(config);
        services.AddRateLimits(config);
        services.AddRazorPages(o => o.Conventions
            .AuthorizeFolder("/Organize", Policies.Organizer)
            .AuthorizeFolder("/MyDay", Policies.Staff));
        return builder;
    }

    public static WebApplication UseBookingPipeline(this WebApplication app)
    {
        StripeStartup.WarnWhenHalfConfigured(app);
        app.UseExceptionHandler("/error");
        // Bare status codes on the API (401, 403, 404, 405, …) become problem details, whatever the Accept header says.
        app.UseWhen(IsApi, api => api.UseStatusCodePages(ctx => Results.Problem(
                statusCode: ctx.HttpContext.Response.StatusCode,
                extensions: new Dictionary<string, object?> { ["code"] = $"http.{ctx.HttpContext.Response.StatusCode}" })
            .ExecuteAsync(ctx.HttpContext)));
        app.UseWhen(http => !IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestsInFlight>(); // per client address, before any body is read (docs/adr/0045)
        app.UseMiddleware<RequestSizeLimit>(MaxRequestBodyBytes);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseStaffAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<BodyBeforeLine>(); // a booking's body has arrived before it takes its turn (docs/adr/0045)
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("SymposiumBooking API"));

        app.MapGroup("/api/v1")
            .MapAuth()
            .MapSymposia()
            .MapTherapistsAndShifts()
            .MapBookings()
            .MapWaitlist()
            .MapCalendar()
            .MapSessions()
            .MapPayments()
            .MapStaffActions();
        app.MapCalendarFeeds();
        app.MapRazorPages();
        return app;
    }

    public static bool IsApi(HttpContext http) => IsApiPath(http.Request.Path);

    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/api");

    /// <summary>The database pool's size unless the connection string sets one (docs/adr/0027).</summary>
    public static int DefaultPoolSize => (2 * Environment.ProcessorCount) + 8;

    /// <summary>
    /// The configured connection string with the pool settings the booking path was measured with (docs/adr/0027)
    /// where the string does not set them: a small pool, statements prepared after their first uses, and no
    /// <c>DISCARD ALL</c> round trip each time a connection goes back to the pool (the app leaves no session state:
    /// its advisory locks are transaction-scoped and it never uses SET).
    /// </summary>

    public static string ConnectionString(IConfiguration config)
    {
        var configured = config.GetConnectionString("Booking")
            ?? throw new InvalidOperationException("ConnectionStrings:Booking is not set (env ConnectionStrings__Booking).");
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!Mentions(configured, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!Mentions(configured, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Mentions(configured, "Maximum Pool Size", "MaxPoolSize", "Max Pool Size"))
        {
            builder.MaxPoolSize = DefaultPoolSize;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
}
