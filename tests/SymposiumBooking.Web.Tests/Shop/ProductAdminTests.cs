using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;
using static SymposiumBooking.Web.Tests.Shop.OrganizerShopCalls;
using static SymposiumBooking.Web.Tests.Shop.ShopCalls;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>Organizers add, change, take off sale and delete products; the public list shows only what is on sale.</summary>
public sealed class ProductAdminTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_organizer_adds_a_product_takes_it_off_sale_and_the_public_list_shows_only_products_on_sale()
    {
        var organizer = await app.SignedInClientAsync();

        var created = await organizer.PostJsonAsync(ProductsPath, ProductBody(title: "  The guidebook  ", stock: 25)).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(("The guidebook", "USD", 25, true), (created.Text("title"), created.Text("currency"), created.GetProperty("stock").GetInt32(), created.GetProperty("onSale").GetBoolean()));
        Assert.Contains(created.Id(), await PublicIdsAsync());

        var edited = await organizer.PutJsonAsync($"{ProductsPath}/{created.Id()}", ProductBody(title: "The guidebook, 2nd edition", price: 4500, stock: 7, onSale: false))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("The guidebook, 2nd edition", 4500L, 7, false),
            (edited.Text("title"), edited.GetProperty("priceCents").GetInt64(), edited.GetProperty("stock").GetInt32(), edited.GetProperty("onSale").GetBoolean()));
        Assert.DoesNotContain(created.Id(), await PublicIdsAsync());
        var all = await organizer.SendGetAsync($"{ProductsPath}/all").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(created.Id(), all.EnumerateArray().Select(p => p.Id()));
        await using var db = app.OpenDb();
        Assert.Contains(await db.StaffActions.AsNoTracking().ToListAsync(Ct), a => a.Action == "CreateProduct" && a.TargetIds.Contains(Guid.Parse(created.Id())));
    }

    [Fact]
    public async Task A_product_the_rules_refuse_is_400_with_its_field_and_nothing_is_written()
    {
        var organizer = await app.SignedInClientAsync();
        await using var before = app.OpenDb();
        var count = await before.Products.CountAsync(Ct);

        foreach (var (field, body) in new (string, Dictionary<string, object?>)[]
                 {
                     ("title", ProductBody().With("title", " ")),
                     ("priceCents", ProductBody(price: 0)),
                     ("currency", ProductBody().With("currency", "US")),
                     ("stock", ProductBody(stock: -1)),
                     ("ships", ProductBody().With("ships", false).With("pickupAllowed", false)),
                     ("onSale", ProductBody().Without("onSale")),
                 })
        {
            var problem = await organizer.PostJsonAsync(ProductsPath, body).ProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
            Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), field);
        }

        await using var after = app.OpenDb();
        Assert.Equal(count, await after.Products.CountAsync(Ct));
    }

    [Fact]
    public async Task A_product_with_orders_cannot_be_deleted_and_says_to_take_it_off_sale_while_one_without_orders_is_deleted()
    {
        await app.ScheduleAsync();
        var organizer = await app.SignedInClientAsync();
        var ordered = await app.GuidebookAsync();
        await app.CreateClient().OrderOkAsync(OrderBody(ordered.Id));
        var mistake = await app.GuidebookAsync();

        await organizer.SendDeleteAsync($"{ProductsPath}/{ordered.Id}").ProblemAsync(HttpStatusCode.Conflict, "shop.product_has_orders");
        var deleted = await organizer.SendDeleteAsync($"{ProductsPath}/{mistake.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await organizer.SendDeleteAsync($"{ProductsPath}/{mistake.Id}").ProblemAsync(HttpStatusCode.NotFound, "shop.product_not_found");
        await organizer.PutJsonAsync($"{ProductsPath}/{mistake.Id}", ProductBody()).ProblemAsync(HttpStatusCode.NotFound, "shop.product_not_found");
        await using var db = app.OpenDb();
        Assert.True(await db.Products.AnyAsync(p => p.Id == ordered.Id, Ct));
    }

    [Fact]
    public async Task The_shops_organizer_routes_are_401_without_credentials_and_403_for_a_therapist()
    {
        var schedule = await app.ScheduleAsync();
        var organizer = await app.SignedInClientAsync();
        var therapist = await app.TherapistClientAsync(organizer, schedule.Id.ToString());
        var book = await app.GuidebookAsync();
        var order = await app.CreateClient().OrderOkAsync(OrderBody(book.Id));
        var orderId = Guid.Parse(order.Id());
        var routes = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, $"{ProductsPath}/all", null),
            (HttpMethod.Post, ProductsPath, ProductBody()),
            (HttpMethod.Put, $"{ProductsPath}/{book.Id}", ProductBody(onSale: false)),
            (HttpMethod.Delete, $"{ProductsPath}/{book.Id}", null),
            (HttpMethod.Get, OrdersPath, null),
            (HttpMethod.Get, $"{OrdersPath}/labels.csv", null),
            (HttpMethod.Post, OrderAction(orderId, "paid"), new { method = "cash" }),
            (HttpMethod.Post, OrderAction(orderId, "picked-up"), null),
            (HttpMethod.Post, OrderAction(orderId, "shipped"), new { carrier = "USPS", trackingNumber = "1Z" }),
            (HttpMethod.Post, OrderAction(orderId, "cancel"), null),
        };

        foreach (var (method, url, body) in routes)
        {
            foreach (var (client, status) in new[] { (app.CreateClient(), HttpStatusCode.Unauthorized), (therapist, HttpStatusCode.Forbidden) })
            {
                using var request = new HttpRequestMessage(method, url);
                if (body is not null)
                {
                    request.Content = JsonContent(body);
                }

                var answer = await client.SendAsync(request, Ct);
                Assert.True(answer.StatusCode == status, $"{method} {url}: {answer.StatusCode}");
            }
        }

        Assert.Equal(Domain.Shop.OrderStatus.Reserved, await app.OrderStatusAsync(orderId));
        Assert.Contains(book.Id.ToString(), await PublicIdsAsync());
    }

    [Fact]
    public async Task The_product_form_names_a_price_it_cannot_read_at_its_input_and_adds_the_product_once_it_can()
    {
        var pages = await app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);
        const string page = "/organize/shop/products";
        var title = $"Form guidebook {Guid.NewGuid():N}";
        Dictionary<string, string> Form(string price) => new()
        {
            ["Form.Title"] = title,
            ["Form.Price"] = price,
            ["Form.Currency"] = "USD",
            ["Form.Stock"] = "12",
            ["Form.Delivery"] = "pickup",
            ["Form.OnSale"] = "true",
        };

        var refused = await pages.PostFormAsync(page, page, Form("40,00"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Enter the price as a number with a point for decimals", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#price\"", html, StringComparison.Ordinal);

        var added = await pages.PostFormAsync(page, page, Form("40.00"));

        Assert.Equal((HttpStatusCode.Redirect, "/organize/shop"), (added.StatusCode, added.Headers.Location!.OriginalString));
        await using var db = app.OpenDb();
        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Title == title, Ct);
        Assert.Equal((4000L, 12, false, true, true), (product.PriceCents, product.Stock, product.Ships, product.PickupAllowed, product.OnSale));
        Assert.Contains(title, await pages.GetStringAsync("/organize/shop", Ct), StringComparison.Ordinal);
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private async Task<List<string>> PublicIdsAsync() =>
        [.. (await app.CreateClient().SendGetAsync(ProductsPath).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(p => p.Id())];
}
