using Microsoft.AspNetCore.Mvc;

namespace SymposiumBooking.Web.Pages.Bookings;

/// <summary>
/// The attendee's key to a booking on the pages. The link handed out after booking carries the secret token
/// (<c>/bookings/{id}?t=…</c>); opening it swaps the token for a cookie scoped to that booking's pages and sends the
/// browser on to the bare address, so the token does not stay in the address bar, the history or a screenshot.
/// </summary>
public static class BookingLink
{
    public const string TokenQuery = "t";

    /// <summary>TempData key: the id of the booking just made, so its page shows the link to keep once.</summary>
    public const string JustBooked = "JustBooked";

    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(60);

    public static string CookieName(Guid id) => $"sb-booking-{id:N}";

    public static string PagePath(Guid id) => $"/bookings/{id}";

    public static string? TokenOf(HttpRequest request, Guid id) => request.Cookies[CookieName(id)] is { Length: > 0 } token ? token : null;

    /// <summary>Keeps the token in a cookie that only this booking's pages receive (and no script can read).</summary>
    public static void Remember(HttpContext http, Guid id, string token) =>
        http.Response.Cookies.Append(CookieName(id), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = PagePath(id),
            MaxAge = CookieLifetime,
            IsEssential = true,
        });

    /// <summary>The link to keep: on <c>App:PublicBaseUrl</c> when configured, else on the address this request came to.</summary>
    public static string ShareableUrl(HttpContext http, Guid id, string token)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()["App:PublicBaseUrl"];
        var root = string.IsNullOrWhiteSpace(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"
            : configured.TrimEnd('/');
        return $"{root}{PagePath(id)}?{TokenQuery}={Uri.EscapeDataString(token)}";
    }

    /// <summary>303 See Other: after a POST (or the token exchange) the browser GETs the page, and a refresh does not repeat anything.</summary>
    public static IActionResult SeeOther(HttpContext http, string url)
    {
        http.Response.Headers.Location = url;
        return new StatusCodeResult(StatusCodes.Status303SeeOther);
    }
}
