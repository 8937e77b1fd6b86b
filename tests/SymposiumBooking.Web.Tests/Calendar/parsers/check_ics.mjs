// Parses an .ics file with npm's ical.js and prints a JSON summary on stdout.
//
// Usage: node check_ics.mjs FILE.ics
//
// ical.js has no time zone database of its own: a TZID time becomes UTC only through the VTIMEZONE the file
// carries (registered below), which is what Outlook and Apple Mail depend on too.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

if (process.argv.length !== 3) {
  console.error('usage: node check_ics.mjs FILE.ics');
  process.exit(2);
}

const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], 'utf8')));
const zones = root.getAllSubcomponents('vtimezone').map((vtimezone) => {
  const zone = new ICAL.Timezone(vtimezone);
  ICAL.TimezoneService.register(zone);
  return zone.tzid;
});

function when(prop) {
  if (!prop) return null;
  const time = prop.getFirstValue();
  const tzid = prop.getParameter('tzid') ?? null;
  if (time.isDate) return { tzid, date: time.toString() };
  const result = { tzid, local: time.toString().replace(/Z$/, '') };
  if (time.zone === ICAL.Timezone.localTimezone) return result; // floating: no UTC to give
  result.utc = time.convertToZone(ICAL.Timezone.utcTimezone).toString();
  result.utcByVtimezone = result.utc;
  return result;
}

function person(prop) {
  return prop ? { name: prop.getParameter('cn') ?? null, address: prop.getFirstValue() } : null;
}

const events = root.getAllSubcomponents('vevent').map((vevent) => ({
  uid: vevent.getFirstPropertyValue('uid'),
  sequence: vevent.getFirstPropertyValue('sequence') ?? 0,
  status: vevent.getFirstPropertyValue('status'),
  summary: vevent.getFirstPropertyValue('summary'),
  location: vevent.getFirstPropertyValue('location'),
  description: vevent.getFirstPropertyValue('description'),
  dtstamp: when(vevent.getFirstProperty('dtstamp')),
  start: when(vevent.getFirstProperty('dtstart')),
  end: when(vevent.getFirstProperty('dtend')),
  organizer: person(vevent.getFirstProperty('organizer')),
  attendees: vevent.getAllProperties('attendee').map(person),
  alarms: vevent.getAllSubcomponents('valarm').map((valarm) => ({
    action: valarm.getFirstPropertyValue('action'),
    trigger: valarm.getFirstPropertyValue('trigger').toString(),
  })),
}));

process.stdout.write(JSON.stringify({
  parser: 'ical.js',
  method: root.getFirstPropertyValue('method'),
  calendarName: root.getFirstPropertyValue('x-wr-calname'),
  timeZones: zones.sort(),
  events,
}, null, 1) + '\n');
