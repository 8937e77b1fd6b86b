using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>Every address the app hands out comes from <see cref="PublicUrls"/> (docs/adr/0065) and leads to one of its routes.</summary>
public sealed partial class PublicUrlsTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static readonly Guid Id = Guid.Parse("0193a3f2-7c1e-7d4b-9a55-3f1c2b4d5e6f");

    private static PublicUrls Urls(string? configured) =>
        new(Options.Create(new AppOptions { PublicBaseUrl = configured is null ? null : new Uri(configured) }));

    [Fact]
    public void Every_public_url_leads_to_a_route_of_the_app()
    {
        var urls = app.Services.GetRequiredService<PublicUrls>();
        Uri[] links =
        [
            urls.Booking(Id), urls.ManageBooking(Id, "x"), urls.CheckoutReturn(Id, paid: true), urls.CheckoutReturn(Id, paid: false),
            urls.Book, urls.WaitlistOffer(Id, "x"), urls.WaitlistConfirmation(Id, "x"), urls.FeedSubscription(Id, "x"),
            urls.Feed("symposia", "x"), urls.Feed("attendees", "x"), urls.Feed("therapists", "x"), urls.StaffSignIn,
            urls.SetPassword("ana@example.org", "x"),
        ];
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => new Regex("^/" + RouteParameter().Replace(Regex.Escape(e.RoutePattern.RawText?.TrimStart('/') ?? ""), "[^/]+") + "$"))
            .ToList();

        var unrouted = links.Select(l => l.AbsolutePath).Where(path => !routes.Any(r => r.IsMatch(path))).ToList();

        Assert.True(unrouted.Count == 0, $"No route for {string.Join(", ", unrouted)}");
    }

    [Fact]
    public void Links_start_with_the_configured_base_even_when_it_has_a_path_without_a_slash()
    {
        var urls = Urls("https://booking.example.org/massage");

        Assert.Equal($"https://booking.example.org/massage/bookings/{Id}?t=a-b_c", urls.ManageBooking(Id, "a-b_c").AbsoluteUri);
        Assert.Equal($"https://booking.example.org/massage/bookings/{Id}?payment=done", urls.CheckoutReturn(Id, paid: true).AbsoluteUri);
        Assert.Equal($"https://booking.example.org/massage/bookings/{Id}?payment=cancelled", urls.CheckoutReturn(Id, paid: false).AbsoluteUri);
        Assert.Equal("https://booking.example.org/massage/calendar/attendees/tok.ics", urls.Feed("attendees", "tok").AbsoluteUri);
    }

    [Fact]
    public void Without_a_configured_base_mails_use_the_default_and_the_link_to_keep_uses_the_request_address()
    {
        var urls = Urls(null);
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("booking.test:8443");

        Assert.Equal($"http://127.0.0.1:5080/waitlist/offers/{Id}?t=x", urls.WaitlistOffer(Id, "x").AbsoluteUri);
        Assert.Equal($"https://booking.test:8443/bookings/{Id}?t=x", urls.LinkToKeep(http.Request, Id, "x"));
        Assert.Equal($"https://booking.example.org/bookings/{Id}?t=x", Urls("https://booking.example.org").LinkToKeep(http.Request, Id, "x"));
    }

    [Fact]
    public void A_token_is_escaped_in_the_query()
    {
        Assert.Equal($"http://127.0.0.1:5080/waitlist/confirm/{Id}?t=a%2Bb%2F%3D", Urls(null).WaitlistConfirmation(Id, "a+b/=").AbsoluteUri);
    }

    /// <summary>A route parameter as <see cref="Regex.Escape"/> leaves it: <c>\{id:guid}</c>.</summary>
    [GeneratedRegex(@"\\\{[^}]*\}")]
    private static partial Regex RouteParameter();
}
