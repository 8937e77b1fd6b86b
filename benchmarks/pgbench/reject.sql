-- S5: POST /api/v1/bookings for a slot that is already taken, as the app sends it (captured with log_statement=all:
-- README.md) up to the booking insert that the unique index refuses; then ROLLBACK. The slot is the next of the
-- sold-out rush edition's (bench_rush_slots). pgbench stops a client on an error, so the refused insert is written as
-- ON CONFLICT … DO NOTHING on the same partial unique index: the same index probe, no error.
\set k random(1, 9000000000000000000)
BEGIN ISOLATION LEVEL READ COMMITTED;
INSERT INTO idempotency_records (scope, key, request_hash, created_at)
VALUES ('bookings.create', 'pgbench-' || :client_id::text || '-' || :k::text, 'a0a2011f4e1bc0dbd8e2d2a08a5b7cd1e6e6fe849457c12be7cb2a8862d9b79f', now())
ON CONFLICT (scope, key) DO NOTHING;
SELECT s.id AS slot_id, s.edition_id, s.ends_at, s.location, s.shift_id, s.starts_at, s.therapist_id, t.name, s0.id AS edition, s0.city, s0.created_at, s0.currency, s0.end_date, s0.feed_token_hash, s0.published_at, s0.reduced_rate_cents, s0.standard_rate_cents, s0.start_date, s0.status, s0.time_zone_id, s0.venue_address, s0.venue_name, s0.year, s0.booking_closes_at, s0.booking_opens_at, s0.cancellation_cutoff_hours, s0.hold_minutes, s0.reduced_rate_limit_per_attendee
FROM slots AS s
INNER JOIN therapists AS t ON s.therapist_id = t.id
INNER JOIN symposium_editions AS s0 ON s.edition_id = s0.id
WHERE s.id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT nextval('bench_slot_seq') % :nslots + 1))
LIMIT 1 \gset
WITH released AS (
    UPDATE bookings SET status = 'Expired', sequence = sequence + 1, updated_at = now()
    WHERE status = 'AwaitingPayment' AND hold_expires_at <= now() AND (:slot_id::uuid IS NULL OR slot_id = :slot_id)
    RETURNING id, slot_id, sequence),
mailed AS (
    INSERT INTO outbox_messages (id, type, payload, created_at, next_attempt_at, attempts)
    SELECT gen_random_uuid(), 'mail.booking_cancelled',
           jsonb_build_object('bookingId', r.id, 'sequence', r.sequence, 'slotId', r.slot_id), now(), now(), 0
    FROM released r
    WHERE EXISTS (SELECT 1 FROM outbox_messages o
                  WHERE o.type = ANY('{mail.booking_confirmed,mail.payment_received,mail.booking_rescheduled}') AND o.payload->>'bookingId' = r.id::text))
SELECT slot_id AS "Value" FROM released;
SELECT w.id, w.claim_token_hash, w.created_at, w.date, w.edition_id, w.email, w.name, w.normalized_email, w.offer_expires_at, w.offered_slot_id, w.status, w.therapist_id
FROM waitlist_entries AS w
WHERE w.offered_slot_id = :slot_id AND w.status = 'Offered' AND w.offer_expires_at > now()
LIMIT 1;
INSERT INTO bookings (id, attendee_email, attendee_name, created_at, currency, edition_id, hold_expires_at, normalized_email, payment, phone, price_cents, rate, sequence, slot_id, status, token_hash, updated_at)
VALUES (gen_random_uuid(), 'pgbench.' || :client_id::text || '.' || :k::text || '@bench.example.org', 'Bench Attendee', now(), 'USD', :edition, NULL, 'pgbench.' || :client_id::text || '.' || :k::text || '@bench.example.org', 'AtTable', '+1 312 555 0100', 6000, 'Standard', 0, :slot_id, 'Confirmed', md5(random()::text) || md5(random()::text), now())
ON CONFLICT (slot_id) WHERE status IN ('AwaitingPayment', 'Confirmed', 'Completed', 'NoShow') DO NOTHING;
ROLLBACK;
