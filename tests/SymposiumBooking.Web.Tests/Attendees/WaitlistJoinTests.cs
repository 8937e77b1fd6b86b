using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

public sealed class WaitlistJoinTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Joining_answers_201_and_joining_again_for_the_same_day_and_therapist_returns_that_entry_with_200()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2051);
        var client = app.CreateClient();
        var email = WaitlistCalls.Email("lee");

        var joined = await client.JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry(email, s.Day1, s.Maria.Id));
        Assert.Equal(s.Symposium.Id, joined.SymposiumId);
        Assert.Equal(email, joined.Email);
        Assert.Equal(Features.ApiFormat.Date(s.Day1), joined.Date);
        Assert.Equal(s.Maria.Id, joined.TherapistId);
        Assert.Equal(WaitlistStatus.Waiting, joined.Status);

        var again = await client.JoinAsync(s.Symposium.Id, WaitlistCalls.Entry(email.ToUpperInvariant(), s.Day1, s.Maria.Id));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(joined.Id, (await again.ReadAsync<WaitlistEntryView>()).Id);

        // "Any day" is a request of its own, and asking for it twice is still one entry.
        var anyDay = await client.JoinOkAsync(s.Symposium.Id, WaitlistCalls.Entry(email));
        Assert.NotEqual(joined.Id, anyDay.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.JoinAsync(s.Symposium.Id, WaitlistCalls.Entry(email))).StatusCode);

        Assert.Equal(2, await db.WaitlistEntries.CountAsync(w => w.NormalizedEmail == email, ct));
    }

    [Fact]
    public async Task Missing_name_bad_email_and_a_malformed_date_are_400_with_each_field_named()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2052);

        var response = await app.CreateClient().JoinAsync(s.Symposium.Id, new { name = "", email = "not-an-email", date = "12/06/2052" });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("request.invalid", problem.Code);
        var errors = problem.Body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("date", out _));
    }

    [Fact]
    public async Task A_day_outside_the_symposium_is_400_and_a_therapist_of_another_symposium_is_422()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2053);
        var other = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2054);
        var client = app.CreateClient();

        var outside = await Problem.ReadAsync(await client.JoinAsync(s.Symposium.Id, WaitlistCalls.Entry(WaitlistCalls.Email("lee"), s.Symposium.EndDate.PlusDays(1))));
        Assert.Equal(HttpStatusCode.BadRequest, outside.Status);
        Assert.Equal("waitlist.date_outside_symposium", outside.Code);
        Assert.True(outside.Body.GetProperty("errors").TryGetProperty("date", out _));

        var stranger = await Problem.ReadAsync(await client.JoinAsync(s.Symposium.Id, WaitlistCalls.Entry(WaitlistCalls.Email("lee"), therapistId: other.Maria.Id)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stranger.Status);
        Assert.Equal("waitlist.unknown_therapist", stranger.Code);
    }

    [Fact]
    public async Task Only_a_published_symposium_open_for_booking_takes_a_waitlist()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = app.Clock.Now();
        await using var db = app.OpenDb();
        var draft = Seed.Symposium(now, Seed.Details(2055));
        var notYet = Symposium.Create(Seed.Details(2056), now).Value;
        notYet.SetPolicy(new BookingPolicy(now + Duration.FromDays(10), now + Duration.FromDays(100), 1, 30, 24), now);
        Assert.True(notYet.Publish(now, hasSlots: true).IsSuccess);
        db.AddRange(draft, notYet);
        await db.SaveChangesAsync(ct);
        var client = app.CreateClient();

        foreach (var symposium in new[] { draft, notYet })
        {
            var refused = await Problem.ReadAsync(await client.JoinAsync(symposium.Id, WaitlistCalls.Entry(WaitlistCalls.Email("lee"))));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
            Assert.Equal("symposium.not_open", refused.Code);
        }

        var missing = await Problem.ReadAsync(await client.JoinAsync(Guid.NewGuid(), WaitlistCalls.Entry(WaitlistCalls.Email("lee"))));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("symposium.not_found", missing.Code);
        Assert.False(await db.WaitlistEntries.AnyAsync(w => w.SymposiumId == draft.Id || w.SymposiumId == notYet.Id, ct));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_replays_the_answer_and_refuses_another_body()
    {
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2057);
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var body = WaitlistCalls.Entry(WaitlistCalls.Email("lee"), s.Day2);

        var first = await client.JoinAsync(s.Symposium.Id, body, key);
        var replay = await client.JoinAsync(s.Symposium.Id, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal((await first.ReadAsync<WaitlistEntryView>()).Id, (await replay.ReadAsync<WaitlistEntryView>()).Id);
        var reused = await Problem.ReadAsync(await client.JoinAsync(s.Symposium.Id, WaitlistCalls.Entry(WaitlistCalls.Email("other"), s.Day2), key));
        Assert.Equal("idempotency.key_reused", reused.Code);
    }

    [Fact]
    public async Task One_person_joining_from_eight_tabs_at_once_gets_one_entry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.OpenDb();
        var s = await WaitlistSchedule.CreateAsync(db, app.Clock.Now(), 2058);
        var email = WaitlistCalls.Email("lee");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var response = await app.CreateClient().JoinAsync(s.Symposium.Id, WaitlistCalls.Entry(email, therapistId: s.Jon.Id));
            return (response.StatusCode, (await response.ReadAsync<WaitlistEntryView>()).Id);
        }, ct)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.Equal(1, await db.WaitlistEntries.CountAsync(w => w.NormalizedEmail == email, ct));
    }
}
