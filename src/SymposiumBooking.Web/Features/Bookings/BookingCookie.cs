using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// The attendee's key to a booking on the pages. The manage link carries the secret token
/// (<see cref="PublicUrls.ManageBooking"/>); opening it swaps the token for this cookie, scoped to that booking's pages
/// (<see cref="TokenCookie"/>), and sends the browser on to the bare address, so the token does not stay in the address
/// bar, the history or a screenshot.
/// </summary>
public static class BookingCookie
{
    private const string Kind = "booking";

    public static string Name(HttpContext http, Guid bookingId) => TokenCookie.Name(http, Kind, bookingId);

    public static string? TokenOf(HttpRequest request, Guid bookingId) => TokenCookie.TokenOf(request, Kind, bookingId);

    /// <summary>Keeps the token in a cookie that only this booking's pages receive (and no script can read).</summary>
    public static void Remember(HttpContext http, Guid bookingId, string token) =>
        TokenCookie.Remember(http, Kind, bookingId, PublicUrls.BookingPath(bookingId), token);
}
