#!/usr/bin/python3
"""Parses an .ics file with Debian's python3-icalendar and prints a JSON summary on stdout.

Usage: /usr/bin/python3 check_ics.py FILE.ics

The calendar tests compare this summary with what they expect, and with check_ics.mjs's (ical.js).
Local wall times are turned into UTC twice: with the library's own time zone database (pytz), and
with only the VTIMEZONE the file carries, so a wrong or missing VTIMEZONE shows up.
"""
import json
import sys
from datetime import datetime

import pytz
from icalendar import Calendar


def text(value):
    return None if value is None else str(value)


def when(prop, zones):
    if prop is None:
        return None
    value = prop.dt
    tzid = prop.params.get("TZID")
    result = {"tzid": text(tzid)}
    if not isinstance(value, datetime):
        result["date"] = value.isoformat()
        return result
    if value.tzinfo is None:
        result["local"] = value.isoformat()
        return result
    result["local"] = value.replace(tzinfo=None).isoformat()
    result["utc"] = value.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if tzid is not None and str(tzid) in zones:
        own = zones[str(tzid)].localize(value.replace(tzinfo=None), is_dst=None)
        result["utcByVtimezone"] = own.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return result


def person(prop):
    if prop is None:
        return None
    return {"name": text(prop.params.get("CN")), "address": str(prop)}


def main(path):
    with open(path, "rb") as f:
        calendar = Calendar.from_ical(f.read())
    zones = {str(tz["TZID"]): tz.to_tz() for tz in calendar.walk("VTIMEZONE")}
    events = []
    for event in calendar.walk("VEVENT"):
        attendees = event.get("ATTENDEE")
        if attendees is not None and not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            "uid": text(event.get("UID")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "status": text(event.get("STATUS")),
            "summary": text(event.get("SUMMARY")),
            "location": text(event.get("LOCATION")),
            "description": text(event.get("DESCRIPTION")),
            "dtstamp": when(event.get("DTSTAMP"), zones),
            "start": when(event.get("DTSTART"), zones),
            "end": when(event.get("DTEND"), zones),
            "organizer": person(event.get("ORGANIZER")),
            "attendees": [person(a) for a in attendees or []],
            "alarms": [
                {"action": text(alarm.get("ACTION")), "trigger": alarm.get("TRIGGER").to_ical().decode("ascii")}
                for alarm in event.walk("VALARM")
            ],
        })
    summary = {
        "parser": "python3-icalendar",
        "method": text(calendar.get("METHOD")),
        "calendarName": text(calendar.get("X-WR-CALNAME")),
        "timeZones": sorted(zones),
        "events": events,
    }
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_ics.py FILE.ics")
    main(sys.argv[1])
