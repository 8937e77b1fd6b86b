using System.Globalization;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features.Shop;

namespace SymposiumBooking.Web.Pages.Organize.Shop;

/// <summary>How the organizers' shop pages write an order's status, delivery and times (UTC: an order has no venue zone of its own).</summary>
public static class ShopDisplay
{
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment => "Awaiting payment online",
        OrderStatus.Reserved => "Reserved, to pay at the table",
        OrderStatus.Paid => "Paid",
        OrderStatus.Shipped => "Shipped",
        OrderStatus.PickedUp => "Picked up",
        OrderStatus.Expired => "Expired unpaid",
        OrderStatus.Refunded => "Refunded",
        OrderStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    /// <summary>The status badge's class, from the ones bookings use (site.css).</summary>
    public static string StatusClass(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment or OrderStatus.Reserved => "status-awaitingPayment",
        OrderStatus.Paid => "status-confirmed",
        OrderStatus.Shipped or OrderStatus.PickedUp => "status-completed",
        OrderStatus.Refunded => "status-refunded",
        OrderStatus.Cancelled => "status-cancelled",
        _ => "status-expired",
    };

    public static string Delivery(OrderView o) => (o.Delivery, o.Payment) switch
    {
        (Domain.Shop.Delivery.Ship, _) => "Posted, paid online",
        (Domain.Shop.Delivery.Pickup, PaymentMethod.AtTable) => "Pickup at the table, paid there",
        _ => "Pickup at the table, paid online",
    };

    public static string Items(OrderView o) => string.Join(", ", o.Items.Select(i => $"{i.Quantity} × {i.Title}"));

    public static string Utc(Instant? at) =>
        at is { } t ? t.ToDateTimeUtc().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";
}
