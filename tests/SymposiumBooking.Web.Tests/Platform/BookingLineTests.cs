using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Booking POSTs take turns (docs/adr/0029) in the order of their place in line (docs/adr/0039): an attendee refused
/// because their slot was just taken tries again from the place of their first try, ahead of everyone who came later.
/// </summary>
public sealed class BookingLineTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 6, 11, 14, 0, 0, TimeSpan.Zero));
    private readonly PlaceInLine _places;

    public BookingLineTests() => _places = new PlaceInLine(_clock, Keys);

    /// <summary>The key-encryption key every replica of one service is configured with.</summary>
    private static KeyEncryptionKey Keys => KeyEncryptionKey.Parse(Harness.BookingApp.TestKeyEncryptionKey);

    /// <summary>Another service's: 32 other bytes.</summary>
    private static KeyEncryptionKey OtherKeys => KeyEncryptionKey.Parse(Convert.ToBase64String(new byte[32]));

    [Fact]
    public async Task An_attendee_trying_again_after_a_refusal_is_served_before_everyone_who_came_after_their_first_try()
    {
        using var line = new BookingLine(permits: 1, queueLimit: 10, _places);
        var serving = line.AttemptAcquire(Booking());
        Assert.True(serving.IsAcquired);
        // Robin's first try came at 14:00:00 and was refused; Sam and Kim arrive one second later, then Robin tries
        // again with the ticket of that refusal.
        var ticket = _places.Issue(_places.Now);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var sam = Wait(line, Booking());
        var kim = Wait(line, Booking());
        var robin = Wait(line, Booking(ticket));
        Assert.False(sam.IsCompleted || kim.IsCompleted || robin.IsCompleted);

        serving.Dispose();
        Assert.Equal((true, false, false), (robin.IsCompletedSuccessfully, sam.IsCompleted, kim.IsCompleted));
        var robinsTurn = await robin;
        Assert.True(robinsTurn.IsAcquired);

        robinsTurn.Dispose();
        Assert.Equal((true, false), (sam.IsCompletedSuccessfully, kim.IsCompleted)); // the others in the order they came
        (await sam).Dispose();
        Assert.True(kim.IsCompletedSuccessfully);
        (await kim).Dispose();
        Assert.Equal(1, line.GetStatistics(Booking())!.CurrentAvailablePermits);
    }

    [Fact]
    public void A_ticket_names_the_first_try_and_nothing_else_does()
    {
        var first = _places.Now;
        var ticket = _places.Issue(first);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(first, _places.Read(ticket));

        Assert.Null(_places.Read(null));
        Assert.Null(_places.Read(""));
        Assert.Null(_places.Read("not a ticket"));
        // Tampered with: every character carries six bits of the signed place or of its MAC.
        foreach (var at in new[] { 0, 5, 10, 21, 31 })
        {
            Assert.Null(_places.Read(ticket[..at] + (ticket[at] == 'A' ? 'B' : 'A') + ticket[(at + 1)..]));
        }

        Assert.Null(_places.Read(new PlaceInLine(_clock, OtherKeys).Issue(first))); // made under another key-encryption key
        Assert.Null(_places.Read(_places.Issue(_places.Now + TimeSpan.FromMinutes(1)))); // a place in the future
        _clock.Advance(PlaceInLine.Lifetime);
        Assert.Null(_places.Read(ticket)); // lapsed
    }

    [Fact]
    public void A_ticket_one_replica_issued_counts_on_another_and_after_a_restart()
    {
        var first = _places.Now;
        var ticket = _places.Issue(first);

        Assert.Equal(first, new PlaceInLine(_clock, Keys).Read(ticket)); // same key-encryption key: same signing key
    }

    [Fact]
    public void A_chain_of_refusals_keeps_the_first_place_for_two_minutes_at_most()
    {
        var first = _places.Now;
        _clock.Advance(TimeSpan.FromSeconds(90));
        var renewed = _places.Issue(first); // the ticket of a refusal 90 s after the first try
        Assert.Equal(first, _places.Read(renewed));

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(_places.Read(renewed));
    }

    [Fact]
    public async Task A_ticket_that_is_not_valid_queues_like_a_request_without_one()
    {
        using var line = new BookingLine(permits: 1, queueLimit: 10, _places);
        var serving = line.AttemptAcquire(Booking());
        var lapsed = _places.Issue(_places.Now);
        _clock.Advance(PlaceInLine.Lifetime + TimeSpan.FromSeconds(1));
        var earlier = Wait(line, Booking());
        var forged = Wait(line, Booking(new PlaceInLine(_clock, OtherKeys).Issue(_places.Now - TimeSpan.FromMinutes(1))));
        var late = Wait(line, Booking(lapsed));

        serving.Dispose();
        Assert.Equal((true, false, false), (earlier.IsCompletedSuccessfully, forged.IsCompleted, late.IsCompleted));
        (await earlier).Dispose();
        Assert.Equal((true, false), (forged.IsCompletedSuccessfully, late.IsCompleted));
        (await forged).Dispose();
        Assert.True(late.IsCompletedSuccessfully);
        (await late).Dispose();
    }

    [Fact]
    public async Task A_full_line_refuses_at_once_and_a_request_that_gives_up_leaves_it()
    {
        using var line = new BookingLine(permits: 1, queueLimit: 1, _places);
        var serving = line.AttemptAcquire(Booking());
        using var gaveUp = new CancellationTokenSource();
        var waiting = line.AcquireAsync(Booking(), 1, gaveUp.Token).AsTask();

        var refused = await line.AcquireAsync(Booking(), 1, TestContext.Current.CancellationToken);
        Assert.False(refused.IsAcquired); // the middleware answers 429

        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        var next = Wait(line, Booking()); // there is room in the line again
        serving.Dispose();
        Assert.True(next.IsCompletedSuccessfully); // the turn went to it, not to the request that gave up
        (await next).Dispose();
        var stats = line.GetStatistics(Booking())!;
        Assert.Equal((1, 0), (stats.CurrentAvailablePermits, stats.CurrentQueuedCount));
    }

    [Fact]
    public void Only_booking_posts_wait_in_line()
    {
        using var line = new BookingLine(permits: 1, queueLimit: 0, _places);
        using var serving = line.AttemptAcquire(Booking());

        var get = Booking();
        get.Request.Method = HttpMethods.Get;
        var otherPost = new DefaultHttpContext();
        otherPost.Request.Method = HttpMethods.Post;
        Assert.True(line.AttemptAcquire(get).IsAcquired);
        Assert.True(line.AttemptAcquire(otherPost).IsAcquired);
        Assert.False(line.AttemptAcquire(Booking()).IsAcquired);
        Assert.Null(PlaceInLine.Of(otherPost));
    }

    private static Task<RateLimitLease> Wait(BookingLine line, HttpContext http)
    {
        Assert.False(line.AttemptAcquire(http).IsAcquired); // as the middleware does: try, then wait
        return line.AcquireAsync(http, 1, TestContext.Current.CancellationToken).AsTask();
    }

    private static DefaultHttpContext Booking(string? ticket = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new EnableRateLimitingAttribute(RateLimits.Booking)), "book"));
        if (ticket is not null)
        {
            http.Request.Headers[PlaceInLine.Header] = ticket;
        }

        return http;
    }
}
