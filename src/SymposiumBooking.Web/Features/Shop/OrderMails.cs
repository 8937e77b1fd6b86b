using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// The shop's mails (docs/shop.md): the order link when an order is placed, the receipt once paid, the carrier and
/// tracking number once posted, and the refund. Each reads the order as it is at send time and carries its link
/// (the token from its protected copy). A mail no longer true (a receipt for an order refunded since) is not sent.
/// </summary>
public sealed class OrderMails(BookingDb db, IDataProtectionProvider protection, PublicUrls urls, IOptions<MailOptions> mail) : MailRenderer(mail)
{
    public static OutboxMessage Queue(string type, Guid orderId, Instant now) =>
        OutboxMessage.Create(type, JsonSerializer.Serialize(new { orderId }), now);

    public override async Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == IdIn(payload, "orderId"), ct);
        if (order is null)
        {
            return null;
        }

        var pickup = order.SymposiumId is { } id && order.Delivery == Delivery.Pickup
            ? await db.Symposia.AsNoTracking().Where(s => s.Id == id).Select(s => $"the {s.Year} ST/Dystonia symposium in {s.City} ({s.VenueName})").FirstOrDefaultAsync(ct)
            : null;
        var link = urls.Order(order.Id, protection.CreateProtector(Orders.LinkPurpose).Unprotect(order.ProtectedToken)).AbsoluteUri;
        var items = string.Join("\n", order.Lines.Select(l => $"  {l.Quantity} × {l.Title}  {Money(l.TotalCents, order.Currency)}"));
        return type switch
        {
            OutboxTypes.OrderLink => Message(order, "Your guidebook order", Placed(order, pickup), items, link),
            OutboxTypes.OrderReceipt when order.Status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.PickedUp =>
                Message(order, "Receipt for your guidebook order", Receipt(order, pickup), items, link),
            OutboxTypes.OrderShipped when order.Status == OrderStatus.Shipped =>
                Message(order, "Your guidebook is on its way",
                    $"Your order was posted with {order.Carrier}. The tracking number is {order.TrackingNumber}.", items, link),
            OutboxTypes.OrderRefunded when order.Status == OrderStatus.Refunded =>
                Message(order, "Your guidebook order was refunded",
                    $"We have refunded {Money(order.TotalCents, order.Currency)} for your order."
                    + (order.Payment == PaymentMethod.Online ? " It can take 5–10 days to reach your card." : ""), items, link),
            _ => null,
        };
    }

    private static string Placed(Order o, string? pickup) => (o.Delivery, o.Payment) switch
    {
        (Delivery.Pickup, PaymentMethod.AtTable) =>
            $"Your copies are reserved for you to pick up and pay ({Money(o.ItemsCents, o.Currency)}) at the massage table at {pickup}.",
        (Delivery.Pickup, _) =>
            $"Your order waits for payment online ({Money(o.ItemsCents, o.Currency)}); once paid you pick it up at the massage table at {pickup}.",
        _ => $"Your order waits for payment online ({Money(o.ItemsCents, o.Currency)} plus shipping, chosen at checkout).",
    };

    private static string Receipt(Order o, string? pickup) =>
        $"Thank you: we received {Money(o.TotalCents, o.Currency)} on {o.PaidAt?.ToDateTimeUtc().ToString("d MMMM yyyy", English)}"
        + (o.ShippingCents > 0 ? $", of which {Money(o.ShippingCents, o.Currency)} is shipping" : "") + ". "
        + (o.Delivery == Delivery.Pickup ? $"Pick it up at the massage table at {pickup}." : "We will write again when it is posted.")
        + " The proceeds pay for the therapists' travel to the symposium. Prices include no sales tax or VAT: taxes are not charged by this shop.";

    private MimeMessage Message(Order o, string subject, string first, string items, string link) =>
        Compose(o.Name, o.Email, subject,
            $"Hello {o.Name},\n\n{first}\n\n{items}\n\nYour order: {link}\n\nKeep this link to yourself: it is the key to your order.\n",
            $"<p>Hello {Html(o.Name)},</p><p>{Html(first)}</p><pre>{Html(items)}</pre><p><a href=\"{Html(link)}\">Open your order</a></p>"
            + "<p>Keep this link to yourself: it is the key to your order.</p>");
}
