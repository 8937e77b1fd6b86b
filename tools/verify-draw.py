#!/usr/bin/env python3
"""Checks a symposium's published draw from its data alone (docs/fair-opening.md, "How to check it").

Usage: python3 tools/verify-draw.py SOURCE
  SOURCE is the JSON of GET /api/v1/symposia/{id}/draw: a file, an http(s) URL, or - for standard input.

It checks that SHA-256 of the revealed seed is the commitment published before requests opened, recomputes every
allocation from the published slots, requests and seed, and compares them with the published allocations.
Exit status: 0 when everything matches; 1 with the first difference; 2 when the source cannot be read.

Python 3 standard library only. Written from the rules in docs/fair-opening.md, not from the service's code.
"""

import datetime
import hashlib
import hmac
import json
import sys
import urllib.request
import uuid


class Mismatch(Exception):
    """The first difference between the published draw and the recomputed one."""


def read_source(source):
    if source == "-":
        return json.load(sys.stdin)
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    with open(source, encoding="utf-8") as f:
        return json.load(f)


def guid(text, what):
    """A GUID as the draw uses it: 36 characters, lowercase, with hyphens."""
    try:
        return str(uuid.UUID(str(text)))
    except (ValueError, TypeError):
        raise Mismatch(f"{what}: {text!r} is not a GUID") from None


def day(text, what):
    try:
        return datetime.date.fromisoformat(text)
    except (ValueError, TypeError):
        raise Mismatch(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None


def clock(text, what):
    try:
        return datetime.time.fromisoformat(text)
    except (ValueError, TypeError):
        raise Mismatch(f"{what}: {text!r} is not a time of day (HH:mm)") from None


def check_commitment(draw):
    seed, commitment = draw.get("seed"), draw.get("commitment")
    if not seed:
        raise Mismatch(f"no seed: the draw has not run yet (phase {draw.get('phase')!r})")
    try:
        seed_bytes = bytes.fromhex(seed)
    except ValueError:
        raise Mismatch(f"the seed {seed!r} is not hex") from None
    if len(seed_bytes) != 32:
        raise Mismatch(f"the seed is {len(seed_bytes)} bytes, not 32")
    digest = hashlib.sha256(seed_bytes).hexdigest()
    if digest != str(commitment).lower():
        raise Mismatch(f"the seed does not match the commitment: sha256(seed) = {digest}, commitment = {commitment}")
    return seed_bytes


def read_slots(draw):
    """The free slots, each once, in the order a choice meeting several of them takes them: day, start, therapist, id."""
    slots = {}
    for n, s in enumerate(draw.get("slots") or [], start=1):
        what = f"slot {n}"
        slot = (day(s.get("date"), what), clock(s.get("start"), what),
                guid(s.get("therapistId"), what), guid(s.get("id"), what))
        if slot[3] not in slots or slot < slots[slot[3]]:
            slots[slot[3]] = slot
    return sorted(slots.values())


def read_choice(c, what):
    """One choice as a key into the slot index: ('slot', id), ('at', date, time) or ('with', date, therapist)."""
    present = {k for k in ("slotId", "date", "time", "therapistId") if c.get(k) is not None}
    if present == {"slotId"}:
        return ("slot", guid(c["slotId"], what))
    if present == {"date", "time"}:
        return ("at", day(c["date"], what), clock(c["time"], what))
    if present == {"date", "therapistId"}:
        return ("with", day(c["date"], what), guid(c["therapistId"], what))
    raise Mismatch(f"{what} is none of {{slotId}}, {{date, time}}, {{date, therapistId}}: {c}")


def read_requests(draw):
    requests, seen = [], set()
    for n, r in enumerate(draw.get("requests") or [], start=1):
        rid = guid(r.get("id"), f"request {n}")
        if rid in seen:
            raise Mismatch(f"request {rid} is listed twice")
        seen.add(rid)
        choices = [read_choice(c, f"request {rid}, choice {i}") for i, c in enumerate(r.get("choices") or [], start=1)]
        requests.append((rid, choices))
    return requests


def recompute(seed_bytes, slots, requests):
    """Random serial dictatorship: the requests in the order of their keys, each given its best choice still free."""

    def key(request):
        rid = request[0]
        return (hmac.new(seed_bytes, rid.encode("utf-8"), hashlib.sha256).digest(), rid)

    # Each kind of choice looks in its own list of slots, in slot order; a taken slot is skipped (and dropped once
    # met at the front, so a popular list is not walked again and again).
    index = {}
    for slot in slots:
        date, start, therapist, sid = slot
        for k in (("slot", sid), ("at", date, start), ("with", date, therapist)):
            index.setdefault(k, []).append(sid)
    taken = set()

    def take(choice):
        candidates = index.get(choice)
        if not candidates:
            return None
        while candidates and candidates[0] in taken:
            candidates.pop(0)
        for sid in candidates:
            if sid not in taken:
                taken.add(sid)
                return sid
        return None

    result = []
    for position, (rid, choices) in enumerate(sorted(requests, key=key), start=1):
        given = None
        for rank, choice in enumerate(choices, start=1):
            sid = take(choice)
            if sid is not None:
                given = (sid, rank)
                break
        result.append({"requestId": rid, "position": position,
                       "slotId": given[0] if given else None, "choiceRank": given[1] if given else None})
    return result


def compare(draw, recomputed):
    published = {}
    for n, a in enumerate(draw.get("allocations") or [], start=1):
        rid = guid(a.get("requestId"), f"allocation {n}")
        if rid in published:
            raise Mismatch(f"request {rid} has two published allocations")
        published[rid] = a
    for mine in recomputed:
        rid = mine["requestId"]
        theirs = published.pop(rid, None)
        if theirs is None:
            raise Mismatch(f"turn {mine['position']}: request {rid} has no published allocation")
        their_slot = guid(theirs["slotId"], f"allocation of {rid}") if theirs.get("slotId") is not None else None
        for field, their_value in (("position", theirs.get("position")), ("slotId", their_slot),
                                   ("choiceRank", theirs.get("choiceRank"))):
            if their_value != mine[field]:
                raise Mismatch(f"turn {mine['position']}, request {rid}: published {field} {their_value}, "
                               f"recomputed {mine[field]}")
    if published:
        raise Mismatch(f"allocation for {next(iter(published))}, which is not among the requests")
    won = sum(1 for a in recomputed if a["slotId"] is not None)
    for field, value in (("requestCount", len(recomputed)), ("allocatedCount", won)):
        if draw.get(field) is not None and draw[field] != value:
            raise Mismatch(f"published {field} {draw[field]}, recomputed {value}")
    return won


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        draw = read_source(argv[1])
    except (OSError, ValueError) as e:
        print(f"verify-draw: cannot read {argv[1]}: {e}", file=sys.stderr)
        return 2
    try:
        if not isinstance(draw, dict):
            raise Mismatch("the source is not a JSON object")
        seed_bytes = check_commitment(draw)
        slots = read_slots(draw)
        requests = read_requests(draw)
        recomputed = recompute(seed_bytes, slots, requests)
        won = compare(draw, recomputed)
    except Mismatch as difference:
        print(f"DIFFERENT: {difference}")
        return 1
    ranks = {}
    for a in recomputed:
        if a["choiceRank"] is not None:
            ranks[a["choiceRank"]] = ranks.get(a["choiceRank"], 0) + 1
    by_rank = ", ".join(f"choice {r}: {n}" for r, n in sorted(ranks.items())) or "none"
    print(f"commitment: sha256(seed) = {draw['commitment']}: matches")
    print(f"recomputed {len(recomputed)} requests on {len(slots)} free slots: {won} allocated ({by_rank}), "
          f"{len(recomputed) - won} without a slot")
    print("OK: every published allocation matches the recomputed one")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
