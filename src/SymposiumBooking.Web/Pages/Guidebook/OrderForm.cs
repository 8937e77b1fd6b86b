using System.Globalization;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features.Shop;
using SymposiumBooking.Web.Pages.Book;

namespace SymposiumBooking.Web.Pages.Guidebook;

/// <summary>
/// The guidebook's order form as the browser sends it: how many copies of each product in stock (blank or 0: none),
/// who, how it is delivered and paid. Reading it into an <see cref="OrderBody"/> only translates; what is missing
/// stays null for the request's validator to name.
/// </summary>
public sealed class OrderForm
{
    public List<ItemForm> Items { get; set; } = [];

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Delivery { get; set; }

    public string? Payment { get; set; }

    /// <summary>Made when the page is first shown and posted back: pressing the button twice makes one order.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The order, and the index of each quantity that is not a whole number (the page names those itself).</summary>
    public (OrderBody Body, IReadOnlyList<int> Unreadable) ToBody()
    {
        var items = new List<ItemBody>();
        var unreadable = new List<int>();
        for (var i = 0; i < Items.Count; i++)
        {
            var text = Items[i].Quantity?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                unreadable.Add(i);
                continue;
            }

            if (quantity > 0)
            {
                items.Add(new ItemBody(Items[i].ProductId, quantity));
            }
        }

        var body = new OrderBody(
            items, Name?.Trim(), Email?.Trim(), BookingForm.Choice<Delivery>(Delivery), BookingForm.Choice<PaymentMethod>(Payment));
        return (body, unreadable);
    }
}

/// <summary>One product's line of the form: the quantity typed, and the product it is for (a hidden input).</summary>
public sealed class ItemForm
{
    public string? Quantity { get; set; }

    public Guid ProductId { get; set; }
}
