using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>
/// The shop's pages without Stripe: /guidebook offers pickup paid at the table, shows the form's refusals where they
/// belong and writes nothing for them; an order placed there opens its page by cookie, and the order link's token is
/// swapped for that cookie and never shown again. Nobody opens another person's order.
/// </summary>
public sealed partial class ShopPageTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string ShopPage = "/guidebook";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_guidebook_page_shows_price_copies_left_and_offers_pickup_paid_at_the_table_without_stripe()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 3);
        var soldOut = await app.GuidebookAsync(stock: 0);

        var page = await Browser().GetStringAsync(ShopPage, Ct);

        Assert.Contains(book.Title, page, StringComparison.Ordinal);
        Assert.Contains("40.00 USD a copy", page, StringComparison.Ordinal);
        Assert.Matches(ProductFact(book.Id, "3 copies left"), page);
        Assert.Matches(ProductFact(soldOut.Id, "Sold out"), page);
        Assert.Contains("No sales tax or VAT is charged by this shop", page, StringComparison.Ordinal);
        Assert.Contains("You pick it up at the massage table at the", page, StringComparison.Ordinal); // the one way without Stripe
        Assert.Contains("You pay at the table when you pick it up", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Pay online now", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Post it to me", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{soldOut.Id}\"", page, StringComparison.Ordinal); // nothing to order of it
    }

    [Fact]
    public async Task The_forms_refusals_are_shown_at_their_inputs_and_nothing_is_ordered()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 3);
        var browser = Browser();

        var unreadable = await PostAsync(browser, book.Id, quantity: "two", name: "", email: "not an address");
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        var html = await unreadable.Content.ReadAsStringAsync(Ct);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Enter the number of copies as a whole number, such as 2.", html, StringComparison.Ordinal);
        Assert.Contains("Enter your name.", html, StringComparison.Ordinal);
        Assert.Contains("Enter an email address like name@example.com.", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not an address\"", html, StringComparison.Ordinal); // what was typed stays

        var tooMany = await PostAsync(browser, book.Id, quantity: "11");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("Order between 1 and 10 copies in all.", await tooMany.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var soldOut = await PostAsync(browser, book.Id, quantity: "4");
        Assert.Equal(HttpStatusCode.Conflict, soldOut.StatusCode);
        Assert.Contains("there are not that many copies left", await soldOut.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var online = await PostAsync(browser, book.Id, quantity: "1", payment: "online");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, online.StatusCode);

        await using var db = app.OpenDb();
        Assert.Equal(3, await db.Products.Where(p => p.Id == book.Id).Select(p => p.Stock).SingleAsync(Ct));
        var orders = await db.Orders.AsNoTracking().ToListAsync(Ct);
        Assert.DoesNotContain(orders, o => o.Lines.Any(l => l.ProductId == book.Id));
    }

    [Fact]
    public async Task An_order_placed_on_the_page_opens_its_own_page_reserved_with_the_link_to_keep_once()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var browser = Browser();

        var placed = await PostAsync(browser, book.Id, quantity: "2");

        Assert.Equal(HttpStatusCode.SeeOther, placed.StatusCode);
        var orderPath = placed.Headers.Location!.OriginalString;
        Assert.Matches(OrderPathPattern(), orderPath);
        var first = await browser.GetStringAsync(orderPath, Ct);
        Assert.Contains("Reserved: pay at pickup", first, StringComparison.Ordinal);
        Assert.Contains("80.00 USD", first, StringComparison.Ordinal);
        Assert.Contains("Keep this link", first, StringComparison.Ordinal);
        Assert.Contains($"{orderPath}?t=", first, StringComparison.Ordinal);
        var again = await browser.GetStringAsync(orderPath, Ct);
        Assert.DoesNotContain("?t=", again, StringComparison.Ordinal); // shown once
        Assert.Contains("Picking it up", again, StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.Equal(3, await db.Products.Where(p => p.Id == book.Id).Select(p => p.Stock).SingleAsync(Ct));
    }

    [Fact]
    public async Task Pressing_order_twice_makes_one_order_and_the_same_form_changed_makes_none()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var browser = Browser();
        var page = await browser.GetStringAsync(ShopPage, Ct);
        var key = IdempotencyKey().Match(page).Groups[1].Value;
        Assert.True(Guid.TryParse(key, out _));
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageClients.AntiforgeryToken(page),
            ["Form.IdempotencyKey"] = key,
            ["Form.Items[0].ProductId"] = book.Id.ToString(),
            ["Form.Items[0].Quantity"] = "2",
            ["Form.Name"] = "Double Presser",
            ["Form.Email"] = BookingSeed.UniqueEmail("double"),
            ["Form.Delivery"] = "pickup",
            ["Form.Payment"] = "atTable",
        };

        var presses = await Task.WhenAll(browser.PostAsync(ShopPage, new FormUrlEncodedContent(form), Ct), browser.PostAsync(ShopPage, new FormUrlEncodedContent(form), Ct));

        Assert.All(presses, p => Assert.Equal(HttpStatusCode.SeeOther, p.StatusCode));
        Assert.Single(presses.Select(p => p.Headers.Location!.OriginalString).Distinct());
        form["Form.Items[0].Quantity"] = "1";
        var changed = await browser.PostAsync(ShopPage, new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        var html = await changed.Content.ReadAsStringAsync(Ct);
        Assert.Contains("This form has already been used to order.", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{key}\"", html, StringComparison.Ordinal); // pressing again orders anew
        await using var db = app.OpenDb();
        Assert.Equal(3, await db.Products.Where(p => p.Id == book.Id).Select(p => p.Stock).SingleAsync(Ct));
    }

    [Fact]
    public async Task The_order_link_swaps_its_token_for_a_cookie_and_the_page_never_shows_the_token()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var order = await app.CreateClient().OrderOkAsync(OrderBody(book.Id, quantity: 2));
        var (id, token) = (order.GetProperty("id").GetGuid(), order.GetProperty("token").GetString()!);
        var browser = Browser();

        var swapped = await browser.GetAsync($"/orders/{id}?t={Uri.EscapeDataString(token)}", Ct);

        Assert.Equal(HttpStatusCode.SeeOther, swapped.StatusCode);
        Assert.Equal($"/orders/{id}", swapped.Headers.Location!.OriginalString);
        var cookie = Assert.Single(swapped.Headers.GetValues("Set-Cookie"));
        Assert.Contains($"sb-order-{id:N}=", cookie, StringComparison.Ordinal);
        Assert.Contains($"path=/orders/{id}", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var page = await browser.GetStringAsync($"/orders/{id}", Ct);
        Assert.Contains("Your guidebook order", page, StringComparison.Ordinal);
        Assert.Contains("Reserved: pay at pickup", page, StringComparison.Ordinal);
        Assert.DoesNotContain(token, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(token), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_persons_order_is_not_found_without_its_cookie_and_with_a_wrong_token()
    {
        await app.ScheduleAsync();
        var book = await app.GuidebookAsync(stock: 5);
        var theirs = await app.CreateClient().OrderOkAsync(OrderBody(book.Id));
        var mine = await app.CreateClient().OrderOkAsync(OrderBody(book.Id));
        var theirId = theirs.GetProperty("id").GetGuid();
        var browser = Browser();
        await browser.GetAsync($"/orders/{mine.GetProperty("id").GetGuid()}?t={Uri.EscapeDataString(mine.GetProperty("token").GetString()!)}", Ct);

        var noCookie = await browser.GetAsync($"/orders/{theirId}", Ct);
        var myToken = await browser.GetAsync($"/orders/{theirId}?t={Uri.EscapeDataString(mine.GetProperty("token").GetString()!)}", Ct);
        var unknown = await browser.GetAsync($"/orders/{Guid.CreateVersion7()}", Ct);

        foreach (var answer in new[] { noCookie, myToken, unknown })
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            var html = await answer.Content.ReadAsStringAsync(Ct);
            Assert.Contains("This link is not valid", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Bea Buyer", html, StringComparison.Ordinal);
        }

        Assert.False(myToken.Headers.Contains("Set-Cookie") && myToken.Headers.GetValues("Set-Cookie").Any(c => c.Contains($"sb-order-{theirId:N}", StringComparison.Ordinal)));
    }

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts the order form as the page draws it, for one product (the page lines the quantity up with it).</summary>
    private static Task<HttpResponseMessage> PostAsync(
        HttpClient browser, Guid productId, string quantity, string name = "Page Buyer", string? email = null, string payment = "atTable") =>
        browser.PostFormAsync(ShopPage, ShopPage, new Dictionary<string, string>
        {
            ["Form.Items[0].ProductId"] = productId.ToString(),
            ["Form.Items[0].Quantity"] = quantity,
            ["Form.Name"] = name,
            ["Form.Email"] = email ?? BookingSeed.UniqueEmail("page"),
            ["Form.Delivery"] = "pickup",
            ["Form.Payment"] = payment,
        });

    private static Regex ProductFact(Guid productId, string stock) =>
        new($"id=\"product-{productId}\"[\\s\\S]*?<dd class=\"stock\">{Regex.Escape(stock)}</dd>");

    [GeneratedRegex("name=\"Form.IdempotencyKey\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex IdempotencyKey();

    [GeneratedRegex("^/orders/[0-9a-f-]{36}$")]
    private static partial Regex OrderPathPattern();
}
