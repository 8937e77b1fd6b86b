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
using SymposiumBooking.Web.Features.Dashboard;
using SymposiumBooking.Web.Features.Mail;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Features.Shop;
using SymposiumBooking.Web.Features.Staff;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Features.Therapists;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Background;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Mediator;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Infrastructure.Settings;
using SymposiumBooking.Web.Infrastructure.Telemetry;

namespace SymposiumBooking.Web.Composition;

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
        builder.AddBookingTelemetry(); // Infrastructure/Telemetry: the service's meters; OpenTelemetry when an OTLP endpoint is set

        // Pooled: a booking request no longer builds a context and its options (connection string parsed, services
        // resolved) from scratch (docs/benchmarks.md). The options are built once, from singletons.
        services.AddDbContextPool<BookingDb>((sp, o) => o
            .UseNpgsql(DatabaseConnection.ConnectionString(sp.GetRequiredService<IConfiguration>()), npgsql => npgsql.UseNodaTime())
            .UseSnakeCaseNamingConvention()
            .UseIntakeProtection(sp.GetRequiredService<IDataProtectionProvider>())
            .AddInterceptors(StaffActionInterceptor.Instance),
            poolSize: 128); // EF's default keeps up to 1,024 contexts after a rush of that many requests
        // Every options class is validated on start (AddSettings, docs/adr/0095); Composition/SettingsCheck prints the problems.
        services.AddSettings<DatabaseOptions>(config, "Database").Rules((_, s) => [DatabaseConnection.Problem(s.Configuration)]);
        services.AddSettings<DataProtectionSettings>(config, "DataProtection").Rules((o, _) => [KeyEncryptionKey.Problem(o.KeyEncryptionKey)]);
        services.AddSettings<DemoOptions>(config, "Demo");
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
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            foreach (var converter in Features.ApiFormat.JsonConverters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        services.AddBookingOpenApi(); // Infrastructure/Http/OpenApiSetup.cs
        services.AddHealthChecks()
            .AddNpgSql(sp => DatabaseConnection.ConnectionString(sp.GetRequiredService<IConfiguration>()), name: "postgresql", tags: ["ready"],
                timeout: TimeSpan.FromSeconds(3));

        services.AddSettings<StripeOptions>(config, "Stripe").Rules(StripeOptions.Problems);
        services.AddSingleton<StripeGateway>();
        services.AddScoped<CheckoutSessions>();
        services.AddSettings<ShopOptions>(config, "Shop").Rules(ShopOptions.Problems);
        services.AddScoped<OrderCheckout>();
        services.AddScoped<OrderPaymentEvents>();
        services.AddSettings<AppOptions>(config, "App").Rules(AppOptions.Problems);
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<KeepPlaceInLine>();
        services.AddSettings<MailOptions>(config, "Mail").Rules(MailOptions.Problems);
        services.AddSettings<OutboxOptions>(config, "Outbox").Rules(OutboxOptions.Problems);
        services.AddMailTransport(config);

        services.AddOutboxRenderer<TherapistInvitationMail>(OutboxTypes.TherapistInvitation);
        services.AddOutboxRenderer<StaffInvitationMail>(OutboxTypes.StaffInvitation);
        services.AddOutboxRenderer<PasswordResetMail>(OutboxTypes.PasswordReset);
        services.AddOutboxRenderer<WaitlistOfferMail>(OutboxTypes.WaitlistOffer);
        services.AddOutboxRenderer<WaitlistConfirmationMail>(OutboxTypes.WaitlistConfirmation);
        services.AddOutboxRenderer<AttendeeFeedMail>(OutboxTypes.AttendeeFeedLink);
        services.AddOutboxRenderer<BookingMail>(
            OutboxTypes.BookingConfirmed, OutboxTypes.PaymentReceived, OutboxTypes.BookingRescheduled, OutboxTypes.BookingCancelled,
            OutboxTypes.BookingReminder, OutboxTypes.PaymentRefunded, OutboxTypes.BookingLinks);
        services.AddOutboxRenderer<LostLinkMail>(OutboxTypes.LostLink);
        services.AddOutboxRenderer<DrawMails>(OutboxTypes.DrawRequestLink, OutboxTypes.DrawResult);
        services.AddOutboxRenderer<OrderMails>(OutboxTypes.OrderLink, OutboxTypes.OrderReceipt, OutboxTypes.OrderShipped, OutboxTypes.OrderRefunded);
        services.AddSingleton<RecoveryLinks>();
        services.AddScoped<BookingMails>();
        services.AddScoped<BookingWriter>();
        services.AddScoped<BookingChanges>();
        services.AddScoped<IBookingEventHandler, MailBookingChanges>();
        services.AddScoped<IBookingEventHandler, OfferFreedSlot>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSettings<WaitlistOptions>(config, "Waitlist").Rules(WaitlistOptions.Problems);
        services.AddSettings<HousekeepingOptions>(config, "Housekeeping").Rules(HousekeepingOptions.Problems);
        services.AddSettings<RetentionOptions>(config, "Retention").Rules(RetentionOptions.Problems);
        services.AddSingleton<HousekeepingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<HousekeepingWorker>());
        services.AddSingleton<RetentionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionWorker>());
        services.AddSettings<PaymentReconciliationOptions>(config, "Payments").Rules(PaymentReconciliationOptions.Problems);
        services.AddSingleton<PaymentReconciliationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<PaymentReconciliationWorker>());
        services.AddStaffAuth(config);
        services.AddRateLimits(config);
        services.AddTlsProxy(config); // forwarded headers from the configured proxies only, HSTS, Secure cookies
        services.AddRazorPages(o => o.Conventions
            .AuthorizeFolder("/Organize", Policies.Organizer)
            .AuthorizeFolder("/MyDay", Policies.Staff));
        return builder;
    }

    public static WebApplication UseBookingPipeline(this WebApplication app)
    {
        StripeStartup.WarnWhenHalfConfigured(app);
        MailTransport.WarnWhenNone(app);
        app.UseTlsProxy(); // first: every later step sees the client's address and scheme (Infrastructure/Http/TlsProxy.cs)
        app.UseExceptionHandler("/error");
        // Bare status codes on the API (401, 403, 404, 405, …) become problem details, whatever the Accept header says.
        app.UseWhen(ApiPaths.IsApi, api => api.UseStatusCodePages(ctx => Results.Problem(
                statusCode: ctx.HttpContext.Response.StatusCode,
                extensions: new Dictionary<string, object?> { ["code"] = $"http.{ctx.HttpContext.Response.StatusCode}" })
            .ExecuteAsync(ctx.HttpContext)));
        app.UseWhen(http => !ApiPaths.IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestsInFlight>(); // per client address, before any body is read (docs/adr/0045)
        app.UseMiddleware<RequestSizeLimit>(MaxRequestBodyBytes);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseStaffAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<BodyBeforeLine>(); // a booking's body has arrived before it takes its turn (docs/adr/0045)
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = AppVersion.WriteLiveAnswerAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("SymposiumBooking API"));

        app.MapGroup("/api/v1")
            .MapAuth()
            .MapSymposia()
            .MapTherapistsAndShifts()
            .MapBookings()
            .MapChangesOnBehalf()
            .MapTable()
            .MapOpening()
            .MapShop()
            .MapShopOrganizers()
            .MapWaitlist()
            .MapCalendar()
            .MapSessions()
            .MapPayments()
            .MapStaffActions()
            .MapDashboard()
            .MapStaff()
            .MapMail();
        app.MapCalendarFeeds();
        app.MapRazorPages();
        return app;
    }
}
