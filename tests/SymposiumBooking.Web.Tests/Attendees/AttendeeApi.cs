using System.Net.Http.Json;
using System.Text.Json;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>Booking bodies as dictionaries, so a test can change or drop exactly one field.</summary>
public static class BookingBodies
{
    public static Dictionary<string, object?> Intake(string? note = null) => new()
    {
        ["headTurn"] = "left",
        ["headTilt"] = "none",
        ["painAreas"] = new[] { "neckLeft", "upperBack" },
        ["lastBotoxInjection"] = null,
        ["dbs"] = "none",
        ["bloodThinners"] = false,
        ["recentNeckSurgery"] = false,
        ["comfortablePositions"] = new[] { "seated" },
        ["note"] = note,
        ["consent"] = true,
    };

    public static Dictionary<string, object?> Booking(
        Guid slotId, string email = "ana.ruiz@example.org", string rate = "reduced", string payment = "atTable", string name = "Ana Ruiz") => new()
        {
            ["slotId"] = slotId,
            ["name"] = name,
            ["email"] = email,
            ["phone"] = "+1 312 555 0100",
            ["rate"] = rate,
            ["payment"] = payment,
            ["confirmsCondition"] = rate == "reduced",
            ["intake"] = Intake(),
        };
}

/// <summary>Calls the attendee API the way a phone would.</summary>
public static class AttendeeCalls
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<BookingView> BookOkAsync(this HttpClient client, object body)
    {
        var response = await client.BookAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BookingView>(Json, TestContext.Current.CancellationToken))!;
    }

    public static Task<HttpResponseMessage> WithTokenAsync(this HttpClient client, HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Add(BookingAccess.TokenHeader, token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json, TestContext.Current.CancellationToken))!;
}
