using System.Data.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Dashboard;

/// <summary>
/// How a symposium stands, for its organizers: slots, bookings, money, the waitlist and bookings made per day, counted
/// now (docs/organizers.md, "The dashboard"), and the guidebook's proceeds toward the therapists' travel to it. One read
/// of the symposium and one batch of five set-based statements,
/// whatever the number of days, therapists or bookings (docs/adr/0120).
/// </summary>
public sealed record GetDashboard(Guid SymposiumId) : IQuery<Result<DashboardView>>;

/// <summary>The dashboard's numbers; money in integer minor units of <see cref="Currency"/>.</summary>
public sealed record DashboardView(
    Guid SymposiumId,
    string Currency,
    DateTimeOffset AsOf,
    DashboardSlots Slots,
    IReadOnlyList<DashboardDay> Days,
    IReadOnlyList<DashboardTherapist> Therapists,
    DashboardBookings Bookings,
    DashboardMoney Money,
    DashboardWaitlist Waitlist,
    IReadOnlyList<DashboardBookedOn> BookedPerDay,
    IReadOnlyList<DashboardGuidebook> Guidebook);

/// <summary>Slots by what holds them: booked (confirmed, completed or no-show), held (awaiting payment) or free.</summary>
public sealed record DashboardSlots(int Total, int Booked, int Held, int Free)
{
    public static DashboardSlots Sum(IEnumerable<DashboardSlots> parts)
    {
        var list = parts.ToList();
        return new(list.Sum(p => p.Total), list.Sum(p => p.Booked), list.Sum(p => p.Held), list.Sum(p => p.Free));
    }
}

/// <summary>The slots of one day of the symposium (a date in its time zone).</summary>
public sealed record DashboardDay(string Date, DashboardSlots Slots);

public sealed record DashboardTherapist(Guid TherapistId, string Name, DashboardSlots Slots);

/// <summary>
/// Bookings: <see cref="Active"/> hold a slot (awaiting payment, confirmed, completed, no-show), and are the ones counted
/// by rate and by payment; <see cref="ByStatus"/> counts every booking ever made.
/// </summary>
public sealed record DashboardBookings(
    int Active, int CheckedIn, DashboardStatusCounts ByStatus, DashboardRateCounts ByRate, DashboardPaymentCounts ByPayment);

public sealed record DashboardStatusCounts(
    int AwaitingPayment, int Confirmed, int Completed, int NoShow, int Cancelled, int Expired, int Refunded);

public sealed record DashboardRateCounts(int Standard, int Reduced);

public sealed record DashboardPaymentCounts(int Online, int AtTable);

/// <summary>
/// Money in minor units: paid online (Stripe payments received), collected at the table (each booking's current ledger
/// entry), still to collect (confirmed or completed at-table bookings less what their ledger collected, never below
/// zero each), refunded, and the reduced-rate subsidy (standard minus reduced rate, times the active reduced bookings).
/// </summary>
public sealed record DashboardMoney(
    string Currency, long PaidOnlineCents, long CollectedAtTableCents, long ToCollectCents, long RefundedCents, long ReducedRateSubsidyCents);

/// <summary>Waitlist entries waiting (confirmed, in line) and holding an offer of a freed slot.</summary>
public sealed record DashboardWaitlist(int Waiting, int Offered);

/// <summary>
/// The shop's proceeds toward the therapists' travel to this symposium (orders count toward the symposium that was
/// this year's when they were placed), one entry per currency sold in, in minor units. <see cref="GrossPaidCents"/> is
/// every order paid, online or at the table, shipping included (<see cref="ShippingCents"/> of it); refunds are whole
/// orders; <see cref="CopiesSold"/> counts the copies of paid orders not refunded. <see cref="StripeFeesCents"/> is
/// always null: Stripe's fees are not fetched, so they are not known here (docs/adr/0172).
/// </summary>
public sealed record DashboardGuidebook(
    string Currency, int Orders, long GrossPaidCents, long ShippingCents, long RefundedCents, long NetCents, int CopiesSold, long? StripeFeesCents);

/// <summary>Bookings made on one day (in the symposium's time zone), whatever became of them.</summary>
public sealed record DashboardBookedOn(string Date, int Bookings);

internal sealed class GetDashboardHandler(BookingDb db, IClock clock) : IQueryHandler<GetDashboard, Result<DashboardView>>
{
    private static readonly string[] Holding = [.. BookingStatuses.HoldingSlot.Select(s => s.ToString())];

    /// <summary>Slots per day and therapist: a slot is held by at most one booking (the partial unique index).</summary>
    private const string SlotsSql = $"""
        SELECT sh.date, s.therapist_id, t.name,
               count(*)::int AS total,
               count(*) FILTER (WHERE b.status = '{nameof(BookingStatus.AwaitingPayment)}')::int AS held,
               count(*) FILTER (WHERE b.status <> '{nameof(BookingStatus.AwaitingPayment)}')::int AS booked
        FROM slots s
        JOIN shifts sh ON sh.id = s.shift_id
        JOIN therapists t ON t.id = s.therapist_id
        LEFT JOIN bookings b ON b.slot_id = s.id AND b.status = ANY($2)
        WHERE s.symposium_id = $1
        GROUP BY sh.date, s.therapist_id, t.name
        """;

    private const string BookingsSql = """
        SELECT status, rate, payment, count(*)::int AS n, count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS checked_in
        FROM bookings
        WHERE symposium_id = $1
        GROUP BY status, rate, payment
        """;

    /// <summary>A ledger entry is current when no other entry replaces it (<see cref="Domain.Payments.TablePayment"/>).</summary>
    private const string Current = "NOT EXISTS (SELECT 1 FROM table_payments c WHERE c.replaces = tp.id)";

    private const string MoneySql = $"""
        SELECT
          (SELECT coalesce(sum(b.price_cents), 0)::bigint FROM bookings b JOIN online_payments p ON p.booking_id = b.id
            WHERE b.symposium_id = $1 AND p.paid_at IS NOT NULL) AS paid_online,
          (SELECT coalesce(sum(tp.amount_cents), 0)::bigint FROM table_payments tp WHERE tp.symposium_id = $1 AND {Current}) AS collected,
          (SELECT coalesce(sum(greatest(b.price_cents - coalesce(tp.amount_cents, 0), 0)), 0)::bigint
            FROM bookings b LEFT JOIN table_payments tp ON tp.booking_id = b.id AND {Current}
            WHERE b.symposium_id = $1 AND b.payment = '{nameof(PaymentMethod.AtTable)}'
              AND b.status IN ('{nameof(BookingStatus.Confirmed)}', '{nameof(BookingStatus.Completed)}')) AS to_collect,
          (SELECT coalesce(sum(r.amount_cents), 0)::bigint FROM refunds r JOIN bookings b ON b.id = r.booking_id
            WHERE b.symposium_id = $1) AS refunded,
          (SELECT count(*)::int FROM waitlist_entries w WHERE w.symposium_id = $1
            AND w.status = '{nameof(WaitlistStatus.Waiting)}' AND w.confirmed_at IS NOT NULL) AS waiting,
          (SELECT count(*)::int FROM waitlist_entries w WHERE w.symposium_id = $1
            AND w.status = '{nameof(WaitlistStatus.Offered)}') AS offered
        """;

    private const string BookedPerDaySql = """
        SELECT (created_at AT TIME ZONE $2)::date AS day, count(*)::int AS n
        FROM bookings
        WHERE symposium_id = $1
        GROUP BY 1
        """;

    /// <summary>Paid orders counted toward the symposium; a refund gives back the whole order.</summary>
    private const string GuidebookSql = $"""
        SELECT trim(o.currency) AS currency,
               count(*)::int AS orders,
               sum(o.items_cents + o.shipping_cents)::bigint AS gross,
               sum(o.shipping_cents)::bigint AS shipping,
               coalesce(sum(o.items_cents + o.shipping_cents) FILTER (WHERE o.status = '{nameof(OrderStatus.Refunded)}'), 0)::bigint AS refunded,
               coalesce(sum((SELECT sum((l->>'quantity')::int) FROM jsonb_array_elements(o.lines) l))
                 FILTER (WHERE o.status <> '{nameof(OrderStatus.Refunded)}'), 0)::int AS copies
        FROM orders o
        WHERE o.symposium_id = $1 AND o.paid_at IS NOT NULL
        GROUP BY 1
        ORDER BY 1
        """;

    public async ValueTask<Result<DashboardView>> Handle(GetDashboard query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var now = clock.GetCurrentInstant();
        var id = symposium.Id;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = db.CreateBatch(
                Command(SlotsSql, id, Holding),
                Command(BookingsSql, id),
                Command(MoneySql, id),
                Command(BookedPerDaySql, id, symposium.TimeZoneId),
                Command(GuidebookSql, id));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var cells = await ReadSlotsAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var bookings = await ReadBookingsAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (money, waitlist) = ReadMoney(reader, symposium, bookings);
            await reader.NextResultAsync(cancellationToken);
            var bookedOn = new Dictionary<LocalDate, int>();
            while (await reader.ReadAsync(cancellationToken))
            {
                bookedOn[reader.GetFieldValue<LocalDate>(0)] = reader.GetInt32(1);
            }

            await reader.NextResultAsync(cancellationToken);
            var guidebook = new List<DashboardGuidebook>();
            while (await reader.ReadAsync(cancellationToken))
            {
                long gross = reader.GetInt64(2), refunded = reader.GetInt64(4);
                guidebook.Add(new DashboardGuidebook(
                    reader.GetString(0), reader.GetInt32(1), gross, reader.GetInt64(3), refunded, gross - refunded, reader.GetInt32(5), StripeFeesCents: null));
            }

            return new DashboardView(
                id,
                symposium.Currency,
                ApiFormat.Local(now, symposium.Zone),
                DashboardSlots.Sum(cells.Select(c => c.Slots)),
                [.. cells.GroupBy(c => c.Date).OrderBy(g => g.Key)
                    .Select(g => new DashboardDay(ApiFormat.Date(g.Key), DashboardSlots.Sum(g.Select(c => c.Slots))))],
                [.. cells.GroupBy(c => (c.TherapistId, c.Name)).OrderBy(g => g.Key.Name, StringComparer.CurrentCulture)
                    .Select(g => new DashboardTherapist(g.Key.TherapistId, g.Key.Name, DashboardSlots.Sum(g.Select(c => c.Slots))))],
                bookings,
                money,
                waitlist,
                BookedPerDay(symposium, now, bookedOn),
                guidebook);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private sealed record Cell(LocalDate Date, Guid TherapistId, string Name, DashboardSlots Slots);

    private static async Task<List<Cell>> ReadSlotsAsync(DbDataReader reader, CancellationToken ct)
    {
        var cells = new List<Cell>();
        while (await reader.ReadAsync(ct))
        {
            int total = reader.GetInt32(3), held = reader.GetInt32(4), booked = reader.GetInt32(5);
            cells.Add(new Cell(
                reader.GetFieldValue<LocalDate>(0), reader.GetGuid(1), reader.GetString(2),
                new DashboardSlots(total, booked, held, total - booked - held)));
        }

        return cells;
    }

    private static async Task<DashboardBookings> ReadBookingsAsync(DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<(BookingStatus Status, Rate Rate, PaymentMethod Payment, int Count, int CheckedIn)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((Enum.Parse<BookingStatus>(reader.GetString(0)), Enum.Parse<Rate>(reader.GetString(1)),
                Enum.Parse<PaymentMethod>(reader.GetString(2)), reader.GetInt32(3), reader.GetInt32(4)));
        }

        int Status(BookingStatus status) => rows.Where(r => r.Status == status).Sum(r => r.Count);
        var active = rows.Where(r => BookingStatuses.HoldingSlot.Contains(r.Status)).ToList();
        return new DashboardBookings(
            active.Sum(r => r.Count),
            rows.Sum(r => r.CheckedIn),
            new DashboardStatusCounts(
                Status(BookingStatus.AwaitingPayment), Status(BookingStatus.Confirmed), Status(BookingStatus.Completed),
                Status(BookingStatus.NoShow), Status(BookingStatus.Cancelled), Status(BookingStatus.Expired), Status(BookingStatus.Refunded)),
            new DashboardRateCounts(
                active.Where(r => r.Rate == Rate.Standard).Sum(r => r.Count), active.Where(r => r.Rate == Rate.Reduced).Sum(r => r.Count)),
            new DashboardPaymentCounts(
                active.Where(r => r.Payment == PaymentMethod.Online).Sum(r => r.Count),
                active.Where(r => r.Payment == PaymentMethod.AtTable).Sum(r => r.Count)));
    }

    private static (DashboardMoney Money, DashboardWaitlist Waitlist) ReadMoney(DbDataReader reader, Symposium symposium, DashboardBookings bookings)
    {
        var subsidy = Math.Max(symposium.StandardRateCents - symposium.ReducedRateCents, 0) * bookings.ByRate.Reduced;
        return (
            new DashboardMoney(symposium.Currency, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), subsidy),
            new DashboardWaitlist(reader.GetInt32(4), reader.GetInt32(5)));
    }

    /// <summary>
    /// Every day from the opening of bookings (or the first booking, if earlier) to today, or to the close of bookings
    /// once that has passed; days without bookings count zero, so a chart's gaps are real.
    /// </summary>
    private static List<DashboardBookedOn> BookedPerDay(Symposium symposium, Instant now, Dictionary<LocalDate, int> bookedOn)
    {
        var zone = symposium.Zone;
        var today = now.InZone(zone).Date;
        LocalDate? opening = symposium.Policy?.BookingOpensAt.InZone(zone).Date;
        var last = symposium.Policy is { } policy && policy.BookingClosesAt < now ? policy.BookingClosesAt.InZone(zone).Date : today;
        if (bookedOn.Count > 0)
        {
            var (first, latest) = (bookedOn.Keys.Min(), bookedOn.Keys.Max());
            opening = opening is { } o && o < first ? o : first;
            last = latest > last ? latest : last;
        }

        var days = new List<DashboardBookedOn>();
        for (var d = opening ?? today.PlusDays(1); d <= last; d = d.PlusDays(1))
        {
            days.Add(new DashboardBookedOn(ApiFormat.Date(d), bookedOn.GetValueOrDefault(d)));
        }

        return days;
    }
}
