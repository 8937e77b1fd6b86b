-- S1/S3: one uncontended POST /api/v1/bookings at the reduced rate, paying at the table, round trip by round trip as
-- the app sends it (captured with log_statement=all: README.md): book-standard.sql plus the reduced-rate cap's
-- advisory lock and count (docs/adr/0010).
\set k random(1, 9000000000000000000)
-- Npgsql sends BEGIN with the first statement: one round trip, as a pipeline here.
\startpipeline
BEGIN ISOLATION LEVEL READ COMMITTED;
INSERT INTO idempotency_records (scope, key, request_hash, created_at)
VALUES ('bookings.create', 'pgbench-' || :client_id::text || '-' || :k::text, 'a0a2011f4e1bc0dbd8e2d2a08a5b7cd1e6e6fe849457c12be7cb2a8862d9b79f', now())
ON CONFLICT (scope, key) DO NOTHING;
\endpipeline
-- The slot lookup, with whether the slot is taken, holds a lapsed hold, or is offered from the waitlist; its slot id
-- comes from the next row of bench_slots (pgbench's own edition) instead of the body.
SELECT s.id AS slot_id, s.edition_id, s.ends_at, s.location, s.shift_id, s.starts_at, s.therapist_id, t.name, s0.id AS edition, s0.city, s0.created_at, s0.currency, s0.end_date, s0.feed_token_hash, s0.published_at, s0.reduced_rate_cents, s0.standard_rate_cents, s0.start_date, s0.status, s0.time_zone_id, s0.venue_address, s0.venue_name, s0.year, s0.booking_closes_at, s0.booking_opens_at, s0.cancellation_cutoff_hours, s0.hold_minutes, s0.reduced_rate_limit_per_attendee, EXISTS (
    SELECT 1
    FROM bookings AS b
    WHERE b.slot_id = s.id AND b.status IN ('AwaitingPayment', 'Confirmed', 'Completed', 'NoShow') AND (b.status <> 'AwaitingPayment' OR CASE
        WHEN b.hold_expires_at <= now() THEN FALSE
        ELSE TRUE
    END)) AS taken, EXISTS (
    SELECT 1
    FROM bookings AS b0
    WHERE b0.slot_id = s.id AND b0.status = 'AwaitingPayment' AND b0.hold_expires_at <= now()) AS hold_lapsed, EXISTS (
    SELECT 1
    FROM waitlist_entries AS w
    WHERE w.offered_slot_id = s.id AND w.status = 'Offered' AND w.offer_expires_at > now()) AS offered
FROM slots AS s
INNER JOIN therapists AS t ON s.therapist_id = t.id
INNER JOIN symposium_editions AS s0 ON s.edition_id = s0.id
WHERE s.id = (SELECT id FROM bench_slots WHERE n = (SELECT nextval('bench_slot_seq')))
LIMIT 1 \gset
-- The reduced-rate cap (docs/adr/0010): the advisory lock and the count, sent as one batch (one round trip).
\startpipeline
SELECT pg_advisory_xact_lock(hashtextextended('reduced:' || :edition::text || ':' || 'pgbench.' || :client_id::text || '.' || :k::text || '@bench.example.org', 0));
SELECT count(*)::int FROM bookings
WHERE edition_id = :edition AND normalized_email = 'pgbench.' || :client_id::text || '.' || :k::text || '@bench.example.org' AND rate = 'Reduced' AND status = ANY('{AwaitingPayment,Confirmed,Completed,NoShow}')
  AND NOT (status = 'AwaitingPayment' AND hold_expires_at <= now());
\endpipeline
-- EF Core sends the booking, the idempotent answer, the outbox mail and the encrypted intake as one batch (one round
-- trip); here they are one statement. Payload sizes match the app's (the answer, the manage token and the intake are
-- Data Protection ciphertext).
WITH b AS (
    INSERT INTO bookings (id, attendee_email, attendee_name, created_at, currency, edition_id, hold_expires_at, normalized_email, payment, phone, price_cents, rate, sequence, slot_id, status, token_hash, updated_at)
    VALUES (gen_random_uuid(), 'pgbench.' || :client_id::text || '.' || :k::text || '@bench.example.org', 'Bench Attendee', now(), 'USD', :edition, NULL, 'pgbench.' || :client_id::text || '.' || :k::text || '@bench.example.org', 'AtTable', '+1 312 555 0100', 2500, 'Reduced', 0, :slot_id, 'Confirmed', md5(random()::text) || md5(random()::text), now())
    RETURNING id),
a AS (
    UPDATE idempotency_records SET response = repeat('r', 1500)
    WHERE key = 'pgbench-' || :client_id::text || '-' || :k::text AND scope = 'bookings.create'),
o AS (
    INSERT INTO outbox_messages (id, attempt_started_at, attempts, created_at, last_error, next_attempt_at, outcome_unknown_at, payload, sent_at, type)
    SELECT gen_random_uuid(), NULL, 0, now(), NULL, now(), NULL,
           jsonb_build_object('slotId', :slot_id::uuid, 'sequence', 0, 'bookingId', b.id, 'manageToken', repeat('m', 150)), NULL, 'mail.booking_confirmed'
    FROM b)
INSERT INTO booking_intakes (booking_id, data) SELECT b.id, repeat('i', 620) FROM b;
COMMIT;
