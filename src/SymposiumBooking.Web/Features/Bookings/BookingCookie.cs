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

    public static string Name(Guid bookingId) => $"sb-booking-{bookingId:N}";

    public static string? TokenOf(HttpRequest request, Guid bookingId) =>
        request.Cookies[Name(bookingId)] is { Length: > 0 } token ? token : null;

    /// <summary>Keeps the token in a cookie that only this booking's pages receive (and no script can read).</summary>
    public static void Remember(HttpContext http, Guid bookingId, string token) =>
        http.Response.Cookies.Append(Name(bookingId), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = PublicUrls.BookingPath(bookingId),
            MaxAge = Lifetime,
            IsEssential = true,
        });
}
