-- S1/S3: one uncontended POST /api/v1/bookings at the standard rate, paying at the table, round trip by round trip as
-- the app sends it (captured with log_statement=all: README.md). book-reduced.sql is the other half of the mix.
\set k random(1, 9000000000000000000)
-- Round trip 1, as the app's first NpgsqlBatch: BEGIN, the slot lookup with the idempotency key's claim in one statement
-- (docs/adr/0036; the slot is free, so the claim is made; its slot id is the next
-- row of bench_slots, pgbench's own symposium, instead of the body's).
\startpipeline
BEGIN ISOLATION LEVEL READ COMMITTED;
WITH s AS (SELECT s.id, s.symposium_id, s.shift_id, s.therapist_id, s.starts_at, s.ends_at, s.location, t.name, e.xmin AS symposium_version,
       coalesce(s.held_until > now(), false) AS taken,
       coalesce(s.held_until <= now(), false) AS hold_lapsed,
       EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.offered_slot_id = s.id
                                                  AND w.status = 'Offered' AND w.offer_expires_at > now()) AS offered
FROM slots s
JOIN therapists t ON t.id = s.therapist_id
JOIN symposia e ON e.id = s.symposium_id
WHERE s.id = (SELECT id FROM bench_slots WHERE n = (SELECT nextval('bench_slot_seq')))),
claim AS (INSERT INTO idempotency_records (scope, key, request_hash, created_at) SELECT 'bookings.create', 'pgbench-' || :client_id::text || '-' || :k::text, 'a0a2011f4e1bc0dbd8e2d2a08a5b7cd1e6e6fe849457c12be7cb2a8862d9b79f', now() WHERE NOT EXISTS (SELECT FROM s WHERE s.taken)
ON CONFLICT (scope, key) DO NOTHING RETURNING 1)
SELECT s.*, EXISTS (SELECT FROM claim), CASE WHEN s.taken THEN EXISTS (SELECT FROM idempotency_records r WHERE r.scope = 'bookings.create' AND r.key = 'pgbench-' || :client_id::text || '-' || :k::text) ELSE false END
FROM (SELECT) one LEFT JOIN s ON true;
\endpipeline
-- Round trip 2, as the app's second NpgsqlBatch: the booking, its encrypted intake, the confirmation mail and the
-- stored answer in one statement of data-modifying CTEs (docs/adr/0037), then COMMIT. The app binds the slot, symposium and booking ids it read or made; pgbench (whose \gset cannot follow a
-- pipelined statement) takes the slot again from bench_slots by currval and makes the booking id from :k. Payload sizes
-- match the app's (intake, manage token and answer are Data Protection ciphertext there).
\startpipeline
WITH booking AS (INSERT INTO bookings (id, symposium_id, slot_id, status, attendee_name, attendee_email, normalized_email, phone, rate,
                      payment, price_cents, currency, token_hash, hold_expires_at, sequence, created_at, updated_at)
VALUES (md5('booking-' || :client_id::text || '-' || :k::text)::uuid, (SELECT symposium_id FROM slots WHERE id = (SELECT id FROM bench_slots WHERE n = (SELECT currval('bench_slot_seq')))), (SELECT id FROM bench_slots WHERE n = (SELECT currval('bench_slot_seq'))), 'Confirmed', 'Bench Attendee', 'pgbench.' || :client_id::text || '.' || :k::text || '@bench.example.org', 'pgbench.' || :client_id::text || '.' || :k::text || '@bench.example.org', '+1 312 555 0100', 'Standard',
        'AtTable', 6000, 'USD', md5(random()::text) || md5(random()::text), NULL, 0, now(), now())),
intake AS (INSERT INTO booking_intakes (booking_id, data) VALUES (md5('booking-' || :client_id::text || '-' || :k::text)::uuid, repeat('i', 620))),
mail AS (INSERT INTO outbox_messages (id, type, payload, created_at, next_attempt_at, attempts, sent_at, last_error,
                             attempt_started_at, outcome_unknown_at)
VALUES (gen_random_uuid(), 'mail.booking_confirmed', jsonb_build_object('bookingId', md5('booking-' || :client_id::text || '-' || :k::text)::uuid, 'sequence', 0, 'slotId', (SELECT id FROM bench_slots WHERE n = (SELECT currval('bench_slot_seq'))), 'manageToken', repeat('m', 150)), now(), now(), 0, NULL, NULL, NULL, NULL)),
answer AS (UPDATE idempotency_records SET response = repeat('r', 1500) WHERE scope = 'bookings.create' AND key = 'pgbench-' || :client_id::text || '-' || :k::text)
SELECT;
COMMIT;
\endpipeline
