using Microsoft.AspNetCore.DataProtection;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// The booking's SQL, written by hand so that a booking needs two round trips: one batch that reads (the slot, whether
/// it is free, the reduced-rate count) and one that writes and commits (docs/adr/0030). Everything else reaches the
/// same tables through EF Core; <c>BookingStatementsTests</c> checks that every INSERT here names every column EF maps.
/// </summary>
internal static class BookingStatements
{
    private static readonly string[] Holding = [.. BookingStatuses.HoldingSlot.Select(s => s.ToString())];

    /// <summary>
    /// Rows of <c>bookings</c> (alias <paramref name="b"/>) that hold their slot at <paramref name="now"/>: a holding
    /// status, and not an online hold that has run out (<see cref="Booking.HoldsSlotAt"/>).
    /// </summary>
    private static string HoldsSlot(string b, string holding, string now) =>
        $"{b}.status = ANY({holding}) AND NOT ({b}.status = '{BookingStatus.AwaitingPayment}' AND {b}.hold_expires_at <= {now})";

    /// <summary>
    /// Whether a booking holds slot <paramref name="s"/> at <paramref name="now"/>: read from the slot's own row
    /// (<see cref="SlotConfiguration.HeldUntil"/>), not probed in <c>bookings</c> (docs/adr/0032).
    /// </summary>
    private static string Taken(string s, string now) => $"coalesce({s}.held_until > {now}, false)";

    /// <summary>Whether slot <paramref name="s"/> is offered to someone on the waitlist at <paramref name="now"/>.</summary>
    private static string Offered(string s, string now) =>
        $"EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.offered_slot_id = {s}.id AND w.status = '{WaitlistStatus.Offered}' AND w.offer_expires_at > {now})";

    /// <summary>
    /// The slot with its therapist's name, its symposium's id and row version (<c>xmin</c>, for
    /// <see cref="SymposiumSnapshots"/>), and whether it is visibly taken, holds a lapsed hold to release (an online hold
    /// whose expiry has passed is the only hold with a finite <c>held_until</c>), or is offered to someone on the waitlist.
    /// <para>
    /// With an <c>Idempotency-Key</c> (<paramref name="claim"/>), the same statement claims the key
    /// (<see cref="IdempotentWrites"/>) unless the slot is visibly taken, and says whether it claimed it and, for a
    /// taken slot, whether the key was already answered. A refusal then writes nothing, not even a row it rolls back
    /// (docs/adr/0036). It always answers one row: the slot's columns are null when there is no such slot.
    /// </para>
    /// </summary>
    public static NpgsqlBatchCommand Lookup(Guid slotId, Instant now, IdempotencyClaim? claim)
    {
        var command = new NpgsqlBatchCommand(claim is null ? SlotLookup : SlotLookupAndClaim)
        {
            Parameters = { new() { Value = slotId }, new() { Value = now } },
        };
        if (claim is not null)
        {
            command.Parameters.Add(new() { Value = claim.Scope });
            command.Parameters.Add(new() { Value = claim.Key });
            command.Parameters.Add(new() { Value = claim.RequestHash });
        }

        return command;
    }

    /// <summary><see cref="Lookup"/> without a key: the slot ($1) at $2.</summary>
    private static readonly string SlotLookup = $"""
        SELECT s.id, s.symposium_id, s.shift_id, s.therapist_id, s.starts_at, s.ends_at, s.location, t.name, e.xmin AS symposium_version,
               {Taken("s", "$2")} AS taken,
               coalesce(s.held_until <= $2, false) AS hold_lapsed,
               {Offered("s", "$2")} AS offered
        FROM slots s
        JOIN therapists t ON t.id = s.therapist_id
        JOIN symposia e ON e.id = s.symposium_id
        WHERE s.id = $1
        """;

    /// <summary><see cref="Lookup"/> with a key: scope $3, key $4, request hash $5.</summary>
    private static readonly string SlotLookupAndClaim = $"""
        WITH s AS ({SlotLookup}),
        claim AS ({IdempotentWrites.ClaimSql("$3", "$4", "$5", "$2", when: "NOT EXISTS (SELECT FROM s WHERE s.taken)")} RETURNING 1)
        SELECT s.*, EXISTS (SELECT FROM claim), CASE WHEN s.taken THEN {IdempotentWrites.UsedSql("$3", "$4")} ELSE false END
        FROM (SELECT) one LEFT JOIN s ON true
        """;

    /// <summary>
    /// What <see cref="Lookup"/> found (null when there is no such slot) and, with a claim, whether it claimed the key
    /// and whether the key was already answered.
    /// </summary>
    public static async Task<(LookedUp? Slot, bool Claimed, bool KeyUsed)> ReadLookupAsync(NpgsqlDataReader reader, bool claiming, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct))
        {
            return (null, false, false);
        }

        var slot = reader.IsDBNull(0)
            ? null
            : new LookedUp(ReadSlot(reader), reader.GetString(7), reader.GetFieldValue<uint>(8), reader.GetBoolean(9), reader.GetBoolean(10), reader.GetBoolean(11));
        return claiming ? (slot, reader.GetBoolean(12), reader.GetBoolean(13)) : (slot, false, false);
    }

    /// <summary>How many free times a refused booking suggests (<see cref="Alternatives"/>).</summary>
    public const int AlternativesShown = 5;

    /// <summary>
    /// The free slots of the same symposium and day nearest in time to <paramref name="wanted"/> (which was just taken):
    /// at most <see cref="AlternativesShown"/>, nearest first, earlier before later at the same distance, then by
    /// therapist. Two walks outwards from the wanted time on <c>(symposium_id, starts_at)</c>, each stopping at its fifth
    /// free slot: a day with room costs a few rows, a full day one walk over its slots, whose rows say themselves whether
    /// they are held (0.38 ms a call during the rush, docs/adr/0032). Free means what the availability list means: not
    /// started, not held, not offered to the waitlist.
    /// <para>
    /// The symposium, times and bounds are read through scalar subqueries, so that the planner cannot tailor a plan to
    /// their values: every plan then costs the same, and PostgreSQL keeps one generic plan per connection instead of
    /// planning each execution again, which cost more than running it (docs/adr/0031).
    /// </para>
    /// </summary>
    public static NpgsqlBatchCommand Alternatives(Slot wanted, Interval day, Instant now) => new($"""
        SELECT a.id, a.symposium_id, a.shift_id, a.therapist_id, a.starts_at, a.ends_at, a.location, a.name FROM (
            (SELECT {AlternativeColumns} {FreeSlotsOfSymposium}
               AND s.starts_at >= (SELECT $6) AND s.starts_at < (SELECT $4) AND s.id <> $2
             ORDER BY s.starts_at, t.name LIMIT {AlternativesShown})
            UNION ALL
            (SELECT {AlternativeColumns} {FreeSlotsOfSymposium}
               AND s.starts_at < (SELECT $6) AND s.starts_at >= (SELECT $3)
             ORDER BY s.starts_at DESC, t.name LIMIT {AlternativesShown})) a
        ORDER BY abs(extract(epoch FROM a.starts_at - $6)), a.starts_at, a.name
        LIMIT {AlternativesShown}
        """)
    {
        Parameters =
        {
            new() { Value = wanted.SymposiumId },
            new() { Value = wanted.Id },
            new() { Value = day.Start },
            new() { Value = day.End },
            new() { Value = now },
            new() { Value = wanted.StartsAt },
        },
    };

    private const string AlternativeColumns = "s.id, s.symposium_id, s.shift_id, s.therapist_id, s.starts_at, s.ends_at, s.location, t.name";

    private static readonly string FreeSlotsOfSymposium = $"""
        FROM slots s JOIN therapists t ON t.id = s.therapist_id
        WHERE s.symposium_id = (SELECT $1) AND s.starts_at > (SELECT $5) AND NOT {Taken("s", "$5")} AND NOT {Offered("s", "$5")}
        """;

    /// <summary>The rows of <see cref="Alternatives"/>: each slot with its therapist's name.</summary>
    public static async Task<IReadOnlyList<(Slot Slot, string TherapistName)>> ReadAlternativesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var found = new List<(Slot, string)>(AlternativesShown);
        while (await reader.ReadAsync(ct))
        {
            found.Add((ReadSlot(reader), reader.GetString(7)));
        }

        return found;
    }

    /// <summary>The slot in columns 0–6 (id, symposium, shift, therapist, start, end, location) of a row.</summary>
    private static Slot ReadSlot(NpgsqlDataReader reader) => Slot.FromRow(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetGuid(2),
        reader.GetGuid(3),
        reader.GetFieldValue<Instant>(4),
        reader.GetFieldValue<Instant>(5),
        reader.GetString(6));

    /// <summary>
    /// The reduced-rate cap per attendee (docs/adr/0010), made safe against the same person racing: a
    /// transaction-scoped advisory lock on (symposium, normalised email), then, as a second statement of the same batch,
    /// the count of that person's reduced-rate bookings that hold a slot. Two parallel requests from one person queue on
    /// the lock, and the second counts the first's booking once it commits (READ COMMITTED takes a fresh snapshot per
    /// statement, so the count's is taken after the lock is held). The symposium is the slot's.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> ReducedRateCount(Guid slotId, string normalizedEmail, Instant now)
    {
        yield return new NpgsqlBatchCommand("""
            SELECT pg_advisory_xact_lock(hashtextextended('reduced:' || s.symposium_id::text || ':' || $2, 0))
            FROM slots s WHERE s.id = $1
            """)
        {
            Parameters = { new() { Value = slotId }, new() { Value = normalizedEmail } },
        };
        yield return new NpgsqlBatchCommand($"""
            SELECT count(*)::int FROM bookings b
            WHERE b.symposium_id = (SELECT symposium_id FROM slots WHERE id = $1) AND b.normalized_email = $2
              AND b.rate = '{Rate.Reduced}' AND {HoldsSlot("b", "$3", "$4")}
            """)
        {
            Parameters = { new() { Value = slotId }, new() { Value = normalizedEmail }, new() { Value = Holding }, new() { Value = now } },
        };
    }

    /// <summary>
    /// A booking's whole write as one statement (docs/adr/0037): its row, its intake (encrypted as EF Core's converter
    /// would, docs/adr/0008) and, when given, the confirmation mail's outbox row (sent by the outbox worker after
    /// commit) and the <c>Idempotency-Key</c>'s stored answer, each a data-modifying CTE. PostgreSQL starts one executor
    /// instead of four; the foreign keys and the slot's <c>held_until</c> trigger are checked at the end of the
    /// statement, and a violation of <see cref="BookingConfiguration.OneActiveBookingPerSlot"/> fails all of it.
    /// </summary>
    public static NpgsqlBatchCommand Write(
        Booking b, BookingIntake intake, IDataProtector intakeProtector, OutboxMessage? mail = null, SealedAnswer? answer = null)
    {
        var command = new NpgsqlBatchCommand(WriteSql[(mail is null ? 0 : 1) + (answer is null ? 0 : 2)])
        {
            Parameters =
            {
                new() { Value = b.Id },
                new() { Value = b.SymposiumId },
                new() { Value = b.SlotId },
                new() { Value = b.Status.ToString() },
                new() { Value = b.AttendeeName },
                new() { Value = b.AttendeeEmail },
                new() { Value = b.NormalizedEmail },
                new() { Value = (object?)b.Phone ?? DBNull.Value },
                new() { Value = b.Rate.ToString() },
                new() { Value = b.Payment.ToString() },
                new() { Value = b.PriceCents },
                new() { Value = b.Currency },
                new() { Value = b.TokenHash },
                new() { Value = b.HoldExpiresAt is { } hold ? hold : DBNull.Value },
                new() { Value = b.Sequence },
                new() { Value = b.CreatedAt },
                new() { Value = b.UpdatedAt },
                new() { Value = b.BookedBy is { } bookedBy ? bookedBy : DBNull.Value },
                new() { Value = b.CheckedInAt is { } checkedIn ? checkedIn : DBNull.Value },
                new() { Value = intakeProtector.Protect(intake.Data) }, // the intake's booking_id is the booking's $1
            },
        };
        var parameters = command.Parameters;
        if (mail is not null)
        {
            parameters.Add(new() { Value = mail.Id });
            parameters.Add(new() { Value = mail.Type });
            parameters.Add(new() { Value = mail.Payload });
            parameters.Add(new() { Value = mail.CreatedAt });
            parameters.Add(new() { Value = mail.NextAttemptAt });
            parameters.Add(new() { Value = mail.Attempts });
            parameters.Add(new() { Value = mail.SentAt is { } sent ? sent : DBNull.Value });
            parameters.Add(new() { Value = (object?)mail.LastError ?? DBNull.Value });
            parameters.Add(new() { Value = mail.AttemptStartedAt is { } started ? started : DBNull.Value });
            parameters.Add(new() { Value = mail.OutcomeUnknownAt is { } unknown ? unknown : DBNull.Value });
        }

        if (answer is not null)
        {
            parameters.Add(new() { Value = answer.Scope });
            parameters.Add(new() { Value = answer.Key });
            parameters.Add(new() { Value = answer.Sealed });
        }

        return command;
    }

    private const string BookingColumns = """
        id, symposium_id, slot_id, status, attendee_name, attendee_email, normalized_email, phone, rate, payment, price_cents,
        currency, token_hash, hold_expires_at, sequence, created_at, updated_at, booked_by, checked_in_at
        """;

    private const string OutboxColumns =
        "id, type, payload, created_at, next_attempt_at, attempts, sent_at, last_error, attempt_started_at, outcome_unknown_at";

    /// <summary>
    /// <see cref="Write"/>'s four texts, built once (the same text each time, so that Npgsql prepares it once per
    /// connection): index 1 with the mail, 2 with the answer, 3 with both. The booking's values are $1–$19, the
    /// intake's data $20, then the mail's ten and the answer's three.
    /// </summary>
    private static readonly string[] WriteSql = [.. Enumerable.Range(0, 4).Select(k => WriteSqlFor(mail: (k & 1) != 0, answer: (k & 2) != 0))];

    private static string WriteSqlFor(bool mail, bool answer)
    {
        static string Values(int first, int count) => string.Join(", ", Enumerable.Range(first, count).Select(n => $"${n}"));
        var parts = new List<string>
        {
            $"booking AS (INSERT INTO bookings ({BookingColumns}) VALUES ({Values(1, 19)}))",
            "intake AS (INSERT INTO booking_intakes (booking_id, data) VALUES ($1, $20))",
        };
        var next = 21;
        if (mail)
        {
            // The payload is JSON text, stored as jsonb: its third value.
            parts.Add($"mail AS (INSERT INTO outbox_messages ({OutboxColumns}) VALUES ($21, $22, $23::jsonb, {Values(24, 7)}))");
            next += 10;
        }

        if (answer)
        {
            parts.Add($"answer AS ({IdempotentWrites.AnswerSql($"${next}", $"${next + 1}", $"${next + 2}")})");
        }

        return $"WITH {string.Join(",\n", parts)}\nSELECT";
    }
}

/// <summary>An <c>Idempotency-Key</c>'s answer, sealed (<see cref="IdempotentWrites.Seal"/>), to store with a write.</summary>
public sealed record SealedAnswer(string Scope, string Key, string Sealed);

/// <summary>An <c>Idempotency-Key</c> to claim with the lookup (<see cref="BookingStatements.Lookup"/>).</summary>
public sealed record IdempotencyClaim(string Scope, string Key, string RequestHash);

/// <summary>One row of <see cref="BookingStatements.Lookup"/>.</summary>
public sealed record LookedUp(Slot Slot, string TherapistName, uint SymposiumVersion, bool Taken, bool HoldLapsed, bool Offered);
