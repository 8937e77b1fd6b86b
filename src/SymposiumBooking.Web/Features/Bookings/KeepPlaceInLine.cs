using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// An attendee refused because the slot was just taken keeps their place in the booking line (docs/adr/0039): the
/// answer carries a ticket for the moment of their first try (<see cref="PlaceInLine"/>), which their next try brings
/// back.
/// </summary>
public sealed class KeepPlaceInLine(PlaceInLine places)
{
    /// <summary>
    /// After a booking request: when it was refused because its slot was just taken (or has started), hands the
    /// attendee a ticket for their place, as the header <see cref="PlaceInLine.Header"/> on the API and as the cookie
    /// <see cref="PlaceInLine.Cookie"/> on the booking page, whose next post sends it back by itself. A page that booked
    /// drops the cookie.
    /// </summary>
    public void Answer(HttpContext http, Error? refusal)
    {
        var api = ApiPaths.IsApi(http);
        if (refusal is null || !BookingErrors.ChooseAnotherTime(refusal) || PlaceInLine.Of(http) is not { } place)
        {
            if (refusal is null && !api && http.Request.Cookies.ContainsKey(PlaceInLine.CookieName(http)))
            {
                http.Response.Cookies.Delete(PlaceInLine.CookieName(http), PlaceInLine.TicketCookie(http));
            }

            return;
        }

        var ticket = places.Issue(place);
        if (api)
        {
            http.Response.Headers[PlaceInLine.Header] = ticket;
        }
        else
        {
            var options = PlaceInLine.TicketCookie(http);
            options.MaxAge = place + PlaceInLine.Lifetime - places.Now; // the ticket's own expiry
            http.Response.Cookies.Append(PlaceInLine.CookieName(http), ticket, options);
        }
    }
}
