using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Pages.Bookings;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Requests;

/// <summary>
/// The request form of the current symposium when it opens by draw (docs/fair-opening.md): ranked choices, who, how
/// to pay and the health questions. Outside the request window it says when requests open, or that they have closed.
/// </summary>
[EnableRateLimiting(RateLimits.Booking)]
public sealed class RequestIndexModel(ISender sender, IOptions<StripeOptions> stripe) : RequestFormPageModel(sender, stripe)
{
    /// <summary>TempData key: the id of the request just made, so its page shows the link to keep once.</summary>
    public const string JustRequested = "JustRequested";

    /// <summary>The draw as the public sees it; null when the current symposium does not open by draw.</summary>
    public DrawView? Draw { get; private set; }

    public bool Open => Draw?.Phase == DrawPhase.Open;

    public override string SendLabel => "Send my request";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) && Open)
        {
            await LoadOptionsAsync(ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !Open)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (!Form.Sending)
        {
            return await EditAsync(ct);
        }

        await LoadOptionsAsync(ct);
        var sent = await Sender.Send(new SubmitDrawRequest(Symposium.Id, Form.ToBody()), ct);
        if (sent.IsFailure)
        {
            return this.Refused(sent.Error);
        }

        RequestCookie.Remember(HttpContext, sent.Value.Id, sent.Value.Token!);
        TempData[JustRequested] = sent.Value.Id;
        return BookingLink.SeeOther(HttpContext, PublicUrls.RequestPath(sent.Value.Id));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var current = await Sender.Send(new GetCurrentSymposium(), ct);
        if (current.IsFailure || current.Value.Policy?.OpeningMode != OpeningMode.Draw)
        {
            return false;
        }

        Symposium = current.Value;
        var draw = await Sender.Send(new GetDraw(Symposium.Id), ct);
        Draw = draw.IsSuccess ? draw.Value : null;
        return Draw is not null;
    }

    /// <summary>An instant of the draw as people read it, in the symposium's zone.</summary>
    public string When(Instant instant) => Display.DateTime(ApiFormat.Local(instant, DateTimeZoneProviders.Tzdb[Symposium.TimeZone]));
}
