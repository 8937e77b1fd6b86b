using System.Text;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// The orders to ship as CSV for a label printer or a mail merge (<c>GET /api/v1/shop/orders/labels.csv</c>): one row per
/// order with the address Stripe Checkout collected, what goes in the parcel, and the order's id to write on it.
/// </summary>
public static class ShippingLabelsCsv
{
    public static string Write(IEnumerable<OrderView> orders)
    {
        var csv = new StringBuilder();
        Csv.Line(csv, ["name", "address_line1", "address_line2", "city", "state", "postal_code", "country", "items", "order_id"]);
        foreach (var o in orders)
        {
            var to = o.ShipTo;
            Csv.Line(csv,
            [
                to?.Name ?? o.Name, to?.Line1 ?? "", to?.Line2 ?? "", to?.City ?? "", to?.State ?? "", to?.PostalCode ?? "", to?.Country ?? "",
                string.Join("; ", o.Items.Select(i => $"{i.Quantity} × {i.Title}")), o.Id.ToString(),
            ]);
        }

        return csv.ToString();
    }
}
