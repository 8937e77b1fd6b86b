using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Pages.Requests;

/// <summary>
/// The attendee's key to a request on the pages, as <c>BookingCookie</c> is to a booking: the request link's token
/// (<see cref="PublicUrls.Request"/>) swapped for a cookie that only the request's pages receive.
/// </summary>
public static class RequestCookie
{
    private const string Kind = "request";

    public static string? TokenOf(HttpRequest request, Guid requestId) => TokenCookie.TokenOf(request, Kind, requestId);

    public static void Remember(HttpContext http, Guid requestId, string token) =>
        TokenCookie.Remember(http, Kind, requestId, PublicUrls.RequestPath(requestId), token);
}
