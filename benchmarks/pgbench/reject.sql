-- S5: POST /api/v1/bookings for a slot that is already taken, as the app sends it (captured with log_statement=all:
-- README.md): the idempotency row, the slot lookup that finds the slot taken, then ROLLBACK (the app answers 409
-- without trying the insert). The slot is the next of the sold-out rush edition's (bench_rush_slots).
\set k random(1, 9000000000000000000)
-- Npgsql sends BEGIN with the first statement: one round trip, as a pipeline here.
\startpipeline
BEGIN ISOLATION LEVEL READ COMMITTED;
INSERT INTO idempotency_records (scope, key, request_hash, created_at)
VALUES ('bookings.create', 'pgbench-' || :client_id::text || '-' || :k::text, 'a0a2011f4e1bc0dbd8e2d2a08a5b7cd1e6e6fe849457c12be7cb2a8862d9b79f', now())
ON CONFLICT (scope, key) DO NOTHING;
\endpipeline
-- The slot lookup, with whether the slot is taken, holds a lapsed hold, or is offered from the waitlist; its slot id
-- comes from the next of the sold-out rush edition's (bench_rush_slots) instead of the body.
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
WHERE s.id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT nextval('bench_slot_seq') % :nslots + 1))
LIMIT 1 \gset
ROLLBACK;
