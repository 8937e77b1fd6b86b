using Microsoft.AspNetCore.Authentication.Cookies;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>
/// When cookies are Secure (<see cref="SecureCookies"/>: in Production always, elsewhere over HTTPS) the staff cookie is
/// <c>__Host-</c>-prefixed, so the browser keeps it only if it is Secure, has Path=/ and no Domain: no other site under
/// the same domain can plant or overwrite it. Over plain HTTP (development on http://localhost) the browser would drop
/// such a cookie, so it keeps its bare name there (docs/adr/0049). Behind a TLS-terminating proxy the request is seen
/// as HTTPS through the configured proxy's <c>X-Forwarded-Proto</c> (docs/adr/0096).
/// </summary>
public sealed class HostPrefixedCookies(ICookieManager inner, SecureCookies secure) : ICookieManager
{
    public const string Prefix = SecureCookies.HostPrefix;

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, Name(context, key), value, Harden(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, Name(context, key), Harden(context, options));

    private string Name(HttpContext context, string key) => secure.For(context) ? Prefix + key : key;

    private CookieOptions Harden(HttpContext context, CookieOptions options)
    {
        if (secure.For(context))
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        return options;
    }
}
