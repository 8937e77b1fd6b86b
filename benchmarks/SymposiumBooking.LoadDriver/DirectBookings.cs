using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Bookings;

using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.LoadDriver;

/// <summary>
/// The rush's physical limit (docs/adr/0040): each attempt sends PostgreSQL the statements the app's booking handler
/// sends for a booking paid at the table, sent by the app's own <see cref="BookingWriteSession"/>, in the same batches
/// (BEGIN with the lookup, the idempotency claim and at the reduced rate the cap's lock and count; then the write with
/// COMMIT, or ROLLBACK with the nearest free times), over a pool of the app's size and settings
/// (<see cref="DatabaseConnection.ConnectionString"/>). Nothing else of the app runs: no HTTP, no routing, no JSON, no
/// validation, no encryption. The payloads the app encrypts (the intake, the mail's manage token, the stored answer)
/// are the app's own ciphertexts from its rush, reused, so PostgreSQL stores values of the same size.
/// <para>
/// A replay, not the app: it trusts its own requests (no cap to enforce, every attendee is new), and requests wait for
/// one of the pool's connections in arrival order, where the app's line serves a retry first (docs/adr/0039).
/// </para>
/// </summary>
public sealed class DirectBookings : IBookingChannel, IAsyncDisposable
{
    private const string Scope = "bookings.create";

    /// <summary>The request hash the claim stores: a SHA-256 in hex, as the app's (its value is never compared here).</summary>
    private static readonly string RequestHash = new('0', 64);

    private readonly NpgsqlDataSource _db;
    private readonly RequestLog _log;
    private readonly Payloads _payloads;
    private readonly Replayed _intake;

    /// <summary>The symposia read so far: once each, in the first attempt on it, as the app's SymposiumSnapshots.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Symposium> _symposia = new();

    private DirectBookings(NpgsqlDataSource db, RequestLog log, Payloads payloads) =>
        (_db, _log, _payloads, _intake) = (db, log, payloads, new Replayed(payloads.Intake));

    /// <summary>What a booking takes from its symposium: the zone of its day, its prices.</summary>
    private sealed record Symposium(DateTimeZone Zone, long ReducedCents, long StandardCents, string Currency);

    /// <summary>The app's ciphertexts and mail payload from a symposium it booked, to store values of the same size.</summary>
    private sealed record Payloads(string Intake, string MailPayload, string Answer);

    /// <summary>
    /// Opens a pool on <paramref name="connectionString"/> with the app's pool settings, with the payloads of a booking
    /// the app made in <paramref name="bookedByTheApp"/>.
    /// </summary>
    public static async Task<DirectBookings> OpenAsync(string connectionString, Guid bookedByTheApp, RequestLog log, CancellationToken ct)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Booking"] = connectionString })
            .Build();
        var builder = new NpgsqlDataSourceBuilder(DatabaseConnection.ConnectionString(config));
        builder.UseNodaTime();
        var db = builder.Build();
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand(
                $"""
                SELECT i.data, m.payload::text, r.response
                FROM bookings b
                JOIN booking_intakes i ON i.booking_id = b.id
                JOIN outbox_messages m ON m.type = '{OutboxTypes.BookingConfirmed}' AND m.payload->>'bookingId' = b.id::text
                JOIN idempotency_records r ON r.scope = '{Scope}' AND r.response IS NOT NULL
                WHERE b.symposium_id = $1
                LIMIT 1
                """,
                connection)
            {
                Parameters = { new() { Value = bookedByTheApp } },
            };
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"the app booked nothing paid at the table with a key in {bookedByTheApp}");
            }

            return new DirectBookings(db, log, new Payloads(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    /// <summary>
    /// One attempt, as <c>BookSlotHandler</c> sends it for a new attendee paying at the table with an
    /// <c>Idempotency-Key</c>; the rate alternates by request as the HTTP driver's does. 201 when the write committed,
    /// 409 with the nearest free times when the slot was visibly taken or a concurrent booking of it won.
    /// </summary>
    public async Task<(RequestRecord Record, IReadOnlyList<Guid> Alternatives, string? Place)> BookAsync(
        string scenario, Guid slot, string email, long startedAt, bool readAlternatives, string? place, CancellationToken ct)
    {
        var id = _log.NextId();
        var rate = id % 2 == 0 ? Rate.Reduced : Rate.Standard;
        var key = Guid.NewGuid().ToString();
        var now = SystemClock.Instance.GetCurrentInstant();
        await using var connection = await _db.OpenConnectionAsync(ct);
        var (status, bookingId, alternatives) = await AttemptAsync(connection, slot, email, rate, key, now, ct);
        var record = new RequestRecord(
            scenario, id, slot, email, rate == Rate.Reduced ? "reduced" : "standard", status, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, bookingId);
        _log.Add(record);
        return (record, readAlternatives ? alternatives : [], null);
    }

    private async Task<(int Status, Guid? BookingId, IReadOnlyList<Guid> Alternatives)> AttemptAsync(
        NpgsqlConnection connection, Guid slotId, string email, Rate rate, string key, Instant now, CancellationToken ct)
    {
        await using var session = new BookingWriteSession(connection);
        var read = await session.BeginAsync(
            slotId, now, new IdempotencyClaim(Scope, key, RequestHash), rate == Rate.Reduced ? Email.Normalize(email) : null, ct);
        if (read.Target is not { } target)
        {
            return (404, null, []); // the session rolls back
        }

        if (target.Taken)
        {
            return (409, null, await RefuseAsync(session, target.Slot, await SymposiumAsync(connection, target.Slot.SymposiumId, ct), now, ct));
        }

        var symposium = await SymposiumAsync(connection, target.Slot.SymposiumId, ct);
        var booking = Booking.Create(
            new BookingRequest(
                target.Slot.SymposiumId, slotId, "Bench Attendee", email, "+1 312 555 0100", rate, PaymentMethod.AtTable,
                rate == Rate.Reduced ? symposium.ReducedCents : symposium.StandardCents, symposium.Currency, null),
            Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            now);
        var inserted = await session.InsertAsync(
            booking,
            BookingIntake.Create(booking.Id, ""),
            _intake,
            OutboxMessage.Create(OutboxTypes.BookingConfirmed, _payloads.MailPayload, now),
            new SealedAnswer(Scope, key, _payloads.Answer),
            commit: true,
            ct);
        return inserted ? (201, booking.Id, []) : (409, null, await RefuseAsync(session, target.Slot, symposium, now, ct));
    }

    /// <summary>ROLLBACK with the free times nearest the taken slot on its day, in one round trip (as the app's 409).</summary>
    private static async Task<IReadOnlyList<Guid>> RefuseAsync(
        BookingWriteSession session, Domain.Scheduling.Slot wanted, Symposium symposium, Instant now, CancellationToken ct)
    {
        var day = LocalDays.Span(symposium.Zone, wanted.StartsAt.InZone(symposium.Zone).Date);
        return [.. (await session.RollbackWithAlternativesAsync(wanted, day, now, ct)).Select(a => a.Slot.Id)];
    }

    private async Task<Symposium> SymposiumAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        if (_symposia.TryGetValue(id, out var known))
        {
            return known;
        }

        await using var command = new NpgsqlCommand(
            "SELECT time_zone_id, reduced_rate_cents, standard_rate_cents, currency FROM symposia WHERE id = $1", connection)
        {
            Parameters = { new() { Value = id } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var symposium = new Symposium(DateTimeZoneProviders.Tzdb[reader.GetString(0)], reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3).Trim());
        return _symposia.GetOrAdd(id, symposium);
    }

    /// <summary>The symposium's free slots, as the picker's reload lists them (only after the day sold out, in a rush).</summary>
    public async Task<IReadOnlyList<Guid>> AvailableAsync(Guid symposiumId, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT id FROM slots WHERE symposium_id = $1 AND starts_at > now() AND NOT coalesce(held_until > now(), false) ORDER BY starts_at", connection)
        {
            Parameters = { new() { Value = symposiumId } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var free = new List<Guid>();
        while (await reader.ReadAsync(ct))
        {
            free.Add(reader.GetGuid(0));
        }

        return free;
    }

    /// <summary>
    /// Hands <see cref="BookingWriteSession.InsertAsync"/> the app's intake ciphertext instead of encrypting again: the string
    /// form of <c>Protect</c> base64url-encodes what this returns, which gives the app's text back.
    /// </summary>
    private sealed class Replayed(string ciphertext) : IDataProtector
    {
        private readonly byte[] _bytes = WebEncoders.Base64UrlDecode(ciphertext);

        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => _bytes;

        public byte[] Unprotect(byte[] protectedData) => throw new NotSupportedException("the replay never reads an intake");
    }
}
