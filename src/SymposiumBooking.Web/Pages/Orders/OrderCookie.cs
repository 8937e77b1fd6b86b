using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Pages.Orders;

/// <summary>
/// The buyer's key to an order on the pages, as <c>BookingCookie</c> is to a booking: the order link's token
/// (<see cref="PublicUrls.Order"/>) swapped for a cookie that only the order's page receives.
/// </summary>
public static class OrderCookie
{
    private const string Kind = "order";

    /// <summary>TempData key: the id of the order just placed, so its page shows the link to keep once.</summary>
    public const string JustOrdered = "JustOrdered";

    public static string? TokenOf(HttpRequest request, Guid orderId) => TokenCookie.TokenOf(request, Kind, orderId);

    public static void Remember(HttpContext http, Guid orderId, string token) =>
        TokenCookie.Remember(http, Kind, orderId, PublicUrls.OrderPath(orderId), token);
}
