using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Symposia;

/// <summary>
/// Thirty days (Retention:AfterEnd) after a symposium's last day, its intakes, manage tokens and checkout links are
/// gone, by the housekeeping round, on a fake clock (docs/retention.md).
/// </summary>
public sealed class RetentionTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A symposium with two bookings (intakes, confirmation mails with manage tokens), one paid online, and a reconciliation report.</summary>
    private async Task<(Schedule Schedule, List<Guid> Bookings)> SymposiumWithDataAsync()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var bookings = new List<Guid>
        {
            (await client.BookAtTableAsync(schedule.Slots[0].Id)).Id,
            (await client.BookAtTableAsync(schedule.Slots[1].Id)).Id,
        };
        await using var db = app.OpenDb();
        db.OnlinePayments.Add(OnlinePayment.Create(bookings[0], $"cs_test_{Guid.NewGuid():N}", "https://checkout.stripe.test/c/pay/cs_test", "protected-manage-token", app.Now()));
        await db.SaveChangesAsync(Ct);
        await ReconciliationRun.StoreAsync(db, new ReconciliationReport(schedule.Id, app.Clock.GetUtcNow(), 1, 0,
            [new PaymentMismatch("paid_not_confirmed", bookings[0], "Jordan Lee", "confirmed", "cs_test", "test")]), app.Now(), Ct);
        return (schedule, bookings);
    }

    private sealed record Held(int Intakes, int MailsWithToken, int PaymentsWithToken, int PaymentsWithLink, int Reports, int Bookings, int Payments);

    private async Task<Held> HeldAsync(Schedule schedule, List<Guid> bookings)
    {
        await using var db = app.OpenDb();
        var ids = bookings.Select(b => b.ToString()).ToList();
        var mails = (await db.Outbox.AsNoTracking().Select(o => o.Payload).ToListAsync(Ct))
            .Select(p => JsonNode.Parse(p)!.AsObject())
            .Where(p => p["bookingId"] is { } id && ids.Contains(id.GetValue<string>()))
            .ToList();
        return new Held(
            await db.Intakes.CountAsync(i => bookings.Contains(i.BookingId), Ct),
            mails.Count(m => m.ContainsKey("manageToken")),
            await db.OnlinePayments.CountAsync(p => bookings.Contains(p.BookingId) && p.ProtectedManageToken != null, Ct),
            await db.OnlinePayments.CountAsync(p => bookings.Contains(p.BookingId) && p.CheckoutUrl != "", Ct),
            await db.Set<ReconciliationRun>().CountAsync(r => r.SymposiumId == schedule.Id, Ct),
            await db.Bookings.CountAsync(b => bookings.Contains(b.Id), Ct),
            await db.OnlinePayments.CountAsync(p => bookings.Contains(p.BookingId), Ct));
    }

    private static Instant EndOf(Schedule schedule) =>
        schedule.Symposium.EndDate.PlusDays(1).AtStartOfDayInZone(schedule.Symposium.Zone).ToInstant();

    private Task<RetentionReport> RoundAsync() => app.Services.GetRequiredService<RetentionWorker>().RunOnceAsync(Ct);

    [Fact]
    public async Task Thirty_days_after_the_end_intakes_tokens_and_links_are_gone_once_and_other_symposia_keep_theirs()
    {
        var (ended, endedBookings) = await SymposiumWithDataAsync();
        var (later, laterBookings) = await SymposiumWithDataAsync(); // the next year: not due yet
        var full = new Held(2, 2, 1, 1, 1, 2, 1);
        Assert.Equal(full, await HeldAsync(ended, endedBookings));

        app.Clock.SetUtcNow(EndOf(ended).Plus(Duration.FromDays(30)).Minus(Duration.FromSeconds(1)).ToDateTimeOffset());
        await RoundAsync();
        Assert.Equal(full, await HeldAsync(ended, endedBookings));

        app.Clock.SetUtcNow(EndOf(ended).Plus(Duration.FromDays(30)).ToDateTimeOffset());
        var due = await RoundAsync();
        var again = await RoundAsync();

        Assert.True(due.Total >= 2 + 2 + 1 + 1);
        Assert.Equal(0, again.Total);
        // Bookings and payment rows stay for the accounts; what served the session is gone.
        Assert.Equal(new Held(0, 0, 0, 0, 0, 2, 1), await HeldAsync(ended, endedBookings));
        Assert.Equal(full, await HeldAsync(later, laterBookings));
    }

    [Fact]
    public async Task The_retention_period_is_configurable()
    {
        var (schedule, bookings) = await SymposiumWithDataAsync();
        await using var custom = app.WithWebHostBuilder(b => b.UseSetting("Retention:AfterEnd", "2.00:00:00"));
        var sender = custom.Services.GetRequiredService<Mediator.ISender>();

        app.Clock.SetUtcNow(EndOf(schedule).Plus(Duration.FromDays(2)).Minus(Duration.FromSeconds(1)).ToDateTimeOffset());
        await sender.Send(new ApplyRetention(), Ct);
        var early = await HeldAsync(schedule, bookings);
        app.Clock.SetUtcNow(EndOf(schedule).Plus(Duration.FromDays(2)).ToDateTimeOffset());
        var due = await sender.Send(new ApplyRetention(), Ct);

        Assert.Equal(new Held(2, 2, 1, 1, 1, 2, 1), early);
        Assert.True(due.Symposia >= 1);
        Assert.Equal(new Held(0, 0, 0, 0, 0, 2, 1), await HeldAsync(schedule, bookings));
    }
}
