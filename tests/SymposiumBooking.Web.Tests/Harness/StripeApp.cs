using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stripe;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>
/// The app with online payment on: Stripe.net talks to this class's own <see cref="FakeStripe"/>, and the webhook
/// secret is known, so tests post really signed events.
/// </summary>
public class StripeApp : BookingApp
{
    public const string WebhookSecret = "whsec_test_symposium_booking";

    private int _events;

    public FakeStripe Stripe { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Stripe:SecretKey", "sk_test_fake"),
        new("Stripe:WebhookSecret", WebhookSecret),
        new("Stripe:ApiBase", Stripe.BaseUrl),
    ];

    public override async ValueTask InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>An event as Stripe sends it, on the API version Stripe.net expects.</summary>
    public string Event(string type, JsonObject dataObject, string? id = null) => new JsonObject
    {
        ["id"] = id ?? $"evt_{Interlocked.Increment(ref _events):D6}{Guid.NewGuid():N}",
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = Clock.GetUtcNow().ToUnixTimeSeconds(),
        ["type"] = type,
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
    }.ToJsonString();

    /// <summary>The <c>Stripe-Signature</c> header: <c>t=…,v1=HMAC-SHA256(secret, "t.payload")</c>, at the app's clock unless told.</summary>
    public string Sign(string payload, DateTimeOffset? at = null, string secret = WebhookSecret)
    {
        var t = (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Posts an event to the webhook, signed unless <paramref name="withoutSignature"/>.</summary>
    public async Task<HttpResponseMessage> PostEventAsync(HttpClient client, string payload, string? signature = null, bool withoutSignature = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (!withoutSignature)
        {
            request.Headers.Add("Stripe-Signature", signature ?? Sign(payload));
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts a signed event and returns what the app said it did.</summary>
    public async Task<string> DeliverAsync(HttpClient client, string payload)
    {
        var response = await PostEventAsync(client, payload);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        return (string)answer!["outcome"]!;
    }
}
