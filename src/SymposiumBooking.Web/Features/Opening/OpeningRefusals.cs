using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>How a booking refused before a draw-opening symposium's first-come booking opens points to its requests.</summary>
public static class OpeningRefusals
{
    public const string RequestsUrlMember = "requestsUrl";

    /// <summary>
    /// <paramref name="error"/>; when it is <c>symposium.not_open</c> for a symposium that opens by draw and first-come
    /// booking has not opened yet, with the request page's address (<c>requestsUrl</c>) and a message saying why.
    /// </summary>
    public static Error PointToRequests(Error error, Symposium symposium, Instant now, PublicUrls urls) =>
        error == BookingErrors.NotOpen && symposium.Policy is { Draw: { } draw } policy && now < policy.BookingOpensAt
            ? error with
            {
                Message = draw.TakesRequestsAt(now)
                    ? "This symposium opens by draw: send a request with your choices instead of booking. When you send it makes no difference."
                    : "This symposium opens by draw; booking opens to everyone once the draw has run and first-come booking opens.",
                Extensions = new Dictionary<string, object?> { [RequestsUrlMember] = urls.RequestForm.AbsoluteUri },
            }
            : error;
}
