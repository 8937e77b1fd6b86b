using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class BookingsModel(ISender sender, IOptions<StripeOptions> stripe) : SymposiumPageModel(sender)
{
    public bool OnlinePayment => stripe.Value.OnlinePaymentEnabled;

    public IReadOnlyList<BookingRow> Rows { get; private set; } = [];

    /// <summary>Only the bookings still owing money at the table (<c>?show=to-collect</c>).</summary>
    public bool ToCollect { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? show, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        ToCollect = show == "to-collect";
        var rows = await Sender.Send(new ListSymposiumBookings(id, ToCollect), ct);
        Rows = rows.IsSuccess ? rows.Value : [];
        return Page();
    }

    /// <summary>The same CSV as the API's <c>Accept: text/csv</c>, for a plain download link (a link cannot set Accept).</summary>
    public async Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        var rows = await Sender.Send(new ListSymposiumBookings(id), ct);
        return rows.IsFailure
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(BookingCsv.Write(rows.Value)), "text/csv; charset=utf-8",
                $"bookings-{Symposium.Year}-{Symposium.City}.csv");
    }

    public static string Status(string status) => status switch
    {
        "awaitingPayment" => "Awaiting payment",
        "noShow" => "No-show",
        _ => char.ToUpperInvariant(status[0]) + status[1..],
    };

    public static string Payment(string payment) => payment switch
    {
        "atTable" => "At the table",
        "online" => "Online",
        _ => payment,
    };
}
