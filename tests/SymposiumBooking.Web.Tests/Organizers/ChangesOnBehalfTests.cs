using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Calendar;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Payments;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// Organizers cancel, move and resend on the attendee's behalf (docs/organizers.md): past the attendee's cutoff, with
/// the same mails and invite updates, refunds by the policy, and one winner when two organizers act at once.
/// </summary>
public sealed class ChangesOnBehalfTests(ChangesOnBehalfTests.App app) : IClassFixture<ChangesOnBehalfTests.App>
{
    /// <summary>The fake Stripe, and a mail inbox on disk.</summary>
    public sealed class App : StripeApp
    {
        public string Inbox { get; } = Path.Combine(Path.GetTempPath(), "sb-inbox-" + Guid.NewGuid().ToString("N")[..12]);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [.. base.Settings, new("Mail:PickupDirectory", Inbox), new("App:PublicBaseUrl", "https://booking.example.org/")];

        public async Task SendWholeOutboxAsync()
        {
            while (await Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(TestContext.Current.CancellationToken) > 0)
            {
            }
        }

        public List<MimeMessage> MailsTo(string address) =>
        [
            .. (Directory.Exists(Inbox) ? Directory.GetFiles(Inbox, "*.eml") : [])
                .Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(b => b.Address == address))
                .OrderBy(m => m.Date),
        ];

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(Inbox))
            {
                Directory.Delete(Inbox, recursive: true);
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PathOf(Guid symposiumId, Guid bookingId, string action) => $"/api/v1/symposia/{symposiumId}/bookings/{bookingId}/{action}";

    /// <summary>A symposium whose cutoff (300 years: the seeds move to later years) has already passed for every booking: attendees can change nothing.</summary>
    private Task<Schedule> PastCutoffAsync() =>
        app.ScheduleAsync(therapists: 2, policy: now => new BookingPolicy(now, now + Duration.FromDays(366 * 300), 1, 30, 24 * 366 * 300));

    [Fact]
    public async Task An_organizer_moves_a_booking_past_the_cutoff_and_the_attendee_gets_an_update_with_a_higher_sequence()
    {
        var schedule = await PastCutoffAsync();
        var email = BookingSeed.UniqueEmail("moved");
        var attendee = app.CreateClient();
        var booked = await attendee.BookAtTableAsync(schedule.Slots[0].Id, email);
        var target = schedule.Slots[^1];

        var refused = await Problem.ReadAsync(await attendee.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{booked.Id}/reschedule", booked.Token, new { slotId = target.Id }));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "booking.cutoff_passed"), (refused.Status, refused.Code));

        var organizer = await app.SignedInClientAsync();
        var moved = await organizer.PostJsonAsync(PathOf(schedule.Id, booked.Id, "reschedule"), new { slotId = target.Id }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(target.Id.ToString(), moved.GetProperty("slot").Id());
        Assert.Equal(target.Id, (await app.BookingRowAsync(booked.Id)).SlotId);
        Assert.Contains(await attendee.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id); // the old slot is free

        await app.SendWholeOutboxAsync();
        var calendars = new List<(string Method, ParsedEvent Event)>();
        foreach (var mail in app.MailsTo(email))
        {
            var (method, ics) = BookingMailTests.CalendarOf(mail);
            calendars.AddRange((await IcsParsers.ParseAsync(ics)).Select(p => (method, Assert.Single(p.Events))));
        }

        Assert.All(calendars, c => Assert.Equal(("REQUEST", $"booking-{booked.Id}@symposium-booking"), (c.Method, c.Event.Uid)));
        Assert.Equal([0, 1], calendars.Select(c => c.Event.Sequence).Distinct().Order());
        var newStart = $"{schedule.Symposium.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}T16:00:00";
        Assert.All(calendars.Where(c => c.Event.Sequence == 1), c => Assert.Equal(newStart, c.Event.Start?.Local));
    }

    [Fact]
    public async Task An_organizer_cancels_past_the_cutoff_the_attendee_gets_a_cancel_and_the_slot_is_free()
    {
        var schedule = await PastCutoffAsync();
        var email = BookingSeed.UniqueEmail("cancelled");
        var attendee = app.CreateClient();
        var booked = await attendee.BookAtTableAsync(schedule.Slots[1].Id, email);
        var organizer = await app.SignedInClientAsync();

        var cancelled = await organizer.PostEmptyAsync(PathOf(schedule.Id, booked.Id, "cancel")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.Text("status"));
        Assert.Equal(BookingStatus.Cancelled, await app.StatusAsync(booked.Id));
        Assert.Contains(await attendee.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[1].Id);
        await organizer.PostEmptyAsync(PathOf(schedule.Id, booked.Id, "cancel")).ExpectAsync(HttpStatusCode.OK); // again: the same answer

        await app.SendWholeOutboxAsync();
        var cancel = Assert.Single(app.MailsTo(email), m => BookingMailTests.CalendarOf(m).Method == "CANCEL");
        foreach (var parsed in await IcsParsers.ParseAsync(BookingMailTests.CalendarOf(cancel).Ics))
        {
            Assert.Equal(("CANCELLED", 1), (Assert.Single(parsed.Events).Status, Assert.Single(parsed.Events).Sequence));
        }

        await using var db = app.OpenDb();
        Assert.Equal(2, await db.StaffActions.CountAsync(a => a.Action == nameof(CancelBookingOnBehalf) && a.TargetIds.Contains(booked.Id), Ct));
    }

    [Fact]
    public async Task A_paid_booking_is_refunded_before_the_cutoff_and_after_it_only_when_the_organizer_chooses()
    {
        var before = await app.ScheduleAsync();
        var after = await PastCutoffAsync();
        var organizer = await app.SignedInClientAsync();
        async Task<BookingView> PaidAsync(Guid slotId)
        {
            var client = app.CreateClient();
            var booked = await client.BookOnlineAsync(slotId);
            Assert.Equal("confirmed", await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(booked.Id))));
            return booked;
        }

        var inTime = await PaidAsync(before.Slots[0].Id);
        var kept = await PaidAsync(after.Slots[0].Id);
        var given = await PaidAsync(after.Slots[1].Id);

        await organizer.PostEmptyAsync(PathOf(before.Id, inTime.Id, "cancel") + "?refund=false").ExpectAsync(HttpStatusCode.OK);
        await organizer.PostEmptyAsync(PathOf(after.Id, kept.Id, "cancel")).ExpectAsync(HttpStatusCode.OK);
        await organizer.PostEmptyAsync(PathOf(after.Id, given.Id, "cancel") + "?refund=true").ExpectAsync(HttpStatusCode.OK);

        await using var db = app.OpenDb();
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.BookingId == inTime.Id || r.BookingId == kept.Id || r.BookingId == given.Id).ToListAsync(Ct);
        Assert.Equal(RefundReason.AttendeeCancelled, Assert.Single(refunds, r => r.BookingId == inTime.Id).Reason);
        Assert.DoesNotContain(refunds, r => r.BookingId == kept.Id);
        Assert.Equal(RefundReason.Organizer, Assert.Single(refunds, r => r.BookingId == given.Id).Reason);
        Assert.Equal(2, app.Stripe.RequestsTo("POST", "/v1/refunds").Count(r => r.IdempotencyKey == $"refund-{inTime.Id}" || r.IdempotencyKey == $"refund-{given.Id}"));
        Assert.DoesNotContain(app.Stripe.RequestsTo("POST", "/v1/refunds"), r => r.IdempotencyKey == $"refund-{kept.Id}");
    }

    [Fact]
    public async Task Resending_mails_a_new_link_that_works_the_old_one_stops_and_the_invite_keeps_its_sequence()
    {
        var schedule = await PastCutoffAsync();
        var email = BookingSeed.UniqueEmail("resent");
        var attendee = app.CreateClient();
        var booked = await attendee.BookAtTableAsync(schedule.Slots[2].Id, email);
        await app.SendWholeOutboxAsync();
        var organizer = await app.SignedInClientAsync();

        var sent = await organizer.PostEmptyAsync(PathOf(schedule.Id, booked.Id, "resend"));
        Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        await app.SendWholeOutboxAsync();

        var mail = Assert.Single(app.MailsTo(email), m => m.Subject?.StartsWith("Your booking's link", StringComparison.Ordinal) == true);
        var (method, ics) = BookingMailTests.CalendarOf(mail);
        Assert.Equal("REQUEST", method);
        Assert.All(await IcsParsers.ParseAsync(ics), p => Assert.Equal(0, Assert.Single(p.Events).Sequence));
        var link = MailedLinks.PathIn(mail, new(@"https://booking\.example\.org/bookings/[0-9a-f-]{36}\?t=[A-Za-z0-9_%-]+"));
        var token = Uri.UnescapeDataString(link[(link.IndexOf("?t=", StringComparison.Ordinal) + 3)..]);

        Assert.Equal(HttpStatusCode.OK, (await attendee.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", token)).StatusCode);
        var old = await Problem.ReadAsync(await attendee.WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{booked.Id}", booked.Token));
        Assert.Equal((HttpStatusCode.NotFound, "booking.not_found"), (old.Status, old.Code));
        Assert.Equal(0, (await app.BookingRowAsync(booked.Id)).Sequence);
    }

    [Fact]
    public async Task Resending_is_refused_for_a_booking_without_an_email_or_no_longer_active()
    {
        var schedule = await PastCutoffAsync();
        var organizer = await app.SignedInClientAsync();
        Guid walkIn;
        await using (var db = app.OpenDb())
        {
            var now = app.Now();
            var booking = Booking.Create(
                new BookingRequest(schedule.Id, schedule.Slots[3].Id, "Walk In", "", null, Rate.Standard, PaymentMethod.AtTable, 6000, "USD", null),
                SecretToken.Create().Hash, now);
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(Ct);
            walkIn = booking.Id;
        }

        await organizer.PostEmptyAsync(PathOf(schedule.Id, walkIn, "resend")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "booking.no_email");
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[4].Id);
        await organizer.PostEmptyAsync(PathOf(schedule.Id, booked.Id, "cancel")).ExpectAsync(HttpStatusCode.OK);
        await organizer.PostEmptyAsync(PathOf(schedule.Id, booked.Id, "resend")).ProblemAsync(HttpStatusCode.Conflict, "booking.not_active");
        await organizer.PostJsonAsync(PathOf(schedule.Id, booked.Id, "reschedule"), new { slotId = schedule.Slots[5].Id })
            .ProblemAsync(HttpStatusCode.Conflict, "booking.not_active");
    }

    [Fact]
    public async Task Each_refusal_has_its_code()
    {
        var schedule = await PastCutoffAsync();
        var other = await PastCutoffAsync();
        var organizer = await app.SignedInClientAsync();
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[6].Id);
        var taken = await app.CreateClient().BookAtTableAsync(schedule.Slots[7].Id);

        await organizer.PostEmptyAsync(PathOf(schedule.Id, Guid.NewGuid(), "cancel")).ProblemAsync(HttpStatusCode.NotFound, "booking.not_found");
        await organizer.PostEmptyAsync(PathOf(other.Id, booked.Id, "resend")).ProblemAsync(HttpStatusCode.NotFound, "booking.not_found");
        await organizer.PostJsonAsync(PathOf(schedule.Id, booked.Id, "reschedule"), new { }).ProblemAsync(HttpStatusCode.BadRequest, null);
        await organizer.PostJsonAsync(PathOf(schedule.Id, booked.Id, "reschedule"), new { slotId = Guid.NewGuid() })
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "booking.unknown_slot");
        await organizer.PostJsonAsync(PathOf(schedule.Id, booked.Id, "reschedule"), new { slotId = other.Slots[0].Id })
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "booking.other_symposium");
        await organizer.PostJsonAsync(PathOf(schedule.Id, booked.Id, "reschedule"), new { slotId = taken.Slot.Id })
            .ProblemAsync(HttpStatusCode.Conflict, "booking.slot_unavailable");

        var anonymous = app.CreateClient();
        foreach (var action in new[] { "cancel", "reschedule", "resend" })
        {
            var refused = await anonymous.PostAsJsonAsync(PathOf(schedule.Id, booked.Id, action), new { slotId = schedule.Slots[0].Id }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal(BookingStatus.Confirmed, await app.StatusAsync(booked.Id));
    }

    [Fact]
    public async Task Two_organizers_acting_on_one_booking_at_once_one_wins_and_the_other_gets_booking_changed()
    {
        var schedule = await PastCutoffAsync();
        var (first, second) = (await app.SignedInClientAsync(), await app.SignedInClientAsync());
        foreach (var moveFirst in new[] { true, false })
        {
            var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[moveFirst ? 8 : 9].Id);
            var target = schedule.Slots[moveFirst ? 10 : 11].Id;
            Task<HttpResponseMessage> Move() => first.PostJsonAsync(PathOf(schedule.Id, booked.Id, "reschedule"), new { slotId = target });
            Task<HttpResponseMessage> Cancel() => second.PostEmptyAsync(PathOf(schedule.Id, booked.Id, "cancel"));

            await using var gate = await RowGate.LockAsync(app, [booked.Id]);
            var a = moveFirst ? Move() : Cancel();
            await gate.WaitForWaitersAsync(1);
            var b = moveFirst ? Cancel() : Move();
            await gate.WaitForWaitersAsync(2);
            await gate.ReleaseAsync();
            await Task.WhenAll(a, b);

            Assert.Equal(HttpStatusCode.OK, (await a).StatusCode);
            var lost = await Problem.ReadAsync(await b);
            Assert.Equal((HttpStatusCode.Conflict, "booking.changed"), (lost.Status, lost.Code));
            var row = await app.BookingRowAsync(booked.Id);
            Assert.Equal(moveFirst ? (BookingStatus.Confirmed, target) : (BookingStatus.Cancelled, booked.Slot.Id), (row.Status, row.SlotId));
        }
    }
}
