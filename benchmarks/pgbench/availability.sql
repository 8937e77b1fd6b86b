-- Availability GET /api/v1/symposia/{id}/slots?date=&therapistId= for one day and therapist of the rush symposium
-- (100 slots), the one statement the app sends (captured with log_statement=all: README.md).
SELECT s.id, s.therapist_id, t.name, s.starts_at, s.ends_at, s.location, s1.time_zone_id, s.starts_at > now() AND CASE
    WHEN s.held_until > now() THEN FALSE
    ELSE TRUE
END AND NOT EXISTS (
    SELECT 1
    FROM waitlist_entries AS w
    WHERE w.offered_slot_id = s.id AND w.status = 'Offered' AND w.offer_expires_at > now())
FROM slots AS s
INNER JOIN shifts AS s0 ON s.shift_id = s0.id
INNER JOIN therapists AS t ON s.therapist_id = t.id
INNER JOIN symposia AS s1 ON s.symposium_id = s1.id
WHERE s.symposium_id = :rush_symposium AND s1.status = 'Published' AND s0.date = :get_date AND s.therapist_id = :get_therapist
ORDER BY s.starts_at, t.name;
