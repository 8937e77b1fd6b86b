using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;

namespace SymposiumBooking.Web.Tests.Therapists;

/// <summary>Every read of intake data — full or as flags, API or page or printed sheet — leaves a row in intake_reads.</summary>
public sealed class IntakeAuditTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_intake_read_records_who_when_which_booking_from_where_and_on_which_surface()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var a = await world.ClientAAsync(app);
        a.UserAgent("TherapistPhone");
        var organizer = await app.SignedInClientAsync();
        organizer.UserAgent("OrganizerLaptop");
        var readAt = Instant.FromDateTimeOffset(app.Clock.GetUtcNow());

        await a.SendGetAsync($"/api/v1/bookings/{world.FlaggedOfA.Id}/intake").ExpectAsync(HttpStatusCode.OK);
        await a.SendGetAsync($"/api/v1/me/sessions/{world.FlaggedOfA.Id}").ExpectAsync(HttpStatusCode.OK);
        await a.SendGetAsync($"/api/v1/me/schedule?date={world.DayText}").ExpectAsync(HttpStatusCode.OK);
        await organizer.SendGetAsync($"/api/v1/bookings/{world.FlaggedOfA.Id}/intake").ExpectAsync(HttpStatusCode.OK);

        var rows = await ReadsAsync(world.FlaggedOfA.Id);
        Assert.Equal(
            [
                (IntakeSurface.IntakeApi, "therapist", "TherapistPhone/1.0"),
                (IntakeSurface.SessionApi, "therapist", "TherapistPhone/1.0"),
                (IntakeSurface.ScheduleApi, "therapist", "TherapistPhone/1.0"),
                (IntakeSurface.IntakeApi, "organizer", "OrganizerLaptop/1.0"),
            ],
            rows.Select(r => (r.Surface, r.Role, r.UserAgent)));
        Assert.All(rows, r => Assert.Equal(readAt, r.ReadAt));
        Assert.All(rows.Take(3), r => Assert.Equal(world.A.UserId, r.StaffUserId));
        // The schedule read the other session of the day too; B's booking was not read by anyone.
        Assert.Single(await ReadsAsync(world.PlainOfA.Id));
        Assert.Empty(await ReadsAsync(world.OfB.Id));
    }

    [Fact]
    public async Task Pages_and_the_printed_day_sheet_are_audited_too()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var pages = await app.SignedInPagesAsync(world.EmailA, TherapistWorld.Password);

        foreach (var url in new[] { $"/my-day?date={world.DayText}", $"/my-day/sessions/{world.FlaggedOfA.Id}", $"/my-day/sheet?date={world.DayText}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync(url, Ct)).StatusCode);
        }

        Assert.Equal(
            [IntakeSurface.SchedulePage, IntakeSurface.SessionPage, IntakeSurface.DaySheet],
            (await ReadsAsync(world.FlaggedOfA.Id)).Select(r => r.Surface));
    }

    [Fact]
    public async Task A_refused_read_writes_no_row_and_the_log_never_holds_intake_content()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var b = await world.ClientBAsync(app);
        var organizer = await app.SignedInClientAsync();

        await b.SendGetAsync($"/api/v1/bookings/{world.FlaggedOfA.Id}/intake").ProblemAsync(HttpStatusCode.NotFound, "booking.not_found");
        await b.SendGetAsync($"/api/v1/me/sessions/{world.FlaggedOfA.Id}").ProblemAsync(HttpStatusCode.NotFound, "session.not_found");
        Assert.Empty(await ReadsAsync(world.FlaggedOfA.Id));

        await organizer.SendGetAsync($"/api/v1/me/sessions/{world.OfB.Id}").ExpectAsync(HttpStatusCode.OK);
        await using var db = app.OpenDb();
        var everything = string.Join('\n', await db.Database
            .SqlQueryRaw<string>("SELECT row_to_json(r)::text AS \"Value\" FROM intake_reads r")
            .ToListAsync(Ct));
        Assert.Contains(world.OfB.Id.ToString(), everything, StringComparison.Ordinal);
        foreach (var secret in new[] { TherapistWorld.BNote, "neckLeft", "upperBack", "seated", TherapistWorld.BClientName })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Organizers_list_a_bookings_intake_reads_newest_first_and_therapists_may_not()
    {
        var world = await TherapistWorld.CreateAsync(app);
        var a = await world.ClientAAsync(app);
        var organizer = await app.SignedInClientAsync();
        await a.SendGetAsync($"/api/v1/bookings/{world.FlaggedOfA.Id}/intake").ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await organizer.SendGetAsync($"/api/v1/me/sessions/{world.FlaggedOfA.Id}").ExpectAsync(HttpStatusCode.OK);

        var reads = await organizer.SendGetAsync($"/api/v1/bookings/{world.FlaggedOfA.Id}/intake-reads").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(
            [("organizer", "sessionApi", BookingApp.OrganizerEmail), ("therapist", "intakeApi", world.EmailA)],
            reads.EnumerateArray().Select(r => (r.Text("role"), r.Text("surface"), r.Text("staffEmail"))));
        await a.SendGetAsync($"/api/v1/bookings/{world.FlaggedOfA.Id}/intake-reads").ProblemAsync(HttpStatusCode.Forbidden, null);
    }

    private async Task<List<IntakeRead>> ReadsAsync(Guid bookingId)
    {
        await using var db = app.OpenDb();
        return await db.IntakeReads.AsNoTracking().Where(r => r.BookingId == bookingId).OrderBy(r => r.Id).ToListAsync(Ct);
    }
}
