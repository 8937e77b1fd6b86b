using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Calendar;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Pages.Bookings;

/// <summary>The attendee's booking: what, when and where; the link to keep; cancel (after a confirmation) and reschedule.</summary>
public sealed class ManageBookingModel(ISender sender) : BookingPageModel(sender)
{
    /// <summary>Right after booking: the link to keep, shown this once.</summary>
    public string? LinkToKeep { get; private set; }

    public bool ConfirmCancel { get; private set; }

    /// <summary>Just issued: the attendee's "all my bookings" feed address, shown this once.</summary>
    public string? FeedUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool cancel, CancellationToken ct)
    {
        if (Request.Query[BookingLink.TokenQuery] is [{ Length: > 0 } token])
        {
            var found = await Sender.Send(new GetBooking(id, token), ct);
            if (found.IsFailure)
            {
                return NotValid();
            }

            BookingLink.Remember(HttpContext, id, token);
            return BookingLink.SeeOther(HttpContext, BookingLink.PagePath(id));
        }

        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        if (TempData[BookingLink.JustBooked]?.ToString() == id.ToString()) // TempData hands a Guid back as a Guid
        {
            LinkToKeep = BookingLink.ShareableUrl(HttpContext, id, Token!);
        }

        ConfirmCancel = cancel && IsActive(Booking.Status);
        return Page();
    }

    public async Task<IActionResult> OnPostFeedAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        var feed = await Sender.Send(new IssueAttendeeFeed(id, Token), ct);
        if (feed.IsFailure)
        {
            return NotValid();
        }

        // Answered as a page, not a redirect: the address is shown once and must not be kept in TempData's cookie.
        FeedUrl = feed.Value.Url;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        var cancelled = await Sender.Send(new CancelBooking(id, Token), ct);
        if (cancelled.IsSuccess)
        {
            TempData["Notice"] = "Your booking is cancelled. The time is free again for someone else.";
            return BookingLink.SeeOther(HttpContext, BookingLink.PagePath(id));
        }

        if (IsAccessError(cancelled.Error!))
        {
            return NotValid();
        }

        Problem = cancelled.Error!.Message;
        Response.StatusCode = ProblemResults.StatusOf(cancelled.Error.Kind);
        return Page();
    }
}
