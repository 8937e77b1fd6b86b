using Microsoft.AspNetCore.Mvc;

namespace SymposiumBooking.Web.Pages.Bookings;

/// <summary>
/// What the booking pages share about moving between them. The manage link itself is <c>PublicUrls.ManageBooking</c>
/// and the booking's cookie <c>BookingCookie</c>.
/// </summary>
public static class BookingLink
{
    /// <summary>TempData key: the id of the booking just made, so its page shows the link to keep once.</summary>
    public const string JustBooked = "JustBooked";

    /// <summary>303 See Other: after a POST (or the token exchange) the browser GETs the page, and a refresh does not repeat anything.</summary>
    public static IActionResult SeeOther(HttpContext http, string url)
    {
        http.Response.Headers.Location = url;
        return new StatusCodeResult(StatusCodes.Status303SeeOther);
    }
}
