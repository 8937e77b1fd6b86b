using Microsoft.AspNetCore.Antiforgery;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>
/// The browser sends the staff cookie with any request to this site, including one another site makes it send. So on
/// the API (/api/...) the cookie alone is not enough: a request it authenticates must carry the antiforgery token in
/// the <c>RequestVerificationToken</c> header (the pages' scripts read it from their form), whatever its method, or it
/// is refused with 403 <c>auth.antiforgery_required</c> before any endpoint runs. Bearer tokens are unaffected: no
/// browser sends them by itself. Pages keep Razor Pages' own antiforgery check on their forms.
/// </summary>
public sealed class ApiCookieAntiforgery(RequestDelegate next)
{
    public static readonly Error Required = new("auth.antiforgery_required", ErrorKind.Forbidden,
        "The API takes a bearer token, or the staff cookie together with the antiforgery header (RequestVerificationToken).");

    public async Task InvokeAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (ServiceSetup.IsApi(http) && AuthSetup.UsesCookie(http) && http.User.Identity?.IsAuthenticated == true)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                await Required.ToProblem().ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    }
}
