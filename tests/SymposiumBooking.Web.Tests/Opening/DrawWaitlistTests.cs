using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;
using static SymposiumBooking.Web.Tests.Opening.DrawCalls;

namespace SymposiumBooking.Web.Tests.Opening;

/// <summary>
/// Someone the draw leaves without a time is put on the waitlist for each day they chose; their one result mail names
/// those days and carries one link that confirms every one of those entries (no separate waitlist mail).
/// </summary>
public sealed partial class DrawWaitlistTests(InboxApp app) : IClassFixture<InboxApp>
{
    private const string ConfirmSubject = "Please confirm your place on the massage waitlist";
    private const string ResultSubject = "The draw: no time this time";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_result_mail_s_one_link_confirms_the_waitlist_for_every_day_the_unlucky_request_chose()
    {
        var (schedule, organizer) = await app.OpenForRequestsAsync();
        var firstDay = schedule.Slots[0];
        var secondDay = await SlotOnSecondDayAsync(schedule);
        var emails = Enumerable.Range(0, 3).Select(i => BookingSeed.UniqueEmail($"two-days{i}")).ToList();
        foreach (var email in emails)
        {
            await app.SubmitAsync(schedule.Id, Request(email, [Slot(firstDay.Id), Slot(secondDay.Id)]));
        }

        app.Clock.Advance(TimeSpan.FromDays(1));
        organizer = await app.SignedInClientAsync();
        await organizer.PostEmptyAsync(DrawPath(schedule.Id)).ExpectAsync(HttpStatusCode.OK);
        await app.SendWholeOutboxAsync();

        await using var db = app.OpenDb();
        var leftOut = await db.DrawRequests.Where(r => r.SymposiumId == schedule.Id && r.Status == DrawRequestStatus.Unallocated)
            .Select(r => r.Email).SingleAsync(Ct);
        var mail = Assert.Single(app.MailsTo(leftOut), m => m.Subject == ResultSubject);
        var (day1, day2) = (schedule.Symposium.StartDate, schedule.Symposium.StartDate.PlusDays(1));
        Assert.Contains($"waiting list for {Day(day1)} and {Day(day2)},", mail.TextBody, StringComparison.Ordinal);
        Assert.All(emails, e => Assert.DoesNotContain(app.MailsTo(e), m => m.Subject == ConfirmSubject));
        Assert.All(emails, e => Assert.Single(app.MailsTo(e), m => m.Subject == "Your request for a massage"));
        Assert.All(emails.Where(e => e != leftOut), e => Assert.DoesNotContain(app.MailsTo(e), m => m.Subject == ResultSubject));

        var pressed = await MailedLinks.PressAsync(app.CreateClient(), MailedLinks.PathIn(mail, LinkPattern()));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var entries = await db.WaitlistEntries.AsNoTracking().Where(w => w.SymposiumId == schedule.Id).ToListAsync(Ct);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, w => Assert.Equal((leftOut, WaitlistStatus.Waiting, true), (w.Email, w.Status, w.ConfirmedAt is not null)));
        Assert.Equal([day1, day2], entries.Select(w => w.Date!.Value).Order());
    }

    private static string Day(LocalDate date) => date.ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-US"));

    /// <summary>One 50-minute slot at 09:00 on the symposium's second day, with the first therapist.</summary>
    private async Task<Slot> SlotOnSecondDayAsync(Schedule schedule)
    {
        await using var db = app.OpenDb();
        var plan = new ShiftPlan(schedule.Symposium.StartDate.PlusDays(1), new LocalTime(9, 0), new LocalTime(9, 50), 50, 10, []);
        var shift = Shift.Create(schedule.Id, schedule.Therapists[0].Id, plan, "Room B, table 1");
        var slot = Assert.Single(shift.CreateSlots(schedule.Symposium.Zone));
        db.AddRange(shift, slot);
        await db.SaveChangesAsync(Ct);
        return slot;
    }

    [GeneratedRegex(@"https://booking\.example\.org/waitlist/confirm/\S+")]
    private static partial Regex LinkPattern();
}
