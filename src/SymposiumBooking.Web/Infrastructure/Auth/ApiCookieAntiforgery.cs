using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>
/// The browser sends the staff cookie with any request to this site, including one another site makes it send. So on
/// the API (/api/...) the cookie alone authenticates nothing: a request it authenticated must also carry the
/// antiforgery token in the <c>RequestVerificationToken</c> header (the pages' scripts read it from their form),
/// whatever its method. Without it the request goes on as an anonymous one — public routes answer as usual, and a
/// route that needs staff answers 401 <c>auth.antiforgery_required</c> (docs/adr/0050). Bearer tokens are unaffected:
/// no browser sends them by itself. Pages keep Razor Pages' own antiforgery check on their forms.
/// </summary>
public sealed class ApiCookieAntiforgery(RequestDelegate next)
{
    public static readonly Error Required = new("auth.antiforgery_required", ErrorKind.Unauthorized,
        "The API takes a bearer token, or the staff cookie together with the antiforgery header (RequestVerificationToken).");

    private const string Dropped = "auth.cookie_dropped";

    public async Task InvokeAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (ApiPaths.IsApi(http) && AuthSetup.UsesCookie(http) && http.User.Identity?.IsAuthenticated == true)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
                http.Items[Dropped] = true;
            }
        }

        await next(http);
    }

    /// <summary>Whether this request's cookie was set aside for want of the header (its challenge says so).</summary>
    public static bool WasDropped(HttpContext http) => http.Items.ContainsKey(Dropped);
}
