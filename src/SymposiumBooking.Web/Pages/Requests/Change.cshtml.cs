using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Pages.Bookings;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Requests;

/// <summary>
/// The request form again, filled in with the request as it is, to change it while requests are open. The address
/// stays; the health questions are asked again, since a request link never shows health answers (docs/adr/0141).
/// </summary>
[EnableRateLimiting(RateLimits.Booking)]
public sealed class ChangeRequestModel(ISender sender, IOptions<StripeOptions> stripe) : RequestFormPageModel(sender, stripe)
{
    public Guid RequestId { get; private set; }

    public bool LinkNotValid { get; private set; }

    public override string SendLabel => "Save the changes";

    public override bool EmailFixed => true;

    public override string EmailHint => "A request keeps the address it was made with. To use another one, withdraw this request and send a new one.";

    public override string HealthHint =>
        "Please answer these again: to keep them private, we never show health answers back through the request's link. Only your therapist and the organizers see them.";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is null)
        {
            return NotValid();
        }

        if (!found.Changeable)
        {
            return BookingLink.SeeOther(HttpContext, PublicUrls.RequestPath(id));
        }

        Form = RequestForm.From(found);
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null)
        {
            return NotValid();
        }

        if (!Form.Sending)
        {
            return await EditAsync(ct);
        }

        await LoadOptionsAsync(ct);
        var changed = await Sender.Send(new ChangeDrawRequest(id, RequestCookie.TokenOf(HttpContext.Request, id), Form.ToBody()), ct);
        if (changed.IsFailure)
        {
            return changed.Error.Code == DrawErrors.RequestNotFound.Code ? NotValid() : this.Refused(changed.Error);
        }

        TempData["Notice"] = "Your request is changed.";
        return BookingLink.SeeOther(HttpContext, PublicUrls.RequestPath(id));
    }

    private async Task<DrawRequestView?> LoadAsync(Guid id, CancellationToken ct)
    {
        RequestId = id;
        var token = RequestCookie.TokenOf(HttpContext.Request, id);
        if (token is null || await Sender.Send(new GetDrawRequest(id, token), ct) is not { IsSuccess: true } found)
        {
            return null;
        }

        var symposium = await Sender.Send(new GetSymposium(found.Value.SymposiumId), ct);
        if (symposium.IsFailure)
        {
            return null;
        }

        Symposium = symposium.Value;
        return found.Value;
    }

    private PageResult NotValid()
    {
        LinkNotValid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
