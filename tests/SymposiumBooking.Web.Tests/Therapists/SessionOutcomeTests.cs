using System.Net;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;

namespace SymposiumBooking.Web.Tests.Therapists;

/// <summary>POST /api/v1/me/sessions/{id}/complete and /no-show: only once the session has started, only for a confirmed booking.</summary>
public sealed class SessionOutcomeTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static string Mark(Guid id, string what) => $"/api/v1/me/sessions/{id}/{what}";

    [Fact]
    public async Task Before_the_session_starts_marking_it_is_422_and_changes_nothing()
    {
        var world = await TherapistWorld.CreateAsync(app);
        app.Clock.SetUtcNow(world.FirstStart.Minus(Duration.FromMinutes(1)).ToDateTimeOffset());
        var a = await world.ClientAAsync(app); // after moving the clock: sign-ins expire

        await a.PostEmptyAsync(Mark(world.FlaggedOfA.Id, "complete")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "session.not_started");
        await a.PostEmptyAsync(Mark(world.FlaggedOfA.Id, "no-show")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "session.not_started");

        Assert.Equal(BookingStatus.Confirmed, (await app.BookingRowAsync(world.FlaggedOfA.Id)).Status);
    }

    [Fact]
    public async Task Once_started_completing_is_200_again_is_the_same_and_organizers_see_it_in_the_bookings_list()
    {
        var world = await TherapistWorld.CreateAsync(app);
        app.Clock.SetUtcNow(world.FirstStart.ToDateTimeOffset());
        var a = await world.ClientAAsync(app);

        var first = await a.PostEmptyAsync(Mark(world.FlaggedOfA.Id, "complete")).ExpectAsync(HttpStatusCode.OK);
        var again = await a.PostEmptyAsync(Mark(world.FlaggedOfA.Id, "complete")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("completed", first.Text("status"));
        Assert.Equal(first.GetRawText(), again.GetRawText());
        var organizer = await app.SignedInClientAsync();
        var list = await organizer.SendGetAsync($"/api/v1/symposia/{world.Symposium.Id}/bookings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("completed", list.EnumerateArray().Single(r => r.Id() == world.FlaggedOfA.Id.ToString()).Text("status"));
        var csv = await (await organizer.SendGetAsync($"/api/v1/symposia/{world.Symposium.Id}/bookings", "text/csv")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"{world.FlaggedOfA.Id},completed,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistaken_no_show_can_be_corrected_to_completed()
    {
        var world = await TherapistWorld.CreateAsync(app);
        app.Clock.SetUtcNow(world.FirstStart.Plus(Duration.FromMinutes(20)).ToDateTimeOffset());
        var a = await world.ClientAAsync(app);

        Assert.Equal("noShow", (await a.PostEmptyAsync(Mark(world.FlaggedOfA.Id, "no-show")).ExpectAsync(HttpStatusCode.OK)).Text("status"));
        Assert.Equal("completed", (await a.PostEmptyAsync(Mark(world.FlaggedOfA.Id, "complete")).ExpectAsync(HttpStatusCode.OK)).Text("status"));

        Assert.Equal(BookingStatus.Completed, (await app.BookingRowAsync(world.FlaggedOfA.Id)).Status);
    }

    [Fact]
    public async Task A_cancelled_booking_is_409_not_active_and_an_unpaid_one_409_awaiting_payment()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var attendee = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await attendee.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{world.PlainOfA.Id}/cancel", world.PlainOfA.Token)).StatusCode);
        app.Clock.SetUtcNow(world.SlotsOfA[1].StartsAt.ToDateTimeOffset());
        var unpaid = await app.BookAsync(world.Symposium.Id.ToString(), world.SlotsOfA[1].Id.ToString(), payment: PaymentMethod.Online); // held 30 minutes from now
        var a = await world.ClientAAsync(app);

        await a.PostEmptyAsync(Mark(world.PlainOfA.Id, "complete")).ProblemAsync(HttpStatusCode.Conflict, "session.not_active");
        await a.PostEmptyAsync(Mark(unpaid, "no-show")).ProblemAsync(HttpStatusCode.Conflict, "session.awaiting_payment");

        Assert.Equal(BookingStatus.Cancelled, (await app.BookingRowAsync(world.PlainOfA.Id)).Status);
        Assert.Equal(BookingStatus.AwaitingPayment, (await app.BookingRowAsync(unpaid)).Status);
    }

    [Fact]
    public async Task Another_therapist_gets_404_and_the_booking_stays_as_it_was()
    {
        var world = await TherapistWorld.CreateAsync(app);
        app.Clock.SetUtcNow(world.FirstStart.ToDateTimeOffset());
        var b = await world.ClientBAsync(app);

        var problem = await b.PostEmptyAsync(Mark(world.FlaggedOfA.Id, "complete")).ProblemAsync(HttpStatusCode.NotFound, "session.not_found");

        Assert.DoesNotContain("Fiona", problem.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Confirmed, (await app.BookingRowAsync(world.FlaggedOfA.Id)).Status);
    }

    [Fact]
    public async Task Many_taps_at_once_all_get_an_answer_and_leave_one_of_the_two_marks()
    {
        var world = await TherapistWorld.CreateAsync(app);
        app.Clock.SetUtcNow(world.FirstStart.ToDateTimeOffset());
        var a = await world.ClientAAsync(app);
        var organizer = await app.SignedInClientAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            (i % 3 == 0 ? organizer : a).PostEmptyAsync(Mark(world.FlaggedOfA.Id, i % 2 == 0 ? "complete" : "no-show"))));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var row = await app.BookingRowAsync(world.FlaggedOfA.Id);
        Assert.Contains(row.Status, new[] { BookingStatus.Completed, BookingStatus.NoShow });
        // A last, lone tap decides, whatever the race left.
        Assert.Equal("completed", (await a.PostEmptyAsync(Mark(world.FlaggedOfA.Id, "complete")).ExpectAsync(HttpStatusCode.OK)).Text("status"));
    }
}
