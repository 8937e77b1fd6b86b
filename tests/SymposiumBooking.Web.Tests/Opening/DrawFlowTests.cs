using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using static SymposiumBooking.Web.Tests.Opening.DrawCalls;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Opening;

/// <summary>
/// The fair opening through the API (docs/fair-opening.md): requests while the window is open, bookings refused then,
/// the draw once it closes (winners booked, the rest on the waitlist, the seed revealed and matching its commitment),
/// run again or twice at once to the same result.
/// </summary>
public sealed class DrawFlowTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_is_taken_while_open_read_with_its_token_and_a_second_from_the_same_address_is_refused()
    {
        var (schedule, _) = await app.OpenForRequestsAsync();
        var email = BookingSeed.UniqueEmail("rhea");
        var slots = schedule.Slots;

        var made = await app.SubmitAsync(schedule.Id, Request(email, [Slot(slots[0].Id), Slot(slots[1].Id)]));
        Assert.Equal("submitted", made.Text("status"));
        var id = made.Id();
        var token = made.Text("token");

        var client = app.CreateClient();
        var read = await client.SendAsync(WithToken(HttpMethod.Get, $"/api/v1/requests/{id}", token), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, read.GetProperty("choices").GetArrayLength());
        Assert.False(read.TryGetProperty("token", out var none) && none.ValueKind != JsonValueKind.Null);
        var wrong = await client.SendAsync(WithToken(HttpMethod.Get, $"/api/v1/requests/{id}", "not-the-token"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);

        var again = await app.CreateClient().PostJsonAsync(RequestsPath(schedule.Id), Request(email.ToUpperInvariant(), [Slot(slots[2].Id)]))
            .ProblemAsync(HttpStatusCode.Conflict, "requests.already_made");
        Assert.Contains("link", again.Detail, StringComparison.OrdinalIgnoreCase);
        await using var db = app.OpenDb();
        var links = (await db.Outbox.Where(m => m.Type == OutboxTypes.DrawRequestLink).Select(m => m.Payload).ToListAsync(Ct)).Count(p => p.Contains(id, StringComparison.Ordinal));
        Assert.Equal(2, links); // one when it was made, one for the second try: both to the address on the first
    }

    [Fact]
    public async Task Booking_during_the_window_points_to_the_request_page_and_requests_outside_it_are_refused()
    {
        var (schedule, organizer) = await app.OpenForRequestsAsync();

        var refused = await app.CreateClient().BookAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail("early")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "symposium.not_open");
        Assert.EndsWith("/request", refused.Body.GetProperty("requestsUrl").GetString());

        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.CreateClient().PostJsonAsync(RequestsPath(schedule.Id), Request(BookingSeed.UniqueEmail("late"), [Slot(schedule.Slots[0].Id)]))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "requests.not_open");
        organizer = await app.SignedInClientAsync(); // a day later: signed in again
        await organizer.PostEmptyAsync(DrawPath(schedule.Id)).ExpectAsync(HttpStatusCode.OK); // closed: the draw of nobody
    }

    [Fact]
    public async Task Choices_of_another_symposium_or_too_many_or_twice_change_nothing()
    {
        var (schedule, _) = await app.OpenForRequestsAsync();
        var other = await app.ScheduleAsync();
        var email = BookingSeed.UniqueEmail("picky");
        var client = app.CreateClient();
        var s = schedule.Slots;

        await client.PostJsonAsync(RequestsPath(schedule.Id), Request(email, [Slot(other.Slots[0].Id)])).ProblemAsync(HttpStatusCode.BadRequest, "requests.bad_choice");
        await client.PostJsonAsync(RequestsPath(schedule.Id), Request(email, [Slot(s[0].Id), Slot(s[1].Id), Slot(s[2].Id), Slot(s[3].Id)]))
            .ProblemAsync(HttpStatusCode.BadRequest, "requests.too_many_choices");
        await client.PostJsonAsync(RequestsPath(schedule.Id), Request(email, [Slot(s[0].Id), Slot(s[0].Id)])).ProblemAsync(HttpStatusCode.BadRequest, "requests.repeated_choice");
        await client.PostJsonAsync(RequestsPath(schedule.Id), Request(email, [new Dictionary<string, object?> { ["date"] = "2030-01-01" }]))
            .ProblemAsync(HttpStatusCode.BadRequest, null);

        await using var db = app.OpenDb();
        Assert.False(await db.DrawRequests.AnyAsync(r => r.SymposiumId == schedule.Id, Ct));
    }

    [Fact]
    public async Task The_draw_books_the_winners_puts_the_rest_on_the_waitlist_and_reveals_the_committed_seed()
    {
        var (schedule, organizer) = await app.OpenForRequestsAsync();
        var wanted = schedule.Slots[0];
        var day = wanted.StartsAt.InZone(schedule.Symposium.Zone).Date;
        var ids = new List<(string Id, string Token)>();
        for (var i = 0; i < 4; i++)
        {
            var made = await app.SubmitAsync(schedule.Id, Request(BookingSeed.UniqueEmail($"r{i}"), [Slot(wanted.Id)]));
            ids.Add((made.Id(), made.Text("token")));
        }

        var anyTime = new Dictionary<string, object?> { ["date"] = day.ToString("yyyy-MM-dd", null), ["therapistId"] = schedule.Therapists[1].Id };
        var flexible = await app.SubmitAsync(schedule.Id, Request(BookingSeed.UniqueEmail("flex"), [Slot(wanted.Id), anyTime]));

        var before = await app.CreateClient().GetAsync(DrawPath(schedule.Id), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("open", before.Text("phase"));
        Assert.Equal(5, before.GetProperty("requestCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("seed").ValueKind);
        await organizer.PostEmptyAsync(DrawPath(schedule.Id)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "draw.requests_still_open");

        app.Clock.Advance(TimeSpan.FromDays(1));
        organizer = await app.SignedInClientAsync();
        var drawn = await organizer.PostEmptyAsync(DrawPath(schedule.Id)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("drawn", drawn.Text("phase"));
        var seed = Convert.FromHexString(drawn.Text("seed"));
        Assert.Equal(before.Text("commitment"), Convert.ToHexStringLower(SHA256.HashData(seed)));
        var allocations = drawn.GetProperty("allocations").EnumerateArray().ToList();
        Assert.Equal(5, allocations.Count);
        var winnerOfSlot = allocations.Single(a => a.GetProperty("slotId").ValueKind != JsonValueKind.Null && a.GetProperty("slotId").GetGuid() == wanted.Id);
        var flexibleResult = allocations.Single(a => a.Text("requestId") == flexible.Id());
        Assert.NotEqual(JsonValueKind.Null, flexibleResult.GetProperty("slotId").ValueKind); // the one slot, or else its second choice
        // The seed is random, so the flexible request wins the one slot about one time in five; then nobody else gets a time.
        var flexibleWonTheSlot = winnerOfSlot.Text("requestId") == flexible.Id();
        var allocated = flexibleWonTheSlot ? 1 : 2;
        Assert.Equal(allocated, drawn.GetProperty("allocatedCount").GetInt32());

        await using var db = app.OpenDb();
        var bookings = await db.Bookings.Where(b => b.SymposiumId == schedule.Id).ToListAsync(Ct);
        Assert.Equal(allocated, bookings.Count);
        Assert.All(bookings, b => Assert.Equal(BookingStatus.Confirmed, b.Status));
        var winnerId = winnerOfSlot.GetProperty("requestId").GetGuid();
        var winner = await db.DrawRequests.Where(r => r.Id == winnerId).Select(r => new { r.Id, r.Status, r.ChoiceRank, r.BookingId }).SingleAsync(Ct);
        Assert.Equal(DrawRequestStatus.Allocated, winner.Status);
        Assert.Equal(1, winner.ChoiceRank);
        var intake = await organizer.GetAsync($"/api/v1/bookings/{winner.BookingId}/intake", Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("tight on the left", intake.ToString(), StringComparison.Ordinal); // the request's intake, readable on the booking
        Assert.Equal(5 - allocated, await db.DrawRequests.CountAsync(r => r.SymposiumId == schedule.Id && r.Status == DrawRequestStatus.Unallocated, Ct));
        var waiting = await db.WaitlistEntries.Where(w => w.SymposiumId == schedule.Id && w.Status == WaitlistStatus.Waiting).ToListAsync(Ct);
        Assert.Equal(5 - allocated, waiting.Count);
        Assert.All(waiting, w => Assert.Equal(day, w.Date));

        // The winner's request link opens the booking, and the request shows what it won.
        var token = ids.Append((Id: flexible.Id(), Token: flexible.Text("token"))).Single(x => x.Id == winner.Id.ToString()).Token;
        var mine = await app.CreateClient().SendAsync(WithToken(HttpMethod.Get, $"/api/v1/requests/{winner.Id}", token), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("allocated", mine.Text("status"));
        var booking = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/bookings/{winner.BookingId}");
        booking.Headers.Add("X-Booking-Token", token);
        Assert.Equal(wanted.Id, (await app.CreateClient().SendAsync(booking, Ct).ExpectAsync(HttpStatusCode.OK)).GetProperty("slot").GetProperty("id").GetGuid());

        // Running it again answers the same draw and writes nothing more.
        var again = await organizer.PostEmptyAsync(DrawPath(schedule.Id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(drawn.Text("seed"), again.Text("seed"));
        Assert.Equal(allocated, await db.Bookings.CountAsync(b => b.SymposiumId == schedule.Id, Ct));
    }

    [Fact]
    public async Task Two_runs_at_once_make_one_draw()
    {
        var (schedule, organizer) = await app.OpenForRequestsAsync();
        foreach (var slot in schedule.Slots.Skip(1).Take(6))
        {
            await app.SubmitAsync(schedule.Id, Request(BookingSeed.UniqueEmail("race"), [Slot(slot.Id), Slot(schedule.Slots[0].Id)]));
        }

        app.Clock.Advance(TimeSpan.FromDays(1));
        organizer = await app.SignedInClientAsync();
        var second = await app.SignedInClientAsync();
        var runs = await Task.WhenAll(
            organizer.PostEmptyAsync(DrawPath(schedule.Id)), second.PostEmptyAsync(DrawPath(schedule.Id)), organizer.PostEmptyAsync(DrawPath(schedule.Id)));

        Assert.All(runs, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var seeds = await Task.WhenAll(runs.Select(async r => (await r.ExpectAsync(HttpStatusCode.OK)).Text("seed")));
        Assert.Single(seeds.Distinct());
        await using var db = app.OpenDb();
        Assert.Equal(6, await db.Bookings.CountAsync(b => b.SymposiumId == schedule.Id, Ct));
    }

    [Fact]
    public async Task Thirty_days_after_the_end_the_requests_are_gone_and_the_published_draw_stays()
    {
        var (schedule, _) = await app.OpenForRequestsAsync();
        await app.SubmitAsync(schedule.Id, Request(BookingSeed.UniqueEmail("kept"), [Slot(schedule.Slots[0].Id)]));
        await app.SubmitAsync(schedule.Id, Request(BookingSeed.UniqueEmail("kept"), [Slot(schedule.Slots[0].Id)]));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.Services.GetRequiredService<SymposiumBooking.Web.Features.Bookings.HousekeepingWorker>().RunOnceAsync(Ct); // the worker draws

        var end = schedule.Symposium.EndDate.PlusDays(1).AtStartOfDayInZone(schedule.Symposium.Zone).ToInstant();
        app.Clock.SetUtcNow(end.Plus(Duration.FromDays(30)).ToDateTimeOffset());
        var report = await app.Services.GetRequiredService<SymposiumBooking.Web.Features.Symposia.RetentionWorker>().RunOnceAsync(Ct);

        Assert.True(report.DrawRequestsDeleted >= 2); // and those of this class's earlier symposia, also over
        await using var db = app.OpenDb();
        Assert.False(await db.DrawRequests.AnyAsync(r => r.SymposiumId == schedule.Id, Ct));
        var published = await app.CreateClient().GetAsync(DrawPath(schedule.Id), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("drawn", published.Text("phase"));
        Assert.Equal(2, published.GetProperty("allocations").GetArrayLength());
    }

    [Fact]
    public async Task A_request_missing_the_booking_fields_names_each_one_as_the_booking_would()
    {
        var (schedule, _) = await app.OpenForRequestsAsync();
        var body = Request(BookingSeed.UniqueEmail("blank"), [Slot(schedule.Slots[0].Id)]).With("name", "").With("rate", null);

        var refused = await app.CreateClient().PostJsonAsync(RequestsPath(schedule.Id), body).ProblemAsync(HttpStatusCode.BadRequest, null);

        var fields = refused.Body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("name", fields);
        Assert.Contains("rate", fields);
    }
}
