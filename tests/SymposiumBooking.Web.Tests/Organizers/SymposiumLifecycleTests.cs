using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// Taking a symposium down or putting it away: close booking early, unpublish, delete a draft, archive a past one
/// (<c>POST …/close-bookings</c>, <c>…/unpublish</c>, <c>…/archive</c>, <c>DELETE /api/v1/symposia/{id}</c>).
/// </summary>
public sealed class SymposiumLifecycleTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A published symposium of <paramref name="year"/> whose booking is open now (the clock is 2026-11-25).</summary>
    private async Task<(HttpClient Client, string Id, string SlotId)> PublishedAsync(int year)
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(year);
        await client.SetPolicyAsync(id, "2026-11-01T09:00", $"{year}-06-01T17:00");
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var shift = await client.AddShiftAsync(id, therapist, Bodies.Shift($"{year}-06-10"));
        await client.PostEmptyAsync($"{Symposium(id)}/publish").ExpectAsync(HttpStatusCode.OK);
        return (client, id, shift.GetProperty("slots")[0].Id());
    }

    [Fact]
    public async Task A_mistaken_symposium_comes_down_close_then_unpublish_then_delete_and_nothing_of_it_is_left()
    {
        var (client, id, _) = await PublishedAsync(2041);

        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(id)}/unpublish"), HttpStatusCode.Conflict, "symposium.booking_still_open");
        await app.RefusesAsync(() => client.SendDeleteAsync(Symposium(id)), HttpStatusCode.Conflict, "symposium.not_a_draft");

        var closed = await client.PostEmptyAsync($"{Symposium(id)}/close-bookings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(app.Clock.GetUtcNow(), closed.GetProperty("policy").GetProperty("bookingClosesAt").GetDateTimeOffset());
        var slots = await app.CreateClient().GetAsync($"{Symposium(id)}/slots", Ct);
        Assert.Equal(HttpStatusCode.OK, slots.StatusCode); // still published: attendees see it, closed
        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(id)}/close-bookings"), HttpStatusCode.Conflict, "symposium.booking_not_open");

        var draft = await client.PostEmptyAsync($"{Symposium(id)}/unpublish").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", draft.Text("status"));
        await app.RefusesAsync(() => app.CreateClient().GetAsync($"{Symposium(id)}/slots", Ct), HttpStatusCode.NotFound, "symposium.not_found");

        var deleted = await client.SendDeleteAsync(Symposium(id));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await app.RefusesAsync(() => client.SendGetAsync(Symposium(id)), HttpStatusCode.NotFound, "symposium.not_found");
        await using var db = app.OpenDb();
        var symposiumId = Guid.Parse(id);
        Assert.False(await db.Therapists.AnyAsync(t => t.SymposiumId == symposiumId, Ct));
        Assert.False(await db.Slots.AnyAsync(s => s.SymposiumId == symposiumId, Ct));
        Assert.False(await db.Shifts.AnyAsync(s => s.SymposiumId == symposiumId, Ct));
        Assert.Contains(await db.StaffActions.AsNoTracking().ToListAsync(Ct), a => a.Action == "DeleteSymposium" && a.TargetIds.Contains(symposiumId));
    }

    [Fact]
    public async Task A_booking_that_holds_a_slot_keeps_the_symposium_published_and_one_on_record_keeps_its_draft()
    {
        var (client, id, slotId) = await PublishedAsync(2042);
        await app.BookAsync(id, slotId, payment: PaymentMethod.Online); // holds the slot for 30 minutes
        await client.PostEmptyAsync($"{Symposium(id)}/close-bookings").ExpectAsync(HttpStatusCode.OK);

        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(id)}/unpublish"), HttpStatusCode.Conflict, "symposium.has_active_bookings");
        Assert.Equal("published", (await client.GetSymposiumAsync(id)).Text("status"));

        app.Clock.Advance(TimeSpan.FromMinutes(31)); // the unpaid hold lapses: it holds nothing, but it is on record
        Assert.Equal("draft", (await client.PostEmptyAsync($"{Symposium(id)}/unpublish").ExpectAsync(HttpStatusCode.OK)).Text("status"));
        var before = await DbState.TakeAsync(app);
        await app.RefusesAsync(() => client.SendDeleteAsync(Symposium(id)), HttpStatusCode.Conflict, "symposium.has_bookings");
        (await DbState.TakeAsync(app)).AssertSameAs(before);
    }

    [Fact]
    public async Task Only_a_symposium_that_has_ended_is_archived_and_the_organizers_list_shows_it_apart()
    {
        var client = await app.SignedInClientAsync();
        var upcoming = await client.CreateSymposiumIdAsync(2043);
        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(upcoming)}/archive"), HttpStatusCode.Conflict, "symposium.not_ended");

        var past = Seed.Symposium(Instant.FromUtc(2026, 1, 15, 12, 0), Seed.Details(2026, "Denver", "America/Denver") with
        {
            StartDate = new LocalDate(2026, 6, 12),
            EndDate = new LocalDate(2026, 6, 14),
        }, publish: true);
        await using (var db = app.OpenDb())
        {
            db.Symposia.Add(past);
            await db.SaveChangesAsync(Ct);
        }

        var archived = await client.PostEmptyAsync($"{Symposium(past.Id.ToString())}/archive").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("archived", archived.Text("status"));
        Assert.True(archived.GetProperty("readOnly").GetBoolean());
        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(past.Id.ToString())}/archive"), HttpStatusCode.Conflict, "symposium.already_archived");
        await app.RefusesAsync(() => client.PutJsonAsync($"{Symposium(past.Id.ToString())}/policy", Bodies.Policy("2026-01-01T09:00", "2026-06-01T09:00")),
            HttpStatusCode.Conflict, "symposium.read_only");

        var page = await client.GetStringAsync("/organize", Ct);
        var archivedSection = page[page.IndexOf("<h2>Archived</h2>", StringComparison.Ordinal)..];
        Assert.Contains("2026 · Denver", archivedSection, StringComparison.Ordinal);
        Assert.DoesNotContain("2043 · Chicago", archivedSection, StringComparison.Ordinal);
    }
}
