using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Infrastructure.Settings;
using IPNetwork = System.Net.IPNetwork;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// The <c>Proxy</c> configuration section: the reverse proxies (nginx) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> the app believes. None by default: then no forwarded header counts.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Proxy addresses, one per entry (<c>Proxy__KnownProxies__0=127.0.0.1</c>).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form (<c>Proxy__KnownNetworks__0=10.0.0.0/8</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<IPAddress> Addresses => KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var a) ? a : null).OfType<IPAddress>();

    public IEnumerable<IPNetwork> Networks => KnownNetworks
        .Select(n => IPNetwork.TryParse(n.Trim(), out var network) ? (IPNetwork?)network : null)
        .OfType<IPNetwork>();

    public static IEnumerable<string?> Problems(ProxyOptions o, SettingsContext context) =>
    [
        .. o.KnownProxies.Select((p, i) => IPAddress.TryParse(p.Trim(), out _)
            ? null
            : Setting.Problem($"Proxy:KnownProxies:{i}", $"is not an IP address: '{p}'")),
        .. o.KnownNetworks.Select((n, i) => IPNetwork.TryParse(n.Trim(), out _)
            ? null
            : Setting.Problem($"Proxy:KnownNetworks:{i}", $"is not a network in CIDR form (e.g. 10.0.0.0/8): '{n}'")),
    ];
}

/// <summary>
/// The app behind a TLS-terminating proxy (docs/operations.md, "Behind nginx"; docs/adr/0096). Forwarded headers are
/// believed only from the configured proxies (ASP.NET's own default, loopback, is cleared), so <see cref="ClientAddress"/>
/// sees the client nginx saw, and a client's forged <c>X-Forwarded-For</c> is ignored: nginx appends the peer it saw,
/// and the walk back through the header stops at the first address that is not a configured proxy. In Production
/// every answer over https carries HSTS, and cookies are always Secure (<see cref="SecureCookies"/>).
/// </summary>
public static class TlsProxy
{
    /// <summary>HSTS max-age: a year, the value browsers' preload lists ask for (no preload, no subdomains: the organizers' domain is theirs).</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static IServiceCollection AddTlsProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ProxyOptions>(configuration, "Proxy").Rules(ProxyOptions.Problems);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxy) =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.Addresses)
            {
                o.KnownProxies.Add(address);
            }

            foreach (var network in proxy.Value.Networks)
            {
                o.KnownIPNetworks.Add(network);
            }

            // With both lists empty the middleware would believe anyone, so then it reads nothing at all. The Host
            // header is nginx's to pass on as it is; X-Forwarded-Host is not read.
            o.ForwardedHeaders = o.KnownProxies.Count + o.KnownIPNetworks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null; // back through every configured proxy in the chain, to the first address that is not one
        });
        services.AddSingleton<SecureCookies>();
        services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            o.IncludeSubDomains = false;
            o.Preload = false;
            o.ExcludedHosts.Clear(); // only Production sends it, over https: a site reached as localhost there is one too
        });
        services.AddOptions<AntiforgeryOptions>().Configure<SecureCookies>((o, secure) =>
        {
            if (secure.Always)
            {
                o.Cookie.Name = SecureCookies.HostPrefix + "sb.antiforgery";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.Path = "/";
            }
            else
            {
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline: the forwarded client and scheme, then, in Production, HSTS and the redirect of plain
    /// http to https. The redirect needs to know the https port (<c>ASPNETCORE_HTTPS_PORT</c>, or Kestrel's own https
    /// endpoint); behind nginx, which redirects port 80 itself, it is usually left unset and does nothing. Health
    /// probes are never redirected.
    /// </summary>
    public static WebApplication UseTlsProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseWhen(http => !http.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        return app;
    }
}
