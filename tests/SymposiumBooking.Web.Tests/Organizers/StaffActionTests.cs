using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Web.Features.Audit;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Payments;
using SymposiumBooking.Web.Tests.Therapists;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>What the staff action log holds for a test: the rows about one target, oldest first.</summary>
public static class StaffActionLog
{
    public static async Task<List<StaffAction>> AboutAsync(this BookingApp app, Guid target, string? action = null)
    {
        await using var db = app.OpenDb();
        return await db.StaffActions.AsNoTracking()
            .Where(a => a.TargetIds.Contains(target) && (action == null || a.Action == action))
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<Guid> StaffUserIdAsync(this BookingApp app, string email)
    {
        await using var db = app.OpenDb();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>Every staff action that changes data names its staff member in <c>staff_actions</c> (docs/adr/0058).</summary>
public sealed class StaffActionTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Publishing_leaves_one_staff_action_naming_the_organizer_at_the_clock_time()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2041);
        await client.SetPolicyAsync(id, "2041-05-01T09:00", "2041-06-12T17:00");
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        await client.AddShiftAsync(id, therapist, Bodies.Shift("2041-06-11"));

        await client.PostEmptyAsync($"{Symposium(id)}/publish").ExpectAsync(HttpStatusCode.OK);

        var organizer = await app.StaffUserIdAsync(BookingApp.OrganizerEmail);
        var published = Assert.Single(await app.AboutAsync(Guid.Parse(id), "PublishSymposium"));
        Assert.Equal(organizer, published.StaffUserId);
        Assert.Equal([Guid.Parse(id)], published.TargetIds);
        Assert.Equal(Instant.FromDateTimeOffset(app.Clock.GetUtcNow()), published.OccurredAt);
        var all = await app.AboutAsync(Guid.Parse(id));
        Assert.Equal(["SetBookingPolicy", "AddTherapist", "AddShift", "PublishSymposium"], all.Select(a => a.Action));
        Assert.All(all, a => Assert.Equal(organizer, a.StaffUserId));
    }

    [Fact]
    public async Task A_refused_publish_leaves_no_staff_action()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2042);

        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(id)}/publish"), HttpStatusCode.UnprocessableEntity, "symposium.no_policy");
        await app.RefusesAsync(() => client.PutJsonAsync($"{Symposium(id)}/policy", Bodies.Policy("2042-06-12T17:00", "2042-05-01T09:00")),
            HttpStatusCode.BadRequest, "policy.closes_before_opens");

        Assert.Empty(await app.AboutAsync(Guid.Parse(id)));
    }

    [Fact]
    public async Task Removing_a_therapist_is_recorded_with_the_symposium_and_the_therapist()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2043);
        var therapist = await client.AddTherapistAsync(id, "Tomás Ortega");

        var removed = await client.SendDeleteAsync($"{TherapistsPath(id)}/{therapist}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var row = Assert.Single(await app.AboutAsync(Guid.Parse(therapist), "RemoveTherapist"));
        Assert.Equal([Guid.Parse(id), Guid.Parse(therapist)], row.TargetIds);
    }

    [Fact]
    public async Task Organizers_read_the_log_by_target_and_therapists_may_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2044);
        await client.SetPolicyAsync(id, "2044-05-01T09:00", "2044-06-12T17:00");

        var rows = await client.GetFromJsonAsync<List<StaffActionView>>($"/api/v1/staff-actions?targetId={id}", ct);
        var tooMany = await Problem.ReadAsync(await client.SendGetAsync($"/api/v1/staff-actions?limit={ListStaffActions.MaxLimit + 1}"));
        var therapistEmail = BookingSeed.UniqueEmail("therapist");
        await app.TherapistSignInsAsync(TherapistWorld.Password, [therapistEmail]);
        var therapist = await app.SignedInClientAsync(therapistEmail, TherapistWorld.Password);
        var forbidden = await therapist.SendGetAsync("/api/v1/staff-actions");

        var row = Assert.Single(rows!);
        Assert.Equal(("SetBookingPolicy", BookingApp.OrganizerEmail), (row.Action, row.StaffEmail));
        Assert.Equal((HttpStatusCode.BadRequest, "request.invalid"), (tooMany.Status, tooMany.Code));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

/// <summary>
/// A therapist's mark, in an app of its own: it moves the app's clock to the session's start, past the end of the
/// symposia that the tests of StaffActionTests create.
/// </summary>
public sealed class SessionOutcomeStaffActionTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task A_therapist_marking_a_no_show_is_recorded_once_and_a_refused_mark_is_not()
    {
        var world = await TherapistWorld.CreateAsync(app);
        app.Clock.SetUtcNow(world.FirstStart.Minus(Duration.FromMinutes(1)).ToDateTimeOffset());
        var a = await world.ClientAAsync(app);
        await a.PostEmptyAsync($"/api/v1/me/sessions/{world.FlaggedOfA.Id}/no-show")
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "session.not_started");
        Assert.Empty(await app.AboutAsync(world.FlaggedOfA.Id));

        app.Clock.SetUtcNow(world.FirstStart.Plus(Duration.FromMinutes(15)).ToDateTimeOffset());
        a = await world.ClientAAsync(app);
        await a.PostEmptyAsync($"/api/v1/me/sessions/{world.FlaggedOfA.Id}/no-show").ExpectAsync(HttpStatusCode.OK);

        var row = Assert.Single(await app.AboutAsync(world.FlaggedOfA.Id));
        Assert.Equal(("RecordSessionOutcome.NoShow", await app.StaffUserIdAsync(world.EmailA)), (row.Action, row.StaffUserId));
    }
}

/// <summary>Refunds, the money side of the staff action log.</summary>
public sealed class RefundStaffActionTests(StripeApp app) : IClassFixture<StripeApp>
{
    [Fact]
    public async Task An_organizer_refund_leaves_one_staff_action_naming_that_organizer()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var booked = await client.BookOnlineAsync(schedule.Slots[0].Id);
        Assert.Equal("confirmed", await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id))));
        var organizer = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await organizer.RefundAsync(schedule.Id, booked.Id)).StatusCode);

        var row = Assert.Single(await app.AboutAsync(booked.Id));
        Assert.Equal("RefundBooking", row.Action);
        Assert.Equal(await app.StaffUserIdAsync(BookingApp.OrganizerEmail), row.StaffUserId);
        Assert.Equal([schedule.Id, booked.Id], row.TargetIds);
    }

    [Fact]
    public async Task A_refused_refund_leaves_no_staff_action()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var atTable = await client.BookAtTableAsync(schedule.Slots[1].Id);
        var organizer = await app.SignedInClientAsync();

        var notPaid = await Problem.ReadAsync(await organizer.RefundAsync(schedule.Id, atTable.Id));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "payment.not_paid"), (notPaid.Status, notPaid.Code));
        Assert.Empty(await app.AboutAsync(atTable.Id));
    }
}
