using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Auth;

public static class Policies
{
    public const string Organizer = "organizer";
    public const string Staff = "staff";
}

public static class AuthSetup
{
    private const string BearerOrCookie = "bearer-or-cookie";

    /// <summary>
    /// Staff sign in with ASP.NET Core Identity. API clients send a bearer token (from POST /api/v1/auth/login);
    /// pages use a cookie. One policy scheme picks the right one per request, so every endpoint accepts both.
    /// </summary>
    public static IServiceCollection AddStaffAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BootstrapOptions>(configuration.GetSection("Bootstrap"));
        services.Configure<SignInOptions>(configuration.GetSection("SignIn"));
        services.AddSingleton<FailedSignInLimiter>();
        services.AddScoped<StaffAccounts>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = BearerOrCookie;
                o.DefaultChallengeScheme = BearerOrCookie;
            })
            .AddPolicyScheme(BearerOrCookie, "Bearer token or cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/account/sign-in";
                o.AccessDeniedPath = "/status/403";
                o.Cookie.Name = "symposium.staff";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
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
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
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

    /// <summary>API callers get a status code, not a redirect to the sign-in page.</summary>
    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ServiceSetup.IsApi(ctx.HttpContext))
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
