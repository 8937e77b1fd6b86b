using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>The scheduled reconciliation: each round checks the running symposia against Stripe and keeps the report.</summary>
public sealed class ReconciliationJobTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<PaymentReconciliationRound> RoundAsync() => app.Services.GetRequiredService<PaymentReconciliationWorker>().RunOnceAsync(Ct);

    private async Task<ReconciliationRun?> StoredAsync(Guid symposiumId)
    {
        await using var db = app.OpenDb();
        return await db.Set<ReconciliationRun>().AsNoTracking().SingleOrDefaultAsync(r => r.SymposiumId == symposiumId, Ct);
    }

    [Fact]
    public async Task A_round_finds_a_booking_paid_at_stripe_whose_webhook_never_came_and_stores_it_for_the_symposium()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var fine = await client.BookOnlineAsync(schedule.Slots[0].Id);
        await app.DeliverAsync(client, app.Event("checkout.session.completed", app.Stripe.Pay(fine.Id)));
        var webhookLost = await client.BookOnlineAsync(schedule.Slots[1].Id);
        app.Stripe.Pay(webhookLost.Id);

        var round = await RoundAsync();

        Assert.False(round.StripeUnavailable);
        var stored = await StoredAsync(schedule.Id);
        Assert.NotNull(stored);
        Assert.Equal(app.Now(), stored.CheckedAt);
        var report = stored.ToReport(NodaTime.DateTimeZoneProviders.Tzdb["America/Chicago"]);
        Assert.Equal([("paid_not_confirmed", webhookLost.Id)], report.Mismatches.Select(m => (m.Kind, m.BookingId!.Value)));
        Assert.Equal(2, report.SessionsChecked);
    }

    [Fact]
    public async Task A_later_round_replaces_the_stored_report_once_the_mismatch_is_resolved()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var booked = await client.BookOnlineAsync(schedule.Slots[0].Id);
        var paid = app.Stripe.Pay(booked.Id);
        await RoundAsync();
        Assert.Single((await StoredAsync(schedule.Id))!.ToReport(NodaTime.DateTimeZone.Utc).Mismatches);

        await app.DeliverAsync(client, app.Event("checkout.session.completed", paid));
        app.Clock.Advance(TimeSpan.FromHours(1));
        await RoundAsync();

        var stored = await StoredAsync(schedule.Id);
        Assert.Equal(app.Now(), stored!.CheckedAt);
        Assert.Empty(stored.ToReport(NodaTime.DateTimeZone.Utc).Mismatches);
    }

    [Fact]
    public async Task Stripe_down_during_a_round_is_reported_not_thrown_and_the_next_round_stores_the_report()
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookOnlineAsync(schedule.Slots[0].Id);
        app.Stripe.Pay(booked.Id);
        app.Stripe.Down = true;
        PaymentReconciliationRound during;
        try
        {
            during = await RoundAsync();
        }
        finally
        {
            app.Stripe.Down = false;
        }

        Assert.True(during.StripeUnavailable);
        Assert.Null(await StoredAsync(schedule.Id));

        var after = await RoundAsync();

        Assert.False(after.StripeUnavailable);
        Assert.Contains((await StoredAsync(schedule.Id))!.ToReport(NodaTime.DateTimeZone.Utc).Mismatches, m => m.BookingId == booked.Id);
    }

    [Fact]
    public async Task Symposia_not_yet_published_are_not_checked()
    {
        var draft = await app.ScheduleAsync(publish: false);
        var running = await app.ScheduleAsync();

        await RoundAsync();

        Assert.Null(await StoredAsync(draft.Id));
        Assert.NotNull(await StoredAsync(running.Id));
    }
}
