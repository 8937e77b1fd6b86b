using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Infrastructure.Auth;

public static class Policies
{
    public const string Organizer = "organizer";
    public const string Staff = "staff";
}

public static class AuthSetup
{
    private const string BearerOrCookie = "bearer-or-cookie";

    /// <summary>The page cookie's name; over HTTPS it is sent as <c>__Host-symposium.staff</c> (<see cref="HostPrefixedCookies"/>).</summary>
    public const string CookieName = "symposium.staff";

    /// <summary>
    /// Staff sign in with ASP.NET Core Identity. API clients send a bearer token (from POST /api/v1/auth/login);
    /// pages use a cookie. One policy scheme picks the right one per request; on the API the cookie counts only with
    /// the antiforgery header (<see cref="ApiCookieAntiforgery"/>). Either one is checked against the account on every
    /// request (<see cref="StaffSessions"/>), so signing out or changing the password ends them all.
    /// </summary>
    public static IServiceCollection AddStaffAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<BootstrapOptions>(configuration, "Bootstrap").Rules(BootstrapOptions.Problems);
        services.AddSettings<SignInOptions>(configuration, "SignIn").Rules(SignInOptions.Problems);
        services.AddSingleton<FailedSignInLimiter>();
        services.AddSingleton<UnknownAccountPassword>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffSessions>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = BearerOrCookie;
                o.DefaultChallengeScheme = BearerOrCookie;
            })
            .AddPolicyScheme(BearerOrCookie, "Bearer token or cookie", o => o.ForwardDefaultSelector = http =>
                UsesCookie(http) ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.Events.OnMessageReceived = RefuseEndedSessionAsync)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/account/sign-in";
                o.AccessDeniedPath = "/status/403";
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = RefuseEndedSessionAsync;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SignInOptions>, SecureCookies>((o, signIn, secure) =>
            {
                o.ExpireTimeSpan = signIn.Value.IdleTimeout;
                o.CookieManager = new HostPrefixedCookies(new ChunkingCookieManager(), secure);
            });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // user names are email addresses: any character a mailbox may have
                // Length over composition rules (NIST SP 800-63B): long passphrases are easier to type with a tremor.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                // No account is ever locked: anyone could lock out any organizer by failing five times. Failures
                // slow the address they come from instead (FailedSignInLimiter, docs/adr/0048).
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<BookingDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Organizer, p => p.RequireRole(Roles.Organizer))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Organizer, Roles.Therapist));
        return services;
    }

    /// <summary>
    /// Authentication, then the API's rule for the cookie: a request to /api/... that comes with the staff cookie must
    /// also carry the antiforgery header, or it counts as anonymous.
    /// </summary>
    public static IApplicationBuilder UseStaffAuthentication(this IApplicationBuilder app) =>
        app.UseAuthentication().UseMiddleware<ApiCookieAntiforgery>();

    /// <summary>A request without an Authorization header is authenticated by the page cookie, if it has one.</summary>
    public static bool UsesCookie(HttpContext http) => http.Request.Headers.Authorization.Count == 0;

    private static async Task RefuseEndedSessionAsync(CookieValidatePrincipalContext ctx)
    {
        if (!await ctx.HttpContext.RequestServices.GetRequiredService<StaffSessions>().IsCurrentAsync(ctx.Principal))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>
    /// The bearer handler has no event after it reads its ticket, so the ticket is read here first (same protector,
    /// same expiry rule) and refused when its session has ended; otherwise the handler goes on as usual.
    /// </summary>
    private static async Task RefuseEndedSessionAsync(MessageReceivedContext ctx)
    {
        var authorization = ctx.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return;
        }

        var ticket = ctx.Options.BearerTokenProtector.Unprotect(authorization["Bearer ".Length..]);
        if (ticket is null)
        {
            return; // the handler refuses it
        }

        if (!await ctx.HttpContext.RequestServices.GetRequiredService<StaffSessions>().IsCurrentAsync(ticket.Principal))
        {
            ctx.Fail("The session has ended.");
        }
    }

    /// <summary>API callers get a status code, not a redirect to the sign-in page.</summary>
    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (status == StatusCodes.Status401Unauthorized && ApiCookieAntiforgery.WasDropped(ctx.HttpContext))
        {
            return ApiCookieAntiforgery.Required.ToProblem().ExecuteAsync(ctx.HttpContext);
        }

        if (ApiPaths.IsApi(ctx.HttpContext))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
