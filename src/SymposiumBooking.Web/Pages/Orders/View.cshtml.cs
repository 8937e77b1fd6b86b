using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Shop;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Pages.Bookings;

namespace SymposiumBooking.Web.Pages.Orders;

/// <summary>
/// The buyer's order, opened with its cookie (<see cref="OrderCookie"/>; the link's <c>?t=</c> is swapped for it and
/// the browser sent on to the bare address): its status in plain words, what was ordered and what it cost, where and
/// when it is picked up or where it is posted with its tracking, and "Pay now" while it waits for payment. Without a
/// valid cookie it says only that the link is not valid, with 404, never whether the order exists.
/// </summary>
public sealed class ViewOrderModel(ISender sender, PublicUrls urls) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    /// <summary>The symposium whose table a pickup is collected at; null for a posted order.</summary>
    public SymposiumView? Pickup { get; private set; }

    public bool LinkNotValid { get; private set; }

    /// <summary>Right after ordering: the link to keep, shown this once.</summary>
    public string? LinkToKeep { get; private set; }

    /// <summary>Back from Stripe Checkout (its success_url). The redirect proves nothing: only Stripe's webhook marks it paid.</summary>
    public bool ReturnedFromCheckout { get; private set; }

    /// <summary>Back from Stripe Checkout without paying (its cancel_url).</summary>
    public bool CheckoutCancelled { get; private set; }

    public bool PaymentPending => Order.Status == OrderStatus.AwaitingPayment;

    public async Task<IActionResult> OnGetAsync(Guid id, string? payment, CancellationToken ct)
    {
        if (Request.Query[PublicUrls.TokenQuery] is [{ Length: > 0 } token])
        {
            if ((await sender.Send(new GetOrder(id, token), ct)).IsFailure)
            {
                return NotValid();
            }

            OrderCookie.Remember(HttpContext, id, token);
            return BookingLink.SeeOther(HttpContext, PublicUrls.OrderPath(id));
        }

        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        if (TempData[OrderCookie.JustOrdered]?.ToString() == id.ToString())
        {
            LinkToKeep = urls.OrderLinkToKeep(Request, id, OrderCookie.TokenOf(Request, id)!);
        }

        ReturnedFromCheckout = payment == "done";
        CheckoutCancelled = payment == "cancelled";
        return Page();
    }

    /// <summary>What the payment-pending page polls (js/payment-status.js): the order's status, and what to say once it changed.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { status = ApiFormat.Enum(Order.Status), statusText = StatusText(Order.Status), message = AfterPayment(Order) });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var token = OrderCookie.TokenOf(Request, id);
        var found = token is null ? ShopErrors.OrderNotFound : await sender.Send(new GetOrder(id, token), ct);
        if (found.IsFailure)
        {
            return false;
        }

        Order = found.Value;
        if (Order is { Delivery: Delivery.Pickup, SymposiumId: { } symposiumId } && await sender.Send(new GetSymposium(symposiumId), ct) is { IsSuccess: true } symposium)
        {
            Pickup = symposium.Value;
        }

        return true;
    }

    private PageResult NotValid()
    {
        LinkNotValid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public static string StatusText(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment => "Waiting for your payment",
        OrderStatus.Reserved => "Reserved: pay at pickup",
        OrderStatus.Paid => "Paid",
        OrderStatus.Shipped => "Posted",
        OrderStatus.PickedUp => "Picked up",
        OrderStatus.Expired => "Expired: not paid in time",
        OrderStatus.Refunded => "Refunded",
        OrderStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    /// <summary>What the order's state means for the buyer, in a sentence.</summary>
    public static string AfterPayment(OrderView o) => o.Status switch
    {
        OrderStatus.AwaitingPayment => "We are waiting for Stripe to confirm your payment.",
        OrderStatus.Paid when o.Delivery == Delivery.Pickup => "Payment received, thank you. Pick your order up at the symposium's massage table; a receipt is on its way by mail.",
        OrderStatus.Paid => "Payment received, thank you. We will post your order and write again with its tracking number; a receipt is on its way by mail.",
        OrderStatus.Expired => "The payment did not arrive in time, so the copies went back on sale. Please order again.",
        _ => StatusText(o.Status),
    };
}
