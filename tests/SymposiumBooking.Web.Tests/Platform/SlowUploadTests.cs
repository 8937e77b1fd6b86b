using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>The app on real Kestrel with a short booking line: four turns, so that four slow clients would hold them all.</summary>
public sealed class SlowUploadApp : KestrelBookingApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RateLimits:BookingConcurrency", "4")];
}

/// <summary>
/// A booking's body has arrived before it takes a turn in the booking line (docs/adr/0045): clients that send their
/// bodies slowly hold no turn, a body that takes too long is answered 408 and its connection closed, and a body too
/// large for a booking is refused before it is read. Raw sockets on real Kestrel; the app's clock is fake, so a body's
/// deadline passes only when a test moves the clock.
/// </summary>
public sealed class SlowUploadTests(SlowUploadApp app) : IClassFixture<SlowUploadApp>
{
    private static readonly RateLimitOptions Defaults = new();

    [Fact(Timeout = 120_000)] // on code that gives the turn before the body, the booking waits until this fails
    public async Task A_booking_is_answered_while_fifty_slow_uploads_from_one_address_are_still_arriving()
    {
        var attacker = IPAddress.Parse("127.0.0.11");
        var schedule = await app.ScheduleAsync();
        var uploads = new List<SlowUpload>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                uploads.Add(await SlowUpload.StartAsync(app, attacker, "/api/v1/bookings", Defaults.BookingBodyBytes));
            }

            await app.InFlightFromAsync(attacker, 50); // the app is handling all fifty
            foreach (var upload in uploads)
            {
                await upload.SendAsync(" "); // a little more of each body now and then
            }

            using var attendee = app.ClientFrom(IPAddress.Parse("127.0.0.12"));
            var booked = await attendee.BookAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail()));

            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
            // ... while every slow upload is still open, unanswered and still being read.
            Assert.All(uploads, upload => Assert.True(upload.Unanswered));
            Assert.Equal(50, app.Services.GetRequiredService<InFlightCounts>().Of(attacker));
            foreach (var upload in uploads)
            {
                await upload.SendAsync(" ");
            }
        }
        finally
        {
            uploads.ForEach(upload => upload.Dispose());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_booking_body_still_arriving_at_its_deadline_gets_408_and_its_connection_is_closed()
    {
        var slow = IPAddress.Parse("127.0.0.13");
        using var upload = await SlowUpload.StartAsync(app, slow, "/api/v1/bookings", 1000);
        await app.InFlightFromAsync(slow, 1);

        // The deadline starts when the app begins to read the body, an instant after it counts the request: move the
        // clock a whole timeout at a time until it has passed.
        while (upload.Unanswered)
        {
            app.Clock.Advance(Defaults.BookingBodyTimeout);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var answer = await upload.ReadUntilClosedAsync(); // closed by the server: the test never sends the rest
        Assert.StartsWith("HTTP/1.1 408 ", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains($"\"code\":\"{BodyBeforeLine.TimeoutCode}\"", answer, StringComparison.Ordinal);
        await app.InFlightFromAsync(slow, 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_booking_page_post_still_arriving_at_its_deadline_shows_the_408_page()
    {
        var slow = IPAddress.Parse("127.0.0.16");
        var schedule = await app.ScheduleAsync();
        using var upload = await SlowUpload.StartAsync(app, slow, $"/book/{schedule.Slots[2].Id}", 1000, "application/x-www-form-urlencoded");
        await app.InFlightFromAsync(slow, 1);

        while (upload.Unanswered)
        {
            app.Clock.Advance(Defaults.BookingBodyTimeout);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var answer = await upload.ReadUntilClosedAsync();
        Assert.StartsWith("HTTP/1.1 408 ", answer, StringComparison.Ordinal);
        Assert.Contains("text/html", answer, StringComparison.Ordinal);
        Assert.Contains("took too long to arrive", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_body_larger_than_any_booking_is_refused_with_413_before_it_is_sent()
    {
        // The review's upload: 256 KB declared (the most any other request may send), then a trickle.
        using var upload = await SlowUpload.StartAsync(app, IPAddress.Parse("127.0.0.14"), "/api/v1/bookings", 256 * 1024);

        var answer = await upload.ReadUntilClosedAsync();

        Assert.StartsWith("HTTP/1.1 413 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"request.too_large\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_legitimate_booking_is_well_within_the_body_limit_and_is_booked()
    {
        // Every free-text field at its longest, in a character that encodes longest: three bytes in UTF-8, a six-byte
        // \u escape in JSON (System.Text.Json's default), nine bytes percent-encoded in the booking page's form.
        const char Wide = '東';
        var schedule = await app.ScheduleAsync();
        var intake = BookingBodies.Intake(note: new string(Wide, 1000));
        intake["painAreas"] = Enumerable.Repeat(new[] { "neckLeft", "neckRight", "shoulderLeft", "shoulderRight", "upperBack", "backOfHead", "jaw", "arms" }, 2).SelectMany(a => a).ToArray();
        intake["comfortablePositions"] = Enumerable.Repeat(new[] { "seated", "faceDown", "sideLying", "onBack" }, 2).SelectMany(a => a).ToArray();
        intake["lastBotoxInjection"] = "2026-05-14";
        var booking = BookingBodies.Booking(schedule.Slots[1].Id, email: BookingSeed.UniqueEmail(), name: new string(Wide, 200));
        booking["phone"] = new string('5', 40);
        booking["intake"] = intake;
        var longest = new Dictionary<string, object?>(booking)
        {
            ["email"] = new string(Wide, 320 - "@example.org".Length) + "@example.org",
            ["offerToken"] = new string('x', 100),
        };

        var json = JsonSerializer.SerializeToUtf8Bytes(longest);
        var form = await new FormUrlEncodedContent(Fields(longest)).ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(2 * json.Length <= Defaults.BookingBodyBytes, $"JSON: {json.Length} bytes");
        Assert.True(2 * form.Length <= Defaults.BookingBodyBytes, $"form: {form.Length} bytes");

        using var attendee = app.ClientFrom(IPAddress.Parse("127.0.0.15"));
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(booking));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var booked = await attendee.PostAsync("/api/v1/bookings", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
    }

    /// <summary>The booking as the booking page's form posts it, with room for its antiforgery token.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Fields(Dictionary<string, object?> booking)
    {
        foreach (var (name, value) in booking.Where(f => f.Key != "intake").Concat((Dictionary<string, object?>)booking["intake"]!))
        {
            IEnumerable<object?> items = value is Array many ? many.Cast<object?>() : [value];
            foreach (var item in items)
            {
                yield return new($"Form.{name}", Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
        }

        yield return new("Form.IdempotencyKey", Guid.NewGuid().ToString());
        yield return new("__RequestVerificationToken", new string('x', 200));
    }
}

/// <summary>The app on real Kestrel with a low cap on requests in flight per address.</summary>
public sealed class InFlightCapApp : KestrelBookingApp
{
    public const int Cap = 5;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RateLimits:InFlightPerAddress", $"{Cap}")];
}

/// <summary>One client address may have only so many requests in flight at once; other addresses are not affected.</summary>
public sealed class InFlightCapTests(InFlightCapApp app) : IClassFixture<InFlightCapApp>
{
    [Fact]
    public async Task A_request_past_the_cap_from_one_address_gets_429_while_another_address_is_served()
    {
        var ct = TestContext.Current.CancellationToken;
        var crowd = IPAddress.Parse("127.0.0.21");
        var schedule = await app.ScheduleAsync();
        var uploads = new List<SlowUpload>();
        try
        {
            for (var i = 0; i < InFlightCapApp.Cap; i++)
            {
                uploads.Add(await SlowUpload.StartAsync(app, crowd, "/api/v1/bookings", 1000));
            }

            await app.InFlightFromAsync(crowd, InFlightCapApp.Cap);
            using var fromCrowd = app.ClientFrom(crowd);
            var refused = await fromCrowd.GetAsync($"/api/v1/symposia/{schedule.Id}/slots", ct);
            var problem = await Problem.ReadAsync(refused);
            Assert.Equal((HttpStatusCode.TooManyRequests, RequestsInFlight.Code), (problem.Status, problem.Code));
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
            var page = await fromCrowd.GetAsync("/book", ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
            Assert.Contains("Please wait", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            var before = await app.RowCountsAsync();
            Assert.Equal(HttpStatusCode.TooManyRequests, (await fromCrowd.BookAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail()))).StatusCode);
            Assert.Equal(before, await app.RowCountsAsync());

            using var elsewhere = app.ClientFrom(IPAddress.Parse("127.0.0.22"));
            var booked = await elsewhere.BookAsync(BookingBodies.Booking(schedule.Slots[1].Id, BookingSeed.UniqueEmail()));
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        }
        finally
        {
            uploads.ForEach(upload => upload.Dispose());
        }

        await app.InFlightFromAsync(crowd, 0); // the slow uploads went away: the address is served again
        using var later = app.ClientFrom(crowd);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync($"/api/v1/symposia/{schedule.Id}/slots", ct)).StatusCode);
    }
}
