using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Features.Shop;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Organize.Shop;

/// <summary>What the order page's forms send: how a reservation was paid, or the carrier and tracking number.</summary>
public sealed class OrderActionForm
{
    public string? Method { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }
}

/// <summary>
/// One order for the organizers: what was ordered, by whom, how it is delivered, and the actions its state allows
/// (paid at the table, picked up, shipped, cancel the reservation), each a form that posts and comes back here.
/// </summary>
public sealed class OrderModel(ISender sender) : OrganizerPageModel(sender)
{
    public static readonly IReadOnlyList<Choice> Methods =
    [
        new(ApiFormat.Enum(TablePaymentMethod.Cash), "Cash"),
        new(ApiFormat.Enum(TablePaymentMethod.Card), "Card"),
        new(ApiFormat.Enum(TablePaymentMethod.Other), "Other"),
    ];

    [BindProperty]
    public OrderActionForm Form { get; set; } = new();

    public OrderView Order { get; private set; } = null!;

    /// <summary>The refund's confirm step is shown (<c>?refund=confirm</c>).</summary>
    public bool ConfirmRefund { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orderId, string? refund, CancellationToken ct)
    {
        ConfirmRefund = refund == "confirm";
        Form.Method = ApiFormat.Enum(TablePaymentMethod.Cash);
        return await LoadAsync(orderId, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostPaidAsync(Guid orderId, CancellationToken ct)
    {
        var method = Enum.GetValues<TablePaymentMethod>().Cast<TablePaymentMethod?>().FirstOrDefault(m => ApiFormat.Enum(m!.Value) == Form.Method);
        return ActAsync(orderId, new RecordOrderPaid(orderId, StaffReader.UserIdOf(User), new OrderPaidBody(method)), o => $"{o.Name}'s order is paid; the receipt is mailed.", ct);
    }

    public Task<IActionResult> OnPostPickedUpAsync(Guid orderId, CancellationToken ct) =>
        ActAsync(orderId, new MarkOrderPickedUp(orderId), o => $"{o.Name}'s order is picked up.", ct);

    public Task<IActionResult> OnPostShippedAsync(Guid orderId, CancellationToken ct) =>
        ActAsync(orderId, new MarkOrderShipped(orderId, new ShippedBody(Form.Carrier, Form.TrackingNumber)),
            o => $"{o.Name}'s order is shipped; the tracking number is mailed.", ct);

    public Task<IActionResult> OnPostCancelAsync(Guid orderId, CancellationToken ct) =>
        ActAsync(orderId, new CancelOrder(orderId), o => $"{o.Name}'s reservation is cancelled; its copies are back on sale.", ct);

    /// <summary>shop-pay's <see cref="RefundOrder"/>: online through Stripe, at the table recorded as handed back.</summary>
    public Task<IActionResult> OnPostRefundAsync(Guid orderId, CancellationToken ct) =>
        ActAsync(orderId, new RefundOrder(orderId), o => $"{o.Name}'s order is refunded ({Display.Money(o.TotalCents, o.Currency)}); the buyer is mailed.", ct);

    private async Task<IActionResult> ActAsync(Guid orderId, ICommand<Result<OrderView>> command, Func<OrderView, string> notice, CancellationToken ct)
    {
        var done = await Sender.Send(command, ct);
        if (done.IsSuccess)
        {
            return Done($"/organize/shop/orders/{orderId}", notice(done.Value));
        }

        return await LoadAsync(orderId, ct) ? Refused(done.Error) : NotFound();
    }

    private async Task<bool> LoadAsync(Guid orderId, CancellationToken ct)
    {
        var found = await Sender.Send(new GetOrderForOrganizers(orderId), ct);
        if (found.IsFailure)
        {
            return false;
        }

        Order = found.Value;
        return true;
    }
}
