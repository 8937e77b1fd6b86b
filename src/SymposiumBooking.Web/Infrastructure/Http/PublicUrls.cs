using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Infrastructure.Http;

public sealed class AppOptions
{
    /// <summary>
    /// Where people reach the site (<c>App:PublicBaseUrl</c>): every address the app hands out starts with it. Unset,
    /// mails, feeds and Stripe get <see cref="PublicUrls.DefaultBase"/>, and the page's link to keep the address the
    /// request came to.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    public bool IsHttps => PublicBaseUrl is { IsAbsoluteUri: true } url && url.Scheme == Uri.UriSchemeHttps;

    /// <summary>The rules checked at start (docs/adr/0095): an absolute URL; in Production, an https one.</summary>
    public static IEnumerable<string?> Problems(AppOptions o, SettingsContext context)
    {
        const string Key = "App:PublicBaseUrl";
        if (o.PublicBaseUrl is null)
        {
            yield return context.Production ? Setting.Problem(Key, "is not set: it must be an https:// URL, the address people reach the site at") : null;
        }
        else if (!o.PublicBaseUrl.IsAbsoluteUri || (o.PublicBaseUrl.Scheme != Uri.UriSchemeHttp && !o.IsHttps))
        {
            yield return Setting.Problem(Key, $"must be an absolute http:// or https:// URL, not '{o.PublicBaseUrl}'");
        }
        else if (context.Production && !o.IsHttps)
        {
            yield return Setting.Problem(Key, $"must be an https:// URL in Production, not '{o.PublicBaseUrl}'");
        }
    }
}

/// <summary>
/// Every address the app hands out to be opened later, from a mail, a calendar, Stripe's return or the link to keep
/// (docs/adr/0065-one-service-owns-every-public-url.md): the base URL setting and the routes of the pages and feeds
/// they point to live here and nowhere else. A link that carries a secret carries it as <c>?t=</c>.
/// </summary>
public sealed class PublicUrls(IOptions<AppOptions> options)
{
    public static readonly Uri DefaultBase = new("http://127.0.0.1:5080/");

    /// <summary>The query parameter of a link's secret token.</summary>
    public const string TokenQuery = "t";

    private readonly Uri? _configured = options.Value.PublicBaseUrl is { } configured ? WithSlash(configured) : null;

    /// <summary>The base every link starts with; it ends with a slash, so a base with a path keeps it.</summary>
    public Uri Base => _configured ?? DefaultBase;

    /// <summary>The booking's page (<c>Pages/Bookings/Manage</c>); its cookie is scoped to this path.</summary>
    public static string BookingPath(Guid bookingId) => $"/bookings/{bookingId}";

    /// <summary>The booking's page without the token: it opens for whoever already has the booking's cookie.</summary>
    public Uri Booking(Guid bookingId) => At(BookingPath(bookingId));

    /// <summary>The manage link: opening it swaps the token for the booking's cookie.</summary>
    public Uri ManageBooking(Guid bookingId, string token) => At(BookingPath(bookingId), token);

    /// <summary>
    /// The manage link shown once after booking on the page: on the configured base, or, when none is configured, on
    /// the address this request came to (a dev or test server knows no better).
    /// </summary>
    public string LinkToKeep(HttpRequest request, Guid bookingId, string token) => KeepAt(request, BookingPath(bookingId), token);

    /// <summary>The request's link shown once after it is sent, on the same base as <see cref="LinkToKeep"/>.</summary>
    public string RequestLinkToKeep(HttpRequest request, Guid requestId, string token) => KeepAt(request, RequestPath(requestId), token);

    /// <summary>Where Stripe Checkout sends the attendee back: the booking's page, paid or not.</summary>
    public Uri CheckoutReturn(Guid bookingId, bool paid) => new(Booking(bookingId) + (paid ? "?payment=done" : "?payment=cancelled"));

    /// <summary>The booking page's first step (<c>Pages/Book/Index</c>).</summary>
    public Uri Book => At("/book");

    /// <summary>The claim link of a waitlist offer (<c>Pages/Waitlist/Offer</c>).</summary>
    public Uri WaitlistOffer(Guid entryId, string token) => At($"/waitlist/offers/{entryId}", token);

    /// <summary>The link that confirms a waitlist entry's address (<c>Pages/Waitlist/Confirm</c>).</summary>
    public Uri WaitlistConfirmation(Guid entryId, string token) => At($"/waitlist/confirm/{entryId}", token);

    /// <summary>The mailed link that issues an attendee's feed (<c>Pages/Calendar/Subscribe</c>).</summary>
    public Uri FeedSubscription(Guid linkId, string token) => At($"/calendar/subscribe/{linkId}", token);

    /// <summary>A calendar feed (<c>MapCalendarFeeds</c>): <paramref name="kind"/> is symposia, attendees or therapists.</summary>
    public Uri Feed(string kind, string token) => At($"/calendar/{kind}/{token}.ics");

    /// <summary>The "I lost my link" page (<c>Pages/Bookings/LostLink</c>).</summary>
    public const string LostLinkPath = "/bookings/lost-link";

    /// <summary>The mailed recovery link: the active bookings of one address (<c>Pages/Bookings/Recover</c>).</summary>
    public Uri LostLinkRecovery(string token) => At($"{LostLinkPath}/open", token);

    /// <summary>The request form of a symposium that opens by draw (<c>Pages/Requests/Index</c>).</summary>
    public const string RequestFormPath = "/request";

    public Uri RequestForm => At(RequestFormPath);

    /// <summary>One request's page (<c>Pages/Requests/View</c>); like a booking's, its link swaps the token for a cookie.</summary>
    public static string RequestPath(Guid requestId) => $"/requests/{requestId}";

    public Uri Request(Guid requestId, string token) => At(RequestPath(requestId), token);

    /// <summary>The guidebook's page (<c>Pages/Guidebook</c>): the shop.</summary>
    public const string ShopPath = "/guidebook";

    public Uri Shop => At(ShopPath);

    /// <summary>One order's page (<c>Pages/Orders/View</c>); its link swaps the token for a cookie, like a booking's.</summary>
    public static string OrderPath(Guid orderId) => $"/orders/{orderId}";

    public Uri Order(Guid orderId, string token) => At(OrderPath(orderId), token);

    /// <summary>The order's link shown once after ordering on the page, on the same base as <see cref="LinkToKeep"/>.</summary>
    public string OrderLinkToKeep(HttpRequest request, Guid orderId, string token) => KeepAt(request, OrderPath(orderId), token);

    /// <summary>Where Stripe Checkout sends the buyer back: the order's page (its cookie opens it).</summary>
    public Uri OrderCheckoutReturn(Guid orderId, bool paid) => new(At(OrderPath(orderId)) + (paid ? "?payment=done" : "?payment=cancelled"));

    /// <summary>The draw's public page (<c>Pages/Draw</c>): the commitment, then the seed and what anyone needs to check it.</summary>
    public Uri DrawPage => At("/draw");

    /// <summary>The staff sign-in page (<c>Pages/Account/SignIn</c>).</summary>
    public Uri StaffSignIn => At("/account/sign-in");

    /// <summary>The page where staff choose their password with a reset token (<c>Pages/Account/SetPassword</c>).</summary>
    public Uri SetPassword(string? email, string encodedToken) => new(QueryHelpers.AddQueryString(At("/account/set-password").ToString(),
        new Dictionary<string, string?> { ["email"] = email, ["token"] = encodedToken }));

    private string KeepAt(HttpRequest request, string path, string token) => _configured is null
        ? $"{request.Scheme}://{request.Host}{request.PathBase}{path}?{TokenQuery}={Uri.EscapeDataString(token)}"
        : At(path, token).AbsoluteUri;

    private Uri At(string path, string? token = null) =>
        new(Base, path.TrimStart('/') + (token is null ? "" : $"?{TokenQuery}={Uri.EscapeDataString(token)}"));

    private static Uri WithSlash(Uri configured) =>
        configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
}
