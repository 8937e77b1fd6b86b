using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Bookings;

/// <summary>
/// The mailed recovery link: the address's active bookings (reading changes nothing), and "Open this booking", which
/// gives the booking a new token, keeps it in the booking's cookie and goes to its page.
/// </summary>
[EnableRateLimiting(RateLimits.LostLink)]
[FormsReadByHand]
public sealed class RecoverModel(ISender sender) : PageModel
{
    /// <summary>The recovery token, from the link (GET) or the form (POST).</summary>
    [BindProperty(SupportsGet = true, Name = PublicUrls.TokenQuery)]
    public string? Token { get; set; }

    [BindProperty]
    public Guid BookingId { get; set; }

    /// <summary>Null when the link is not valid or has expired.</summary>
    public IReadOnlyList<RecoverableBooking>? Bookings { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var listed = await sender.Send(new ListRecoverableBookings(Token), ct);
        if (listed.IsFailure)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Bookings = listed.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var opened = await sender.Send(new OpenRecoveredBooking(Token, BookingId), ct);
        if (opened.IsFailure)
        {
            return await OnGetAsync(ct);
        }

        BookingCookie.Remember(HttpContext, BookingId, opened.Value);
        return BookingLink.SeeOther(HttpContext, PublicUrls.BookingPath(BookingId));
    }
}
