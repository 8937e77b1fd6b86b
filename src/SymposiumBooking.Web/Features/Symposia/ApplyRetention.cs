using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>The <c>Retention</c> configuration section (docs/retention.md).</summary>
public sealed class RetentionOptions
{
    /// <summary>How long after a symposium's last day ends its sensitive data is kept.</summary>
    public TimeSpan AfterEnd { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether <see cref="RetentionWorker"/> runs (tests send the command themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the worker looks for symposia that are due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public static IEnumerable<string?> Problems(RetentionOptions o, SettingsContext context) =>
    [
        o.AfterEnd >= TimeSpan.Zero ? null : Setting.Problem("Retention:AfterEnd", "must not be negative"),
        Setting.Positive("Retention:Interval", o.Interval),
    ];
}

/// <summary>What one pass removed: how many symposia were due, and the rows deleted or scrubbed in each table.</summary>
public sealed record RetentionReport(
    int Symposia, int IntakesDeleted, int OutboxMessagesScrubbed, int PaymentsScrubbed, int ReconciliationReportsDeleted, int DrawRequestsDeleted = 0)
{
    public int Total => IntakesDeleted + OutboxMessagesScrubbed + PaymentsScrubbed + ReconciliationReportsDeleted + DrawRequestsDeleted;
}

/// <summary>
/// Once a symposium ended <see cref="RetentionOptions.AfterEnd"/> ago (its last day over in its own zone), what
/// only served the attendees' sessions goes (docs/retention.md, docs/adr/0059): the health intakes are deleted, the
/// encrypted manage tokens are removed from the outbox's mails and from the online payments, the payments' checkout
/// links are blanked, the last reconciliation report (it names attendees) is deleted, and so are the draw's requests
/// (contact details, intake, link token; the published draw keeps only their pseudonymous ids). Bookings, amounts, refunds
/// and Stripe's ids stay for the accounts. Every statement only touches rows that still hold something, so a second
/// pass finds nothing; <see cref="RetentionWorker"/> sends this every <see cref="RetentionOptions.Interval"/>.
/// </summary>
public sealed record ApplyRetention : ICommand<RetentionReport>;

internal sealed class ApplyRetentionHandler(BookingDb db, IClock clock, IOptions<RetentionOptions> options)
    : ICommandHandler<ApplyRetention, RetentionReport>
{
    public async ValueTask<RetentionReport> Handle(ApplyRetention command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var keep = Duration.FromTimeSpan(options.Value.AfterEnd);
        var symposia = await db.Symposia.AsNoTracking()
            .Select(e => new { e.Id, e.EndDate, e.TimeZoneId })
            .ToListAsync(cancellationToken);
        var due = symposia
            .Where(e => EndOf(e.EndDate, e.TimeZoneId).Plus(keep) <= now)
            .Select(e => e.Id)
            .ToArray();
        if (due.Length == 0)
        {
            return new RetentionReport(0, 0, 0, 0, 0);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var intakes = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM booking_intakes i USING bookings b
            WHERE b.id = i.booking_id AND b.symposium_id = ANY({due})
            """, cancellationToken);
        // Booking mails carry {"bookingId", …, "manageToken"}; other kinds of mail have no bookingId.
        var outbox = await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages o SET payload = o.payload - 'manageToken'
            FROM bookings b
            WHERE o.payload ? 'manageToken' AND o.payload ->> 'bookingId' = b.id::text AND b.symposium_id = ANY({due})
            """, cancellationToken);
        var payments = await db.Database.ExecuteSqlAsync($"""
            UPDATE online_payments p SET protected_manage_token = NULL, checkout_url = ''
            FROM bookings b
            WHERE b.id = p.booking_id AND b.symposium_id = ANY({due})
              AND (p.protected_manage_token IS NOT NULL OR p.checkout_url <> '')
            """, cancellationToken);
        var reports = await db.Database.ExecuteSqlAsync(
            $"DELETE FROM reconciliation_runs WHERE symposium_id = ANY({due})", cancellationToken);
        var requests = await db.Database.ExecuteSqlAsync(
            $"DELETE FROM draw_requests WHERE symposium_id = ANY({due})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RetentionReport(due.Length, intakes, outbox, payments, reports, requests);
    }

    /// <summary>The instant a symposium is over: the start of the day after its last day, in its zone.</summary>
    internal static Instant EndOf(LocalDate endDate, string zoneId) =>
        endDate.PlusDays(1).AtStartOfDayInZone(DateTimeZoneProviders.Tzdb[zoneId]).ToInstant();
}
