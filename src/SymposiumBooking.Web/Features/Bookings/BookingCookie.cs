using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// The attendee's key to a booking on the pages. The manage link carries the secret token
/// (<see cref="PublicUrls.ManageBooking"/>); opening it swaps the token for this cookie, scoped to that booking's pages,
/// and sends the browser on to the bare address, so the token does not stay in the address bar, the history or a
/// screenshot.
/// </summary>
public static class BookingCookie
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    /// <summary>
    /// <c>__Secure-</c>-prefixed when cookies are Secure (<see cref="SecureCookies"/>); not <c>__Host-</c>, which would
    /// need Path=/ and so send every booking's token to every page (docs/adr/0096).
    /// </summary>
    public static string Name(HttpContext http, Guid bookingId) =>
        $"{(SecureCookies.Of(http) ? SecureCookies.SecurePrefix : "")}sb-booking-{bookingId:N}";

    public static string? TokenOf(HttpRequest request, Guid bookingId) =>
        request.Cookies[Name(request.HttpContext, bookingId)] is { Length: > 0 } token ? token : null;

    /// <summary>Keeps the token in a cookie that only this booking's pages receive (and no script can read).</summary>
    public static void Remember(HttpContext http, Guid bookingId, string token) =>
        http.Response.Cookies.Append(Name(http, bookingId), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = SecureCookies.Of(http),
            Path = PublicUrls.BookingPath(bookingId),
            MaxAge = Lifetime,
            IsEssential = true,
        });
}
