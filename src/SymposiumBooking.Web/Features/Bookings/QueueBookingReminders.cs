using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// Queues the day-before reminder for each confirmed booking whose session is tomorrow in its symposium's zone and
/// that has no reminder for that slot yet (sent by <see cref="HousekeepingWorker"/>). The check and the insert run
/// under a transaction-scoped advisory lock, so two app servers never both queue one. Answers how many were queued.
/// </summary>
public sealed record QueueBookingReminders : ICommand<int>;

internal sealed class QueueBookingRemindersHandler(BookingDb db, IClock clock) : ICommandHandler<QueueBookingReminders, int>
{
    public async ValueTask<int> Handle(QueueBookingReminders command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended('booking-reminders', 0))", cancellationToken);
        var symposia = await db.Symposia.AsNoTracking()
            .Where(e => e.Status == SymposiumStatus.Published)
            .Select(e => new { e.Id, e.TimeZoneId, e.StartDate, e.EndDate })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var symposium in symposia)
        {
            var zone = DateTimeZoneProviders.Tzdb[symposium.TimeZoneId];
            var tomorrow = now.InZone(zone).Date.PlusDays(1);
            if (tomorrow < symposium.StartDate || tomorrow > symposium.EndDate)
            {
                continue;
            }

            var day = LocalDays.Span(zone, tomorrow);
            var (from, until) = (day.Start, day.End);
            queued += await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO outbox_messages (id, type, payload, created_at, next_attempt_at, attempts)
                SELECT gen_random_uuid(), {OutboxTypes.BookingReminder},
                       jsonb_build_object('bookingId', b.id, 'sequence', b.sequence, 'slotId', b.slot_id), {now}, {now}, 0
                FROM bookings b JOIN slots s ON s.id = b.slot_id
                WHERE b.symposium_id = {symposium.Id} AND b.status = {nameof(BookingStatus.Confirmed)} AND b.attendee_email <> ''
                  AND s.starts_at >= {from} AND s.starts_at < {until} AND s.starts_at > {now}
                  AND NOT EXISTS (SELECT 1 FROM outbox_messages o
                                  WHERE o.type = {OutboxTypes.BookingReminder}
                                    AND o.payload->>'bookingId' = b.id::text AND o.payload->>'slotId' = b.slot_id::text)
                ORDER BY s.starts_at
                """, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return queued;
    }
}
