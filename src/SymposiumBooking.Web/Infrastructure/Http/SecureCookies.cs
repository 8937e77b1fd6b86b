namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// Whether the cookies a response sets are <c>Secure</c>, and so prefixed (docs/adr/0049, 0096): always in Production,
/// where the public URL must be https and every request should arrive over it (through the proxy, whose
/// <c>X-Forwarded-Proto</c> counts only from a configured proxy); elsewhere when the request came over https (a
/// laptop on http://localhost would lose a Secure cookie). A <c>__Host-</c> cookie is Secure, for the whole site
/// (Path=/) and no Domain: no other site under the same domain can plant or overwrite it. A cookie scoped to a path
/// can only be <c>__Secure-</c>.
/// </summary>
public sealed class SecureCookies(IHostEnvironment environment)
{
    public const string HostPrefix = "__Host-";
    public const string SecurePrefix = "__Secure-";

    /// <summary>Secure whatever the request says: the Production environment.</summary>
    public bool Always { get; } = environment.IsProduction();

    public bool For(HttpContext http) => Always || http.Request.IsHttps;

    /// <summary>The same answer, for code without the service at hand.</summary>
    public static bool Of(HttpContext http) => http.RequestServices.GetRequiredService<SecureCookies>().For(http);
}
