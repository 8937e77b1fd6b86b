using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features.Shop;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Pages.Book;
using SymposiumBooking.Web.Pages.Bookings;
using SymposiumBooking.Web.Pages.Forms;
using SymposiumBooking.Web.Pages.Orders;

namespace SymposiumBooking.Web.Pages.Guidebook;

/// <summary>
/// The shop (docs/shop.md): what the guidebook is, each product on sale with its price and the copies left, and the
/// order form. It offers only what can be ordered now: shipping when online payment is on (a posted order is paid
/// online), pickup when this year's symposium is coming, paying at the table only with pickup. An order paid online
/// goes on to Stripe Checkout; one paid at the table to its own page.
/// </summary>
[EnableRateLimiting(RateLimits.Booking)]
[FormsReadByHand]
public sealed class GuidebookModel(ISender sender, IOptions<StripeOptions> stripe) : PageModel
{
    [BindProperty]
    public OrderForm Form { get; set; } = new();

    /// <summary>The products on sale, in stock or sold out.</summary>
    public IReadOnlyList<ProductView> Products { get; private set; } = [];

    /// <summary>This year's symposium, where an order is picked up; null when none is coming.</summary>
    public SymposiumView? Pickup { get; private set; }

    public bool OnlinePayment => stripe.Value.OnlinePaymentEnabled;

    /// <summary>Posting is offered when a product in stock ships and it can be paid online.</summary>
    public bool CanShip => OnlinePayment && InStock.Any(p => p.Ships);

    public bool CanPickUp => Pickup is not null && InStock.Any(p => p.PickupAllowed);

    public bool CanOrder => CanShip || CanPickUp;

    /// <summary>The product of each of the form's quantity inputs, in the same order.</summary>
    public IReadOnlyList<ProductView> InStock => [.. Products.Where(p => p.Stock > 0)];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(firstVisit: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(firstVisit: false, ct);
        var (body, unreadable) = Form.ToBody();
        if (unreadable.Count > 0)
        {
            foreach (var i in unreadable)
            {
                ModelState.AddFormProblem($"{nameof(OrderForm.Items)}[{i}].{nameof(ItemForm.Quantity)}", "Enter the number of copies as a whole number, such as 2.");
            }

            return this.Unreadable(new PlaceOrder(body));
        }

        // A form without a usable key (an old tab, a hand-made post) still orders at most once from here on.
        if (Form.IdempotencyKey is not { } key || !IdempotentWrites.IsValidKey(key))
        {
            Form.IdempotencyKey = key = Guid.NewGuid().ToString();
        }

        var placed = await sender.Send(new PlaceOrder(body, key), ct);
        if (placed.Error?.Code == IdempotentWrites.KeyReused.Code)
        {
            // This form already made an order, and then was changed and sent again: a new order needs a new key.
            Form.IdempotencyKey = Guid.NewGuid().ToString();
            ModelState.AddModelError("", "This form has already been used to order. To order again, check your answers and press the button again.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (placed.IsFailure)
        {
            return this.Refused(placed.Error);
        }

        var order = placed.Value;
        OrderCookie.Remember(HttpContext, order.Id, order.Token!);
        TempData[OrderCookie.JustOrdered] = order.Id;
        return BookingLink.SeeOther(HttpContext, order.CheckoutUrl ?? PublicUrls.OrderPath(order.Id));
    }

    /// <summary>
    /// Reads the products and where to pick up, and lines the form's quantities up with the products in stock (a
    /// posted quantity stays with its product). On the first visit a choice with only one possible answer is made
    /// for the buyer, and a lone product starts at one copy.
    /// </summary>
    private async Task LoadAsync(bool firstVisit, CancellationToken ct)
    {
        Products = (await sender.Send(new ListProducts(), ct)).Value;
        Pickup = await sender.Send(new GetPickupSymposium(), ct);
        var posted = Form.Items.Where(i => i.ProductId != Guid.Empty).GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => g.First().Quantity);
        var inStock = InStock;
        Form.Items = [.. inStock.Select(p => new ItemForm { ProductId = p.Id, Quantity = firstVisit && inStock.Count == 1 ? "1" : posted.GetValueOrDefault(p.Id) })];
        if (!firstVisit)
        {
            return; // what was posted is what the handler judges
        }

        Form.IdempotencyKey = Guid.NewGuid().ToString();

        if (CanShip != CanPickUp)
        {
            Form.Delivery = Choices.Value(CanShip ? Delivery.Ship : Delivery.Pickup);
        }

        if (!OnlinePayment || !CanPickUp)
        {
            Form.Payment = Choices.Value(OnlinePayment ? PaymentMethod.Online : PaymentMethod.AtTable);
        }
    }
}
