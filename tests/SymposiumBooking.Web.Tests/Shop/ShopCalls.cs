using System.Net;
using System.Text.Json;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;

namespace SymposiumBooking.Web.Tests.Shop;

/// <summary>Products and orders as the shop's tests make them.</summary>
public static class ShopCalls
{
    public const string OrdersPath = "/api/v1/shop/orders";

    /// <summary>A guidebook on sale with <paramref name="stock"/> copies, $40, shipped or picked up; saved.</summary>
    public static async Task<Product> GuidebookAsync(this BookingApp app, int stock = 10, bool ships = true, bool pickup = true)
    {
        var product = Product.Create(
            new ProductDetails($"Guidebook {Guid.NewGuid():N}", "Massage for cervical dystonia.", 4000, "USD", stock, ships, pickup, OnSale: true),
            app.Now()).Value;
        await using var db = app.OpenDb();
        db.Add(product);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return product;
    }

    public static Dictionary<string, object?> OrderBody(
        Guid productId, int quantity = 1, string delivery = "pickup", string payment = "atTable", string? email = null) => new()
        {
            ["items"] = new[] { new Dictionary<string, object?> { ["productId"] = productId, ["quantity"] = quantity } },
            ["name"] = "Bea Buyer",
            ["email"] = email ?? BookingSeed.UniqueEmail("buyer"),
            ["delivery"] = delivery,
            ["payment"] = payment,
        };

    /// <summary>Posts an order, with an <c>Idempotency-Key</c> when given one.</summary>
    public static Task<HttpResponseMessage> OrderAsync(this HttpClient client, Dictionary<string, object?> body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, OrdersPath) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> OrderOkAsync(this HttpClient client, Dictionary<string, object?> body) =>
        await client.PostJsonAsync(OrdersPath, body).ExpectAsync(HttpStatusCode.Created);
}
