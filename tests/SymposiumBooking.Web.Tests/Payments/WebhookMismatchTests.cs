using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>
/// A correctly signed payment event is applied only when its Checkout Session is the booking's own, for the booking's
/// amount and currency; anything else is logged without personal data and left for reconciliation, which reports it.
/// </summary>
public sealed class WebhookMismatchTests(WebhookMismatchTests.LoggedStripeApp app) : IClassFixture<WebhookMismatchTests.LoggedStripeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Differences => ["session", "amount", "currency"];

    [Theory]
    [MemberData(nameof(Differences))]
    public async Task A_signed_paid_event_for_another_session_amount_or_currency_leaves_the_booking_unpaid_and_reconciliation_reports_it(string difference)
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var email = BookingSeed.UniqueEmail("mismatch");
        var booked = await client.BookOnlineAsync(schedule.Slots[0].Id, email);
        var paid = app.Stripe.Pay(booked.Id);
        Action<JsonObject> change = difference switch
        {
            "session" => s => s["id"] = $"cs_test_elsewhere_{booked.Id:N}", // a paid session that names this booking
            "amount" => s => s["amount_total"] = 100,
            _ => s => s["currency"] = "eur",
        };
        change(paid);
        change(app.Stripe.SessionOf(booked.Id)); // what Stripe lists to reconciliation says the same
        var payload = app.Event("checkout.session.completed", paid);

        Assert.Equal("mismatch", await app.DeliverAsync(client, payload));
        Assert.Equal("duplicate", await app.DeliverAsync(client, payload));

        Assert.Equal(BookingStatus.AwaitingPayment, await app.StatusAsync(booked.Id));
        Assert.Equal(0, await app.MailsAsync(booked.Id, OutboxTypes.PaymentReceived));
        await using (var db = app.OpenDb())
        {
            var payment = await db.OnlinePayments.AsNoTracking().SingleAsync(p => p.BookingId == booked.Id, Ct);
            Assert.Equal((null, null), (payment.PaidAt, payment.PaymentIntentId));
        }

        var warning = Assert.Single(app.Logs, l => l.Contains(booked.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains($"{difference} differs", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(email, warning, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(booked.Name, warning, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var report = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcilePayments(schedule.Id), Ct)).Value;
        var reported = Assert.Single(report.Mismatches);
        Assert.Equal(("paid_session_mismatch", booked.Id, (string)paid["id"]!), (reported.Kind, reported.BookingId!.Value, reported.StripeId));
    }

    [Fact]
    public async Task A_signed_expired_event_for_another_session_does_not_release_the_booking()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var booked = await client.BookOnlineAsync(schedule.Slots[0].Id);
        var expired = app.Stripe.Expire(booked.Id);
        expired["id"] = $"cs_test_elsewhere_{booked.Id:N}";

        Assert.Equal("mismatch", await app.DeliverAsync(client, app.Event("checkout.session.expired", expired)));

        Assert.Equal(BookingStatus.AwaitingPayment, await app.StatusAsync(booked.Id));
        Assert.DoesNotContain(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
    }

    /// <summary>The Stripe app, with every warning the app logs kept as its formatted text.</summary>
    public sealed class LoggedStripeApp : StripeApp
    {
        public ConcurrentQueue<string> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Logs)));
        }

        private sealed class Capture(ConcurrentQueue<string> logs) : ILoggerProvider, ILogger
        {
            public ILogger CreateLogger(string categoryName) => this;

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    logs.Enqueue(formatter(state, exception));
                }
            }

            public void Dispose()
            {
            }
        }
    }
}
