using Microsoft.AspNetCore.Authentication.Cookies;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>
/// Over HTTPS the staff cookie is <c>__Host-</c>-prefixed, so the browser keeps it only if it is Secure, has Path=/
/// and no Domain: no other site under the same domain can plant or overwrite it. Over plain HTTP (development on
/// http://localhost) the browser would drop such a cookie, so it keeps its bare name there (docs/adr/0049). Behind a
/// TLS-terminating proxy the request must be seen as HTTPS: forwarded headers (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>).
/// </summary>
public sealed class HostPrefixedCookies(ICookieManager inner) : ICookieManager
{
    public const string Prefix = "__Host-";

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, Name(context, key), value, Harden(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, Name(context, key), Harden(context, options));

    private static string Name(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;

    private static CookieOptions Harden(HttpContext context, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        return options;
    }
}
