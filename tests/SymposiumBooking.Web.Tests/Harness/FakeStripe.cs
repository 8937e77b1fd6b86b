using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>One request Stripe.net made: its form fields (or query) flattened as Stripe encodes them.</summary>
public sealed record StripeRequest(string Method, string Path, string? IdempotencyKey, IReadOnlyDictionary<string, string> Fields, bool Replayed)
{
    public string this[string field] => Fields[field];
}

/// <summary>
/// A small Stripe on real Kestrel (127.0.0.1, a free port) for Stripe.net: Checkout Sessions (create, list), refunds
/// (create, list), Stripe's idempotency (a key seen before replays the first answer). Every request is recorded.
/// It answers the JSON shapes Stripe.net deserializes; the test drives what happens at Stripe (<see cref="Pay"/>,
/// <see cref="Expire"/>) and posts the matching signed events to the app.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _sessions = new();
    private readonly ConcurrentDictionary<string, JsonObject> _refunds = new();
    private readonly ConcurrentDictionary<string, string> _idempotent = new();
    private int _next;

    private FakeStripe(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<StripeRequest> Requests { get; } = new();

    /// <summary>While set, every call answers 503 as if Stripe were down (and records nothing else).</summary>
    public bool Down { get; set; }

    public IReadOnlyList<StripeRequest> RequestsTo(string method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    public JsonObject Session(string id) => _sessions[id];

    public JsonObject SessionOf(Guid bookingId) => _sessions.Values.Single(s => (string?)s["client_reference_id"] == bookingId.ToString());

    /// <summary>An order's session: the one whose metadata names the order.</summary>
    public JsonObject SessionOfOrder(Guid orderId) => _sessions.Values.Single(s => (string?)s["metadata"]!["order_id"] == orderId.ToString());

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripe(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The attendee paid: the session completes with a payment intent; returns the session as the event carries it.</summary>
    public JsonObject Pay(Guid bookingId)
    {
        var session = SessionOf(bookingId);
        lock (session)
        {
            session["status"] = "complete";
            session["payment_status"] = "paid";
            session["payment_intent"] ??= "pi_" + Id();
            return (JsonObject)session.DeepClone();
        }
    }

    public JsonObject Expire(Guid bookingId) => Expire(SessionOf(bookingId));

    /// <summary>
    /// The buyer paid an order: for a posted order with the shipping rate at <paramref name="rate"/> and an address in
    /// <paramref name="country"/> (which must be allowed); the total grows by the rate, as Checkout's does.
    /// </summary>
    public JsonObject PayOrder(Guid orderId, int rate = 0, string country = "US")
    {
        var session = SessionOfOrder(orderId);
        lock (session)
        {
            if (session["shipping_options"] is JsonArray { Count: > 0 } options && session["shipping_cost"] is null)
            {
                var allowed = session["shipping_address_collection"]!["allowed_countries"]!.AsArray().Select(c => (string?)c);
                Assert.Contains(country, allowed);
                var amount = (long)options[rate]!["shipping_amount"]!;
                session["shipping_cost"] = new JsonObject
                {
                    ["amount_subtotal"] = amount,
                    ["amount_tax"] = 0,
                    ["amount_total"] = amount,
                    ["shipping_rate"] = options[rate]!["shipping_rate"]!.DeepClone(),
                };
                session["total_details"] = new JsonObject { ["amount_discount"] = 0, ["amount_shipping"] = amount, ["amount_tax"] = 0 };
                session["amount_total"] = (long)session["amount_total"]! + amount;
                session["collected_information"] = new JsonObject
                {
                    ["shipping_details"] = new JsonObject
                    {
                        ["name"] = "Bea Buyer",
                        ["address"] = new JsonObject
                        {
                            ["line1"] = "1 Neck Lane",
                            ["line2"] = null,
                            ["city"] = "Springfield",
                            ["state"] = "IL",
                            ["postal_code"] = "62701",
                            ["country"] = country,
                        },
                    },
                };
            }

            session["status"] = "complete";
            session["payment_status"] = "paid";
            session["payment_intent"] ??= "pi_" + Id();
            return (JsonObject)session.DeepClone();
        }
    }

    public JsonObject ExpireOrder(Guid orderId) => Expire(SessionOfOrder(orderId));

    /// <summary>A refund of an order's payment made in Stripe's dashboard: the charge as <c>charge.refunded</c> carries it.</summary>
    public JsonObject RefundOrderInDashboard(Guid orderId) => RefundInDashboard(SessionOfOrder(orderId));

    private static JsonObject Expire(JsonObject session)
    {
        lock (session)
        {
            session["status"] = "expired";
            return (JsonObject)session.DeepClone();
        }
    }

    /// <summary>A refund made in Stripe's dashboard: the charge as <c>charge.refunded</c> carries it.</summary>
    public JsonObject RefundInDashboard(Guid bookingId) => RefundInDashboard(SessionOf(bookingId));

    private JsonObject RefundInDashboard(JsonObject session)
    {
        var refund = NewRefund((string)session["payment_intent"]!, (long)session["amount_total"]!, (string)session["currency"]!, new JsonObject());
        return Charge(session, refund);
    }

    /// <summary>The charge of a paid session after <paramref name="refund"/> (a refund object) went through.</summary>
    public static JsonObject Charge(JsonObject session, JsonObject refund) => new()
    {
        ["id"] = "ch_" + ((string)session["payment_intent"]!)[3..],
        ["object"] = "charge",
        ["amount"] = session["amount_total"]!.DeepClone(),
        ["amount_refunded"] = session["amount_total"]!.DeepClone(),
        ["currency"] = session["currency"]!.DeepClone(),
        ["paid"] = true,
        ["refunded"] = true,
        ["status"] = "succeeded",
        ["payment_intent"] = session["payment_intent"]!.DeepClone(),
        ["metadata"] = session["metadata"]!.DeepClone(),
        ["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(refund.DeepClone()), ["has_more"] = false, ["url"] = "/v1/refunds" },
    };

    public IReadOnlyList<JsonObject> Refunds => [.. _refunds.Values];

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var fields = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var key = request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        if (Down)
        {
            Requests.Enqueue(new StripeRequest(request.Method, request.Path, key, fields, false));
            await Answer(http, 503, """{"error":{"type":"api_error","message":"Stripe is down (fake)."}}""");
            return;
        }

        var replay = key is not null && request.Method == "POST" && _idempotent.ContainsKey(request.Method + request.Path + key);
        Requests.Enqueue(new StripeRequest(request.Method, request.Path, key, fields, replay));
        if (replay)
        {
            await Answer(http, 200, _idempotent[request.Method + request.Path + key!]);
            return;
        }

        var (status, body) = (request.Method, request.Path.Value) switch
        {
            ("POST", "/v1/checkout/sessions") => (200, CreateSession(fields).ToJsonString()),
            ("GET", "/v1/checkout/sessions") => (200, List("/v1/checkout/sessions", _sessions.Values, fields)),
            ("POST", "/v1/refunds") => CreateRefund(fields),
            ("GET", "/v1/refunds") => (200, List("/v1/refunds", _refunds.Values, fields)),
            _ => (404, """{"error":{"type":"invalid_request_error","message":"Unknown path (fake)."}}"""),
        };
        if (key is not null && status == 200 && request.Method == "POST")
        {
            _idempotent[request.Method + request.Path + key] = body;
        }

        await Answer(http, status, body);
    }

    private JsonObject CreateSession(Dictionary<string, string> f)
    {
        var id = "cs_test_" + Id();
        var metadata = new JsonObject();
        foreach (var (name, value) in f.Where(x => x.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[name["metadata[".Length..^1]] = value;
        }

        var lines = Indexed(f, "line_items", (i, p) =>
        {
            var quantity = long.Parse(f.GetValueOrDefault($"{p}[quantity]", "1"), CultureInfo.InvariantCulture);
            var unit = long.Parse(f[$"{p}[price_data][unit_amount]"], CultureInfo.InvariantCulture);
            return new JsonObject
            {
                ["description"] = f[$"{p}[price_data][product_data][name]"],
                ["quantity"] = quantity,
                ["unit_amount"] = unit,
                ["amount_total"] = unit * quantity,
            };
        });
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = f["mode"],
            ["url"] = $"{BaseUrl}/c/pay/{id}",
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["amount_total"] = lines.Sum(l => (long)l!["amount_total"]!),
            ["currency"] = f["line_items[0][price_data][currency]"],
            ["client_reference_id"] = f["client_reference_id"],
            ["customer_email"] = f["customer_email"],
            ["metadata"] = metadata,
            ["expires_at"] = long.Parse(f["expires_at"], CultureInfo.InvariantCulture),
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["success_url"] = f["success_url"],
            ["cancel_url"] = f["cancel_url"],
            ["payment_intent"] = null,
            ["livemode"] = false,
            ["fake_line_items"] = lines, // not "line_items": Stripe lists those only when expanded
            ["shipping_options"] = ShippingOptions(f, id),
            ["shipping_address_collection"] = f.ContainsKey("shipping_address_collection[allowed_countries][0]")
                ? new JsonObject { ["allowed_countries"] = Indexed(f, "shipping_address_collection[allowed_countries]", (_, p) => JsonValue.Create(f[p])) }
                : null,
            ["shipping_cost"] = null,
        };
        _sessions[id] = session;
        return session;
    }

    /// <summary>The form's <c>{prefix}[0]…</c>, <c>{prefix}[1]…</c> groups, each made into a node.</summary>
    private static JsonArray Indexed(Dictionary<string, string> f, string prefix, Func<int, string, JsonNode?> make)
    {
        var items = new JsonArray();
        for (var i = 0; f.Keys.Any(k => k.StartsWith($"{prefix}[{i}]", StringComparison.Ordinal)); i++)
        {
            items.Add(make(i, $"{prefix}[{i}]"));
        }

        return items;
    }

    /// <summary>The shipping options as a session lists them: a made-up rate id and the fixed amount.</summary>
    private static JsonArray ShippingOptions(Dictionary<string, string> f, string sessionId) =>
        Indexed(f, "shipping_options", (i, p) => new JsonObject
        {
            ["shipping_amount"] = long.Parse(f[$"{p}[shipping_rate_data][fixed_amount][amount]"], CultureInfo.InvariantCulture),
            ["shipping_rate"] = $"shr_{sessionId[8..]}_{i}",
            ["display_name"] = f[$"{p}[shipping_rate_data][display_name]"],
            ["currency"] = f[$"{p}[shipping_rate_data][fixed_amount][currency]"],
        });

    private (int, string) CreateRefund(Dictionary<string, string> f)
    {
        var paymentIntent = f.GetValueOrDefault("payment_intent");
        var session = _sessions.Values.FirstOrDefault(s => (string?)s["payment_intent"] == paymentIntent);
        if (session is null)
        {
            return (400, """{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such payment_intent (fake)."}}""");
        }

        var metadata = new JsonObject();
        foreach (var (name, value) in f.Where(x => x.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[name["metadata[".Length..^1]] = value;
        }

        return (200, NewRefund(paymentIntent!, (long)session["amount_total"]!, (string)session["currency"]!, metadata).ToJsonString());
    }

    private JsonObject NewRefund(string paymentIntent, long amount, string currency, JsonObject metadata)
    {
        var refund = new JsonObject
        {
            ["id"] = "re_" + Id(),
            ["object"] = "refund",
            ["amount"] = amount,
            ["currency"] = currency,
            ["payment_intent"] = paymentIntent,
            ["status"] = "succeeded",
            ["metadata"] = metadata,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        _refunds[(string)refund["id"]!] = refund;
        return refund;
    }

    private static string List(string url, IEnumerable<JsonObject> items, Dictionary<string, string> query)
    {
        var since = query.TryGetValue("created[gte]", out var gte) ? long.Parse(gte, CultureInfo.InvariantCulture) : 0;
        var data = new JsonArray([.. items.Where(i => (long)i["created"]! >= since).Select(i => i.DeepClone())]);
        return new JsonObject { ["object"] = "list", ["url"] = url, ["has_more"] = false, ["data"] = data }.ToJsonString();
    }

    private static Task Answer(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json);
    }

    private string Id() => Interlocked.Increment(ref _next).ToString("D8", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
