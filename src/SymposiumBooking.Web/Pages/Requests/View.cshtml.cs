using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Pages.Bookings;

namespace SymposiumBooking.Web.Pages.Requests;

/// <summary>
/// The attendee's request, opened with its cookie (<see cref="RequestCookie"/>; the link's <c>?t=</c> is swapped for
/// it): its id in the published draw, its status and choices, change and withdraw while requests are open, and after
/// the draw what it got, with the way to the booking it won.
/// </summary>
public sealed class ViewRequestModel(ISender sender, PublicUrls urls) : PageModel
{
    public DrawRequestView DrawRequest { get; private set; } = null!;

    public SymposiumView? Symposium { get; private set; }

    /// <summary>The booking the draw made for it, read with the same token; null when there is none.</summary>
    public BookingView? Booking { get; private set; }

    public bool LinkNotValid { get; private set; }

    /// <summary>Right after sending: the link to keep, shown this once.</summary>
    public string? LinkToKeep { get; private set; }

    public bool ConfirmWithdraw { get; private set; }

    public string? Problem { get; private set; }

    private string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool withdraw, CancellationToken ct)
    {
        if (Request.Query[PublicUrls.TokenQuery] is [{ Length: > 0 } token])
        {
            if ((await sender.Send(new GetDrawRequest(id, token), ct)).IsFailure)
            {
                return NotValid();
            }

            RequestCookie.Remember(HttpContext, id, token);
            return BookingLink.SeeOther(HttpContext, PublicUrls.RequestPath(id));
        }

        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        if (TempData[RequestIndexModel.JustRequested]?.ToString() == id.ToString())
        {
            LinkToKeep = urls.RequestLinkToKeep(Request, id, Token!);
        }

        ConfirmWithdraw = withdraw && DrawRequest.Changeable;
        return Page();
    }

    /// <summary>
    /// The booking the draw made: its page opens with the request's own token (the booking has the same one), handed
    /// over as the booking's cookie so that the token never appears in this page or an address (docs/adr/0142).
    /// </summary>
    public async Task<IActionResult> OnGetBookingAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || DrawRequest.BookingId is not { } bookingId)
        {
            return NotValid();
        }

        BookingCookie.Remember(HttpContext, bookingId, Token!);
        return BookingLink.SeeOther(HttpContext, PublicUrls.BookingPath(bookingId));
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        var withdrawn = await sender.Send(new WithdrawDrawRequest(id, Token), ct);
        if (withdrawn.IsFailure)
        {
            return Refused(withdrawn.Error);
        }

        TempData["Notice"] = "Your request is withdrawn. It takes no part in the draw.";
        return BookingLink.SeeOther(HttpContext, PublicUrls.RequestPath(id));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Token = RequestCookie.TokenOf(Request, id);
        var found = Token is null ? DrawErrors.RequestNotFound : await sender.Send(new GetDrawRequest(id, Token), ct);
        if (found.IsFailure)
        {
            return false;
        }

        DrawRequest = found.Value;
        var symposium = await sender.Send(new GetSymposium(DrawRequest.SymposiumId), ct);
        Symposium = symposium.IsSuccess ? symposium.Value : null;
        if (DrawRequest.BookingId is { } bookingId && await sender.Send(new GetBooking(bookingId, Token), ct) is { IsSuccess: true } booking)
        {
            Booking = booking.Value;
        }

        return true;
    }

    private PageResult NotValid()
    {
        LinkNotValid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private PageResult Refused(Error error)
    {
        if (error.Code == DrawErrors.RequestNotFound.Code)
        {
            return NotValid();
        }

        Problem = error.Message;
        Response.StatusCode = ProblemResults.StatusOf(error.Kind);
        return Page();
    }

    public static string StatusText(DrawRequestStatus status) => status switch
    {
        DrawRequestStatus.Submitted => "Waiting for the draw",
        DrawRequestStatus.Withdrawn => "Withdrawn",
        DrawRequestStatus.Allocated => "You have a time",
        DrawRequestStatus.Unallocated => "No time this time: on the waiting list",
        DrawRequestStatus.Excluded => "Could not take part",
        _ => status.ToString(),
    };
}
