using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// At the table (docs/organizers.md): walk-ins booked by an organizer, the table's payment ledger, and check-in, each
/// through the API with its refusals and races.
/// </summary>
public sealed class TableTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string BookingsPath(Guid symposiumId) => $"{SymposiaPath}/{symposiumId}/bookings";

    private static Dictionary<string, object?> WalkIn(
        Guid slotId, string? email = null, string rate = "standard", bool onPaper = false, object? payment = null) => new()
        {
            ["slotId"] = slotId,
            ["name"] = "Walt Walkin",
            ["email"] = email,
            ["phone"] = null,
            ["rate"] = rate,
            ["intake"] = onPaper ? null : BookingBodies.Intake("left side tight"),
            ["intakeOnPaper"] = onPaper,
            ["payment"] = payment,
        };

    private static Dictionary<string, object?> Cash(long cents) => new() { ["method"] = "cash", ["amountCents"] = cents };

    private async Task<(Schedule Schedule, HttpClient Organizer)> TableAsync()
    {
        var schedule = await app.ScheduleAsync();
        return (schedule, await app.SignedInClientAsync());
    }

    [Fact]
    public async Task A_walk_in_paid_in_cash_is_confirmed_with_its_first_ledger_entry_and_mailed_when_it_has_an_email()
    {
        var (schedule, organizer) = await TableAsync();
        var email = BookingSeed.UniqueEmail("walt");

        var created = await organizer.PostJsonAsync(BookingsPath(schedule.Id), WalkIn(schedule.Slots[0].Id, email, payment: Cash(6000)))
            .ExpectAsync(HttpStatusCode.Created);

        var booking = created.GetProperty("booking");
        Assert.Equal("confirmed", booking.Text("status"));
        Assert.Equal("atTable", booking.Text("payment"));
        Assert.Equal(6000, booking.GetProperty("priceCents").GetInt64());
        Assert.Equal(6000, booking.GetProperty("collectedCents").GetInt64());
        Assert.Equal(0, booking.GetProperty("toCollectCents").GetInt64());
        Assert.False(created.GetProperty("intakeOnPaper").GetBoolean());
        var ledger = created.GetProperty("ledger");
        Assert.Equal(1, ledger.GetArrayLength());
        Assert.Equal("cash", ledger[0].Text("method"));
        Assert.Equal("USD", ledger[0].Text("currency"));
        Assert.True(ledger[0].GetProperty("current").GetBoolean());
        Assert.False(string.IsNullOrEmpty(ledger[0].Text("recordedByName"))); // the organizer's display name
        var id = Guid.Parse(booking.Id());
        var row = await app.BookingRowAsync(id);
        Assert.NotNull(row.BookedBy);
        Assert.Equal(row.BookedBy, ledger[0].GetProperty("recordedBy").GetGuid());
        await using var db = app.OpenDb();
        Assert.True(await db.Intakes.AnyAsync(i => i.BookingId == id, Ct));
        Assert.Equal([OutboxTypes.BookingConfirmed], await MailsAsync(db, id));
        Assert.Equal(1, await db.StaffActions.CountAsync(a => a.Action == "BookWalkIn" && a.TargetIds.Contains(schedule.Id), Ct));
    }

    [Fact]
    public async Task A_walk_in_without_email_with_intake_on_paper_gets_no_mail_and_is_to_collect()
    {
        var (schedule, organizer) = await TableAsync();

        var created = await organizer.PostJsonAsync(BookingsPath(schedule.Id), WalkIn(schedule.Slots[1].Id, onPaper: true))
            .ExpectAsync(HttpStatusCode.Created);

        var id = Guid.Parse(created.GetProperty("booking").Id());
        Assert.True(created.GetProperty("intakeOnPaper").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("booking").GetProperty("collectedCents").ValueKind);
        Assert.Equal(6000, created.GetProperty("booking").GetProperty("toCollectCents").GetInt64());
        Assert.Equal("", created.GetProperty("booking").Text("attendeeEmail"));
        await using var db = app.OpenDb();
        Assert.False(await db.Intakes.AnyAsync(i => i.BookingId == id, Ct));
        Assert.Empty(await MailsAsync(db, id));
        var toCollect = await organizer.SendGetAsync($"{BookingsPath(schedule.Id)}?toCollect=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id.ToString()], toCollect.EnumerateArray().Select(b => b.Id()).ToArray());
        var one = await organizer.SendGetAsync($"{BookingsPath(schedule.Id)}/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(one.GetProperty("intakeOnPaper").GetBoolean());
    }

    [Fact]
    public async Task Walk_ins_are_refused_with_a_code_for_a_taken_slot_a_draft_an_ended_slot_another_symposium_and_bad_input()
    {
        var (schedule, organizer) = await TableAsync();
        var taken = schedule.Slots[2].Id;
        await app.BookAsync(schedule.Id.ToString(), taken.ToString());
        var draft = await app.ScheduleAsync(publish: false);
        var other = await app.ScheduleAsync();
        var path = BookingsPath(schedule.Id);

        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(taken)), HttpStatusCode.Conflict, "booking.slot_unavailable");
        await app.RefusesAsync(() => organizer.PostJsonAsync(BookingsPath(draft.Id), WalkIn(draft.Slots[0].Id)), HttpStatusCode.UnprocessableEntity, "symposium.not_open");
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(other.Slots[0].Id)), HttpStatusCode.UnprocessableEntity, "booking.other_symposium");
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(Guid.NewGuid())), HttpStatusCode.UnprocessableEntity, "booking.unknown_slot");
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(schedule.Slots[3].Id).With("name", "")), HttpStatusCode.BadRequest, null);
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(schedule.Slots[3].Id).With("intake", null)), HttpStatusCode.BadRequest, null);
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(schedule.Slots[3].Id, onPaper: true).With("intake", BookingBodies.Intake())),
            HttpStatusCode.BadRequest, null);
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(schedule.Slots[3].Id, payment: Cash(0))), HttpStatusCode.BadRequest, null);
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(schedule.Slots[3].Id, email: "not-an-address")), HttpStatusCode.BadRequest, null);

        // The attendees' window does not bind organizers, but a slot that is over cannot be booked. (Later symposia are
        // seeded in later years, so moving the clock forward leaves them as they were.)
        app.Clock.SetUtcNow(schedule.Slots[4].StartsAt.Plus(NodaTime.Duration.FromMinutes(10)).ToDateTimeOffset());
        organizer = await app.SignedInClientAsync(); // the earlier sign-in has expired by then
        await organizer.PostJsonAsync(path, WalkIn(schedule.Slots[4].Id)).ExpectAsync(HttpStatusCode.Created); // started, not over
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, WalkIn(schedule.Slots[3].Id)), HttpStatusCode.UnprocessableEntity, "booking.slot_ended");
    }

    [Fact]
    public async Task The_reduced_rate_cap_counts_a_walk_in_by_its_email_and_not_without_one()
    {
        var (schedule, organizer) = await TableAsync();
        var email = BookingSeed.UniqueEmail("capped");
        await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id, email, rate: "reduced");

        await app.RefusesAsync(() => organizer.PostJsonAsync(BookingsPath(schedule.Id), WalkIn(schedule.Slots[1].Id, email, rate: "reduced")),
            HttpStatusCode.UnprocessableEntity, "booking.reduced_rate_limit");
        await organizer.PostJsonAsync(BookingsPath(schedule.Id), WalkIn(schedule.Slots[1].Id, rate: "reduced")).ExpectAsync(HttpStatusCode.Created);
        await organizer.PostJsonAsync(BookingsPath(schedule.Id), WalkIn(schedule.Slots[2].Id, rate: "reduced")).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_walk_in_racing_an_online_booking_for_one_slot_leaves_exactly_one_booking()
    {
        var (schedule, organizer) = await TableAsync();
        var attendee = app.CreateClient();
        await organizer.PostJsonAsync(BookingsPath(schedule.Id), WalkIn(schedule.Slots[^1].Id)).ExpectAsync(HttpStatusCode.Created); // warm

        for (var i = 0; i < 5; i++)
        {
            var slot = schedule.Slots[i].Id;
            var answers = await Task.WhenAll(
                organizer.PostJsonAsync(BookingsPath(schedule.Id), WalkIn(slot)),
                attendee.BookAsync(BookingBodies.Booking(slot, BookingSeed.UniqueEmail(), rate: "standard")));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
            var lost = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Created);
            Assert.Equal("booking.slot_unavailable", (await Problem.ReadAsync(lost)).Code);
            await using var db = app.OpenDb();
            Assert.Equal(1, await db.Bookings.CountAsync(b => b.SlotId == slot, Ct));
        }
    }

    [Fact]
    public async Task Payments_are_recorded_and_corrected_never_overwritten_and_only_for_bookings_paid_at_the_table()
    {
        var (schedule, organizer) = await TableAsync();
        var booking = await app.BookAsync(schedule.Id.ToString(), schedule.Slots[0].Id.ToString(), rate: Rate.Standard, priceCents: 6000);
        var online = await app.BookAsync(schedule.Id.ToString(), schedule.Slots[1].Id.ToString(), payment: PaymentMethod.Online);
        var path = $"{BookingsPath(schedule.Id)}/{booking}/table-payments";

        var first = await organizer.PostJsonAsync(path, Cash(5000)).ExpectAsync(HttpStatusCode.Created);
        await organizer.PostJsonAsync(path, Cash(6000)).ProblemAsync(HttpStatusCode.Conflict, "payment.table_changed");
        var fixedUp = await organizer.PostJsonAsync(path, new Dictionary<string, object?>
        {
            ["method"] = "card",
            ["amountCents"] = 6000,
            ["note"] = "Paid the rest by card",
            ["replaces"] = first.Id(),
        }).ExpectAsync(HttpStatusCode.Created);
        await organizer.PostJsonAsync(path, Cash(0).With("replaces", first.Id())).ProblemAsync(HttpStatusCode.Conflict, "payment.table_changed");
        await organizer.PostJsonAsync(path, Cash(0).With("replaces", Guid.NewGuid())).ProblemAsync(HttpStatusCode.UnprocessableEntity, "payment.unknown_entry");
        await organizer.PostJsonAsync(path, Cash(-1)).ProblemAsync(HttpStatusCode.BadRequest, null);
        await organizer.PostJsonAsync(path, new Dictionary<string, object?> { ["method"] = "cheque", ["amountCents"] = 1 }).ProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        await organizer.PostJsonAsync($"{BookingsPath(schedule.Id)}/{online}/table-payments", Cash(2500))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "payment.not_at_table");
        await organizer.PostJsonAsync($"{BookingsPath(schedule.Id)}/{Guid.NewGuid()}/table-payments", Cash(2500))
            .ProblemAsync(HttpStatusCode.NotFound, "booking.not_found");

        var ledger = await organizer.SendGetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([first.Id(), fixedUp.Id()], ledger.EnumerateArray().Select(e => e.Id()).ToArray());
        Assert.False(ledger[0].GetProperty("current").GetBoolean());
        Assert.True(ledger[1].GetProperty("current").GetBoolean());
        Assert.Equal("Paid the rest by card", ledger[1].Text("note"));
        var view = await organizer.SendGetAsync($"{BookingsPath(schedule.Id)}/{booking}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(6000, view.GetProperty("booking").GetProperty("collectedCents").GetInt64());

        var mistake = await organizer.PostJsonAsync(path, Cash(0).With("replaces", fixedUp.Id()).With("note", "Recorded on the wrong booking"))
            .ExpectAsync(HttpStatusCode.Created);
        view = await organizer.SendGetAsync($"{BookingsPath(schedule.Id)}/{booking}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, view.GetProperty("booking").GetProperty("collectedCents").GetInt64());
        Assert.Equal(6000, view.GetProperty("booking").GetProperty("toCollectCents").GetInt64());
        Assert.Equal(mistake.Id(), view.GetProperty("ledger")[2].Id());
    }

    [Fact]
    public async Task Two_organizers_recording_the_first_payment_or_correcting_one_entry_at_once_leave_one_entry()
    {
        var (schedule, organizer) = await TableAsync();
        var second = await app.SignedInClientAsync();
        for (var i = 0; i < 4; i++)
        {
            var booking = await app.BookAsync(schedule.Id.ToString(), schedule.Slots[i].Id.ToString());
            var path = $"{BookingsPath(schedule.Id)}/{booking}/table-payments";

            var firsts = await Task.WhenAll(organizer.PostJsonAsync(path, Cash(2500)), second.PostJsonAsync(path, Cash(2500)));
            var won = Assert.Single(firsts, a => a.StatusCode == HttpStatusCode.Created);
            Assert.Equal("payment.table_changed", (await Problem.ReadAsync(Assert.Single(firsts, a => a != won))).Code);
            var entry = (await won.ExpectAsync(HttpStatusCode.Created)).Id();

            var corrections = await Task.WhenAll(
                organizer.PostJsonAsync(path, Cash(2000).With("replaces", entry)), second.PostJsonAsync(path, Cash(3000).With("replaces", entry)));
            var corrected = Assert.Single(corrections, a => a.StatusCode == HttpStatusCode.Created);
            Assert.Equal("payment.table_changed", (await Problem.ReadAsync(Assert.Single(corrections, a => a != corrected))).Code);
            await using var db = app.OpenDb();
            Assert.Equal(2, await db.TablePayments.CountAsync(p => p.BookingId == booking, Ct));
        }
    }

    [Fact]
    public async Task Check_in_is_seen_by_the_therapist_on_my_day_and_can_be_undone()
    {
        var emails = new[] { BookingSeed.UniqueEmail("tess") };
        var users = await app.TherapistSignInsAsync(TherapistPassword, emails);
        var schedule = await app.ScheduleAsync(therapistUsers: users);
        var organizer = await app.SignedInClientAsync();
        var therapist = await app.SignedInClientAsync(emails[0], TherapistPassword);
        var booking = await app.BookAsync(schedule.Id.ToString(), schedule.Slots[0].Id.ToString(), name: "Ana Arrives");
        var walkIn = Guid.Parse((await organizer.PostJsonAsync(BookingsPath(schedule.Id), WalkIn(schedule.Slots[1].Id, onPaper: true))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("booking").Id());
        var checkIn = $"{BookingsPath(schedule.Id)}/{booking}/check-in";
        var date = schedule.Symposium.StartDate.ToString("yyyy-MM-dd", null);

        var arrived = await organizer.PostEmptyAsync(checkIn).ExpectAsync(HttpStatusCode.OK);
        var again = await organizer.PostEmptyAsync(checkIn).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(app.Clock.GetUtcNow(), arrived.GetProperty("booking").GetProperty("checkedInAt").GetDateTimeOffset());
        Assert.Equal(arrived.GetRawText(), again.GetRawText());
        var day = await therapist.SendGetAsync($"/api/v1/me/schedule?symposiumId={schedule.Id}&date={date}").ExpectAsync(HttpStatusCode.OK);
        var sessions = day.GetProperty("sessions").EnumerateArray().ToList();
        var ana = sessions.Single(s => s.Text("bookingId") == booking.ToString());
        Assert.NotEqual(JsonValueKind.Null, ana.GetProperty("arrivedAt").ValueKind);
        Assert.False(ana.GetProperty("intakeOnPaper").GetBoolean());
        Assert.True(sessions.Single(s => s.Text("bookingId") == walkIn.ToString()).GetProperty("intakeOnPaper").GetBoolean());
        var page = await therapist.GetStringAsync($"/my-day?date={date}", Ct);
        Assert.Contains("Arrived", page, StringComparison.Ordinal);
        Assert.Contains("Intake on paper", page, StringComparison.Ordinal);

        var undone = await organizer.PostEmptyAsync($"{checkIn}/undo").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, undone.GetProperty("booking").GetProperty("checkedInAt").ValueKind);
        Assert.Null((await app.BookingRowAsync(booking)).CheckedInAt);
        Assert.Equal(0, (await app.BookingRowAsync(booking)).Sequence); // not a change of the invite
    }

    [Fact]
    public async Task Check_in_is_refused_for_an_ended_booking_and_an_unknown_one()
    {
        var (schedule, organizer) = await TableAsync();
        var online = await app.BookAsync(schedule.Id.ToString(), schedule.Slots[0].Id.ToString(), payment: PaymentMethod.Online);

        await organizer.PostEmptyAsync($"{BookingsPath(schedule.Id)}/{online}/check-in").ProblemAsync(HttpStatusCode.Conflict, "session.awaiting_payment");
        await organizer.PostEmptyAsync($"{BookingsPath(schedule.Id)}/{Guid.NewGuid()}/check-in").ProblemAsync(HttpStatusCode.NotFound, "booking.not_found");
        await organizer.PostEmptyAsync($"{BookingsPath(Guid.NewGuid())}/{online}/check-in").ProblemAsync(HttpStatusCode.NotFound, "symposium.not_found");
    }

    [Fact]
    public async Task Table_routes_are_for_organizers_only()
    {
        var (schedule, organizer) = await TableAsync();
        var booking = await app.BookAsync(schedule.Id.ToString(), schedule.Slots[0].Id.ToString());
        var therapist = await app.TherapistClientAsync(organizer, schedule.Id.ToString());
        var routes = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, BookingsPath(schedule.Id), WalkIn(schedule.Slots[1].Id)),
            (HttpMethod.Get, $"{BookingsPath(schedule.Id)}/{booking}", null),
            (HttpMethod.Post, $"{BookingsPath(schedule.Id)}/{booking}/table-payments", Cash(2500)),
            (HttpMethod.Get, $"{BookingsPath(schedule.Id)}/{booking}/table-payments", null),
            (HttpMethod.Post, $"{BookingsPath(schedule.Id)}/{booking}/check-in", null),
            (HttpMethod.Post, $"{BookingsPath(schedule.Id)}/{booking}/check-in/undo", null),
        };

        foreach (var (method, url, body) in routes)
        {
            await app.RefusesAsync(() => Send(app.CreateClient(), method, url, body), HttpStatusCode.Unauthorized, "http.401");
            await app.RefusesAsync(() => Send(therapist, method, url, body), HttpStatusCode.Forbidden, null);
        }

        await using var db = app.OpenDb();
        Assert.False(await db.TablePayments.AnyAsync(p => p.BookingId == booking, Ct));
        Assert.Null((await app.BookingRowAsync(booking)).CheckedInAt);
    }

    /// <summary>The types of the mails queued about <paramref name="bookingId"/>.</summary>
    private static Task<List<string>> MailsAsync(Infrastructure.Data.BookingDb db, Guid bookingId) =>
        db.Database.SqlQuery<string>($"SELECT type AS \"Value\" FROM outbox_messages WHERE payload->>'bookingId' = {bookingId.ToString()}").ToListAsync(Ct);

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        return client.SendAsync(request, Ct);
    }
}
