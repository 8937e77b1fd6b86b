using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Pages.Waitlist;

/// <summary>
/// The link in the offer mail. A live offer's token goes into a cookie only the booking form sees
/// (<see cref="CookieName"/>, path <c>/book</c>), and the person lands on that slot's booking form; the link itself
/// leaves the address bar at once. Anything else gets a page saying what happened.
/// </summary>
public sealed class OfferModel(ISender sender) : PageModel
{
    /// <summary>The claim token, read by the booking form and sent as <c>offerToken</c>.</summary>
    public const string CookieName = "sb-offer";

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid entryId, string? t, CancellationToken ct)
    {
        var offer = await sender.Send(new GetWaitlistOffer(entryId, t), ct);
        if (offer.IsSuccess)
        {
            Response.Cookies.Append(CookieName, t!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/book",
                Secure = Request.IsHttps,
                IsEssential = true,
                Expires = offer.Value.ExpiresAt,
            });
            Response.Headers.Location = $"/book/{offer.Value.Slot.Id}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        Explain(offer.Error);
        return Page();
    }

    private void Explain(Error error)
    {
        Response.StatusCode = ProblemResults.StatusOf(error.Kind);
        if (error == WaitlistErrors.OfferExpired)
        {
            Heading = "This offer has expired";
            Explanation = "The time was kept for you until the offer ran out, and has now passed to the next person waiting. "
                + "You are no longer on the waitlist for it, but you can book any free time, or join the waitlist again.";
        }
        else if (error == WaitlistErrors.OfferClaimed)
        {
            Heading = "You have already booked this time";
            Explanation = "This offer was used to make a booking. Your booking confirmation has the details and the link to change it.";
        }
        else
        {
            Heading = "This link does not work";
            Explanation = "It may be incomplete: open the whole link from the offer email. You can also book any free time, or join the waitlist.";
        }
    }
}
