using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Calendar;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Pages.Bookings;

/// <summary>The attendee's booking: what, when and where; the link to keep; cancel (after a confirmation) and reschedule.</summary>
public sealed class ManageBookingModel(ISender sender, PublicUrls urls) : BookingPageModel(sender)
{
    /// <summary>Right after booking: the link to keep, shown this once.</summary>
    public string? LinkToKeep { get; private set; }

    public bool ConfirmCancel { get; private set; }

    /// <summary>An online booking not paid yet: the page offers "Pay now", or waits for Stripe's word.</summary>
    public bool PaymentPending => Booking is { Status: BookingStatus.AwaitingPayment, Payment: PaymentMethod.Online };

    /// <summary>Back from Stripe Checkout (its success_url). The redirect proves nothing: only the webhook confirms.</summary>
    public bool ReturnedFromCheckout { get; private set; }

    /// <summary>Back from Stripe Checkout without paying (its cancel_url).</summary>
    public bool CheckoutCancelled { get; private set; }

    public static string AfterPayment(BookingStatus status) => status switch
    {
        BookingStatus.Confirmed => "Payment received. Your massage is booked; a confirmation mail with the calendar invite is on its way.",
        BookingStatus.Refunded => "Your payment arrived after your time was given to someone else, so it is refunded in full. Please book another time.",
        BookingStatus.Expired => "The payment did not arrive in time and the time was released. Please book again.",
        _ => StatusText(status),
    };

    public async Task<IActionResult> OnGetAsync(Guid id, bool cancel, string? payment, CancellationToken ct)
    {
        if (Request.Query[PublicUrls.TokenQuery] is [{ Length: > 0 } token])
        {
            var found = await Sender.Send(new GetBooking(id, token), ct);
            if (found.IsFailure)
            {
                return NotValid();
            }

            BookingCookie.Remember(HttpContext, id, token);
            return BookingLink.SeeOther(HttpContext, PublicUrls.BookingPath(id));
        }

        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        if (TempData[BookingLink.JustBooked]?.ToString() == id.ToString()) // TempData hands a Guid back as a Guid
        {
            LinkToKeep = urls.LinkToKeep(Request, id, Token!);
        }

        ConfirmCancel = cancel && IsActive(Booking.Status);
        ReturnedFromCheckout = payment == "done";
        CheckoutCancelled = payment == "cancelled";
        return Page();
    }

    /// <summary>What the payment-pending page polls: the booking's status, and what to say once it changed.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { status = ApiFormat.Enum(Booking.Status), statusText = StatusText(Booking.Status), message = AfterPayment(Booking.Status) });
    }

    /// <summary>Pay now for a held booking that has no Checkout Session yet (a slot the draw gave): made now, then off to Stripe.</summary>
    public async Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        var started = await Sender.Send(new StartCheckout(id, Token), ct);
        if (started.IsFailure)
        {
            Problem = started.Error.Message;
            Response.StatusCode = ProblemResults.StatusOf(started.Error.Kind);
            return Page();
        }

        return Redirect(started.Value);
    }

    /// <summary>Mails the booking's address the link that issues the feed; the address itself is never shown here.</summary>
    public async Task<IActionResult> OnPostFeedAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        var requested = await Sender.Send(new RequestAttendeeFeed(id, Token), ct);
        if (requested.IsFailure)
        {
            if (IsAccessError(requested.Error))
            {
                return NotValid();
            }

            Problem = requested.Error.Message;
            Response.StatusCode = ProblemResults.StatusOf(requested.Error.Kind);
            return Page();
        }

        TempData["Notice"] = $"We have sent a link to {Booking.Email}. Open it within an hour to get your calendar subscription address.";
        return BookingLink.SeeOther(HttpContext, PublicUrls.BookingPath(id));
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
            return BookingLink.SeeOther(HttpContext, PublicUrls.BookingPath(id));
        }

        if (IsAccessError(cancelled.Error))
        {
            return NotValid();
        }

        Problem = cancelled.Error.Message;
        Response.StatusCode = ProblemResults.StatusOf(cancelled.Error.Kind);
        return Page();
    }
}
