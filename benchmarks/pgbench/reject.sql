-- S5: POST /api/v1/bookings for a slot that is already taken, as the app sends it (captured with log_statement=all:
-- README.md): one round trip with BEGIN and the slot lookup that finds the slot taken, so its statement makes no
-- idempotency claim (docs/adr/0036) and checks whether the key was already answered (it was not), then one
-- with ROLLBACK and the free times nearest it that day (the 409's alternatives; the app tries no insert). The slot
-- is the next of the sold-out rush symposium's (bench_rush_slots); the day is computed here in the symposium's zone
-- (America/Chicago), where the app binds it. This is the standard-rate half of the driver's mix; reject-reduced.sql is the other half.
\set k random(1, 9000000000000000000)
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
WHERE s.id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT nextval('bench_slot_seq') % :nslots + 1))),
claim AS (INSERT INTO idempotency_records (scope, key, request_hash, created_at) SELECT 'bookings.create', 'pgbench-' || :client_id::text || '-' || :k::text, 'a0a2011f4e1bc0dbd8e2d2a08a5b7cd1e6e6fe849457c12be7cb2a8862d9b79f', now() WHERE NOT EXISTS (SELECT FROM s WHERE s.taken)
ON CONFLICT (scope, key) DO NOTHING RETURNING 1)
SELECT s.*, EXISTS (SELECT FROM claim), CASE WHEN s.taken THEN EXISTS (SELECT FROM idempotency_records r WHERE r.scope = 'bookings.create' AND r.key = 'pgbench-' || :client_id::text || '-' || :k::text) ELSE false END
FROM (SELECT) one LEFT JOIN s ON true;
\endpipeline
\startpipeline
ROLLBACK;
SELECT a.id, a.symposium_id, a.shift_id, a.therapist_id, a.starts_at, a.ends_at, a.location, a.name FROM (
    (SELECT s.id, s.symposium_id, s.shift_id, s.therapist_id, s.starts_at, s.ends_at, s.location, t.name FROM slots s JOIN therapists t ON t.id = s.therapist_id
    WHERE s.symposium_id = (SELECT symposium_id FROM slots WHERE id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT currval('bench_slot_seq')) % :nslots + 1)) AND s.starts_at > (SELECT now()) AND NOT coalesce(s.held_until > now(), false) AND NOT EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.offered_slot_id = s.id AND w.status = 'Offered' AND w.offer_expires_at > now())
       AND s.starts_at >= (SELECT starts_at FROM slots WHERE id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT currval('bench_slot_seq')) % :nslots + 1)) AND s.starts_at < (SELECT (date_trunc('day', starts_at AT TIME ZONE 'America/Chicago') + interval '1 day') AT TIME ZONE 'America/Chicago' FROM slots WHERE id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT currval('bench_slot_seq')) % :nslots + 1)) AND s.id <> (SELECT id FROM bench_rush_slots WHERE n = (SELECT currval('bench_slot_seq')) % :nslots + 1)
     ORDER BY s.starts_at, t.name LIMIT 5)
    UNION ALL
    (SELECT s.id, s.symposium_id, s.shift_id, s.therapist_id, s.starts_at, s.ends_at, s.location, t.name FROM slots s JOIN therapists t ON t.id = s.therapist_id
    WHERE s.symposium_id = (SELECT symposium_id FROM slots WHERE id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT currval('bench_slot_seq')) % :nslots + 1)) AND s.starts_at > (SELECT now()) AND NOT coalesce(s.held_until > now(), false) AND NOT EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.offered_slot_id = s.id AND w.status = 'Offered' AND w.offer_expires_at > now())
       AND s.starts_at < (SELECT starts_at FROM slots WHERE id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT currval('bench_slot_seq')) % :nslots + 1)) AND s.starts_at >= (SELECT date_trunc('day', starts_at AT TIME ZONE 'America/Chicago') AT TIME ZONE 'America/Chicago' FROM slots WHERE id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT currval('bench_slot_seq')) % :nslots + 1))
     ORDER BY s.starts_at DESC, t.name LIMIT 5)) a
ORDER BY abs(extract(epoch FROM a.starts_at - (SELECT starts_at FROM slots WHERE id = (SELECT id FROM bench_rush_slots WHERE n = (SELECT currval('bench_slot_seq')) % :nslots + 1)))), a.starts_at, a.name
LIMIT 5;
\endpipeline
