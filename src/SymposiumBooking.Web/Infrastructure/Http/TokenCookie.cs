namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// A link's secret token kept in a cookie that only the pages of the one thing it opens receive (a booking's, a
/// request's): HttpOnly, SameSite=Lax, scoped to the thing's path. <c>__Secure-</c>-prefixed when cookies are Secure;
/// not <c>__Host-</c>, which would need Path=/ and so send every token to every page (docs/adr/0096).
/// </summary>
public static class TokenCookie
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    /// <summary>The cookie's name: <paramref name="kind"/> is the thing ("booking", "request").</summary>
    public static string Name(HttpContext http, string kind, Guid id) =>
        $"{(SecureCookies.Of(http) ? SecureCookies.SecurePrefix : "")}sb-{kind}-{id:N}";

    public static string? TokenOf(HttpRequest request, string kind, Guid id) =>
        request.Cookies[Name(request.HttpContext, kind, id)] is { Length: > 0 } token ? token : null;

    public static void Remember(HttpContext http, string kind, Guid id, string path, string token) =>
        http.Response.Cookies.Append(Name(http, kind, id), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = SecureCookies.Of(http),
            Path = path,
            MaxAge = Lifetime,
            IsEssential = true,
        });
}
