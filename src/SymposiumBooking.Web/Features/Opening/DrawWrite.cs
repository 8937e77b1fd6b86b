using NodaTime;
using Npgsql;
using NpgsqlTypes;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// Everything a draw writes, gathered in columns and sent as one batch of set-based statements (docs/adr/0150): the
/// winners' bookings and their intakes (the requests' ciphertext copied as is: the same key purpose), the requests'
/// results, the waitlist entries of those left without a slot with their confirmation mails, and the result mails.
/// A few statements for thousands of rows, instead of a round trip per row. The slot's unique index still refuses a
/// second booking of a slot, failing the whole draw rather than double-booking.
/// </summary>
internal sealed class DrawWrite(Symposium symposium, BookingPolicy policy, Instant now)
{
    private readonly List<Guid> _bookingIds = [];
    private readonly List<Guid> _bookingRequests = [];
    private readonly List<Guid> _slotIds = [];
    private readonly List<string> _statuses = [];
    private readonly List<string> _names = [];
    private readonly List<string> _emails = [];
    private readonly List<string> _normalizedEmails = [];
    private readonly List<string?> _phones = [];
    private readonly List<string> _rates = [];
    private readonly List<string> _payments = [];
    private readonly List<long> _prices = [];
    private readonly List<string> _tokenHashes = [];
    private readonly List<Instant?> _holds = [];

    private readonly List<Guid> _requestIds = [];
    private readonly List<string> _requestStatuses = [];
    private readonly List<int?> _positions = [];
    private readonly List<int?> _ranks = [];
    private readonly List<Guid?> _requestBookings = [];

    private readonly List<string> _mailTypes = [];
    private readonly List<string> _mailPayloads = [];

    private readonly List<string> _waitNames = [];
    private readonly List<string> _waitEmails = [];
    private readonly List<string> _waitNormalized = [];
    private readonly List<LocalDate> _waitDates = [];

    public void Allocate(Entrant entrant, NamedSlot slot, DrawAllocation allocation)
    {
        var bookingId = Guid.CreateVersion7();
        var atTable = entrant.Payment == PaymentMethod.AtTable;
        _bookingIds.Add(bookingId);
        _bookingRequests.Add(entrant.Id);
        _slotIds.Add(slot.Slot.Id);
        _statuses.Add((atTable ? BookingStatus.Confirmed : BookingStatus.AwaitingPayment).ToString());
        _names.Add(entrant.Name);
        _emails.Add(entrant.Email);
        _normalizedEmails.Add(entrant.NormalizedEmail);
        _phones.Add(entrant.Phone);
        _rates.Add(entrant.Rate.ToString());
        _payments.Add(entrant.Payment.ToString());
        _prices.Add(symposium.PriceOf(entrant.Rate));
        _tokenHashes.Add(entrant.TokenHash); // the request's link opens its booking
        _holds.Add(atTable ? null : now + CheckoutSessions.HoldFor(policy));
        Result(entrant.Id, DrawRequestStatus.Allocated, allocation.Position, allocation.ChoiceRank, bookingId);
        if (atTable)
        {
            Mail(OutboxTypes.BookingConfirmed, new BookingMailPayload(bookingId, 0, slot.Slot.Id, entrant.ProtectedToken).ToJson());
        }
        else
        {
            Mail(OutboxTypes.DrawResult, DrawMails.Payload(entrant.Id));
        }
    }

    public void LeaveOut(Entrant entrant, DrawAllocation allocation, IEnumerable<LocalDate> days)
    {
        Result(entrant.Id, DrawRequestStatus.Unallocated, allocation.Position, null, null);
        Mail(OutboxTypes.DrawResult, DrawMails.Payload(entrant.Id));
        foreach (var day in days)
        {
            _waitNames.Add(entrant.Name);
            _waitEmails.Add(entrant.Email);
            _waitNormalized.Add(entrant.NormalizedEmail);
            _waitDates.Add(day);
        }
    }

    public void Exclude(Entrant entrant)
    {
        Result(entrant.Id, DrawRequestStatus.Excluded, null, null, null);
        Mail(OutboxTypes.DrawResult, DrawMails.Payload(entrant.Id));
    }

    private void Result(Guid id, DrawRequestStatus status, int? position, int? rank, Guid? bookingId)
    {
        _requestIds.Add(id);
        _requestStatuses.Add(status.ToString());
        _positions.Add(position);
        _ranks.Add(rank);
        _requestBookings.Add(bookingId);
    }

    private void Mail(string type, string payload)
    {
        _mailTypes.Add(type);
        _mailPayloads.Add(payload);
    }

    public async Task ExecuteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO bookings (id, symposium_id, slot_id, status, attendee_name, attendee_email, normalized_email, phone, rate, payment,
                                  price_cents, currency, token_hash, hold_expires_at, sequence, created_at, updated_at, booked_by, checked_in_at)
            SELECT x.id, $1, x.slot_id, x.status, x.name, x.email, x.normalized_email, x.phone, x.rate, x.payment,
                   x.price, $2, x.token_hash, x.hold, 0, $3, $3, NULL, NULL
            FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                        $13::bigint[], $14::text[], $15::timestamptz[])
                 AS x(id, slot_id, status, name, email, normalized_email, phone, rate, payment, price, token_hash, hold)
            """)
        {
            Parameters =
            {
                new() { Value = symposium.Id },
                new() { Value = symposium.Currency },
                new() { Value = now },
                Array(_bookingIds, NpgsqlDbType.Uuid),
                Array(_slotIds, NpgsqlDbType.Uuid),
                Array(_statuses, NpgsqlDbType.Text),
                Array(_names, NpgsqlDbType.Text),
                Array(_emails, NpgsqlDbType.Text),
                Array(_normalizedEmails, NpgsqlDbType.Text),
                Array(_phones, NpgsqlDbType.Text),
                Array(_rates, NpgsqlDbType.Text),
                Array(_payments, NpgsqlDbType.Text),
                Array(_prices, NpgsqlDbType.Bigint),
                Array(_tokenHashes, NpgsqlDbType.Text),
                Array(_holds, NpgsqlDbType.TimestampTz),
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO booking_intakes (booking_id, data)
            SELECT x.booking_id, r.intake FROM unnest($1::uuid[], $2::uuid[]) AS x(booking_id, request_id) JOIN draw_requests r ON r.id = x.request_id
            """)
        {
            Parameters = { Array(_bookingIds, NpgsqlDbType.Uuid), Array(_bookingRequests, NpgsqlDbType.Uuid) },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE draw_requests r SET status = x.status, position = x.position, choice_rank = x.choice_rank, booking_id = x.booking_id, updated_at = $6
            FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::uuid[]) AS x(id, status, position, choice_rank, booking_id)
            WHERE r.id = x.id
            """)
        {
            Parameters =
            {
                Array(_requestIds, NpgsqlDbType.Uuid),
                Array(_requestStatuses, NpgsqlDbType.Text),
                Array(_positions, NpgsqlDbType.Integer),
                Array(_ranks, NpgsqlDbType.Integer),
                Array(_requestBookings, NpgsqlDbType.Uuid),
                new() { Value = now },
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO outbox_messages (id, type, payload, created_at, next_attempt_at, attempts)
            SELECT gen_random_uuid(), x.type, x.payload::jsonb, $3, $3, 0 FROM unnest($1::text[], $2::text[]) AS x(type, payload)
            """)
        {
            Parameters = { Array(_mailTypes, NpgsqlDbType.Text), Array(_mailPayloads, NpgsqlDbType.Text), new() { Value = now } },
        });

        // Waiting for the days they chose, like anyone who joins the waitlist: offers come once the address is confirmed,
        // from the link in their result mail (DrawMails), which confirms all of these entries at once.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO waitlist_entries (id, symposium_id, name, email, normalized_email, date, therapist_id, status, created_at)
            SELECT gen_random_uuid(), $1, x.name, x.email, x.normalized_email, x.date, NULL, '{WaitlistStatus.Waiting}', $2
            FROM unnest($3::text[], $4::text[], $5::text[], $6::date[]) AS x(name, email, normalized_email, date)
            ON CONFLICT DO NOTHING
            """)
        {
            Parameters =
            {
                new() { Value = symposium.Id },
                new() { Value = now },
                Array(_waitNames, NpgsqlDbType.Text),
                Array(_waitEmails, NpgsqlDbType.Text),
                Array(_waitNormalized, NpgsqlDbType.Text),
                Array(_waitDates, NpgsqlDbType.Date),
            },
        });
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Array<T>(List<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}
