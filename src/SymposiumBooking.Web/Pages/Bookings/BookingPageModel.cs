using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;

namespace SymposiumBooking.Web.Pages.Bookings;

/// <summary>
/// A page about one booking, opened with the booking's cookie (<see cref="BookingCookie"/>). Without a valid one the
/// page says only that the link is not valid, with 404: it never tells whether the booking exists.
/// </summary>
public abstract class BookingPageModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    public BookingView Booking { get; private set; } = null!;

    public bool LinkNotValid { get; private set; }

    /// <summary>A refusal to show above the page (the slot was taken, the cutoff has passed).</summary>
    public string? Problem { get; protected set; }

    protected string? Token { get; private set; }

    protected async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Token = BookingCookie.TokenOf(Request, id);
        if (Token is null)
        {
            return false;
        }

        var found = await Sender.Send(new GetBooking(id, Token), ct);
        if (found.IsFailure)
        {
            return false;
        }

        Booking = found.Value;
        return true;
    }

    protected PageResult NotValid()
    {
        LinkNotValid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    protected static bool IsAccessError(Domain.Common.Error error) =>
        error.Code == BookingErrors.NotFound.Code || error.Code == BookingErrors.TokenRequired.Code;

    public static bool IsActive(BookingStatus status) => status is BookingStatus.Confirmed or BookingStatus.AwaitingPayment;

    public static string StatusText(BookingStatus status) => status switch
    {
        BookingStatus.AwaitingPayment => "Awaiting payment",
        BookingStatus.Confirmed => "Confirmed",
        BookingStatus.Cancelled => "Cancelled",
        BookingStatus.Expired => "Expired: not paid in time",
        BookingStatus.Refunded => "Refunded",
        BookingStatus.Completed => "Completed",
        BookingStatus.NoShow => "Missed",
        _ => status.ToString(),
    };
}
