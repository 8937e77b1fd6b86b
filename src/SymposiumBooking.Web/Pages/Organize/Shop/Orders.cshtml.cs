using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Shop;

namespace SymposiumBooking.Web.Pages.Organize.Shop;

/// <summary>The shop's orders, with the filters as links (to ship, to pick up, shipped, picked up, refunded, all).</summary>
public sealed class OrdersModel(ISender sender) : OrganizerPageModel(sender)
{
    public OrderFilter Filter { get; private set; } = OrderFilter.All;

    public IReadOnlyList<OrderView> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? filter, CancellationToken ct)
    {
        var listed = await Sender.Send(new ListOrders(filter), ct);
        if (listed.IsFailure)
        {
            return NotFound();
        }

        Filter = OrderFilter.Parse(filter).Value;
        Orders = listed.Value;
        return Page();
    }

    /// <summary>The orders to ship as CSV for labels, as the API gives it (<c>GET /api/v1/shop/orders/labels.csv</c>).</summary>
    public async Task<IActionResult> OnGetLabelsAsync(CancellationToken ct)
    {
        var toShip = await Sender.Send(new ListOrders(OrderFilter.ToShip.Name), ct);
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(ShippingLabelsCsv.Write(toShip.Value)), "text/csv; charset=utf-8", "shipping-labels.csv");
    }
}
