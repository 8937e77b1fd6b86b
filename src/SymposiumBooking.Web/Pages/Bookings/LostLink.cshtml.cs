using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Bookings;

/// <summary>"I lost my link": the attendee asks for their links by email address; the answer never says whether it has bookings.</summary>
[EnableRateLimiting(RateLimits.LostLink)]
[FormsReadByHand]
public sealed class LostLinkModel(ISender sender) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var asked = await sender.Send(new RequestLostLink(Email), ct);
        if (asked.IsFailure)
        {
            return this.Refused(asked.Error);
        }

        TempData["Notice"] = asked.Value.Message;
        return BookingLink.SeeOther(HttpContext, PublicUrls.LostLinkPath);
    }
}
