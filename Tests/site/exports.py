#!/usr/bin/env python3
"""Checks the built site's exports with the tools that read them.

- events.ics is parsed with the `icalendar` library (RFC 5545): one VEVENT per event page,
  all-day dates with DTEND after DTSTART, every scheduled event TENTATIVE.
- timeline.json has TimelineJS3's shape: a title, and one event per event page, each with a
  start_date year (and month and day only as far as the event's date goes), text.headline.

Usage: python3 Tests/site/exports.py [Public]
Exits 1 on the first failure.
"""
import datetime
import json
import sys
from pathlib import Path

import icalendar

public = Path(sys.argv[1] if len(sys.argv) > 1 else "Public")
event_pages = sorted(p.parent.name for p in (public / "events").glob("*/index.html"))


def fail(message):
    print(f"FAIL  {message}")
    sys.exit(1)


calendar = icalendar.Calendar.from_ical((public / "events.ics").read_bytes())
events = [c for c in calendar.walk("VEVENT")]
uids = sorted(str(e["UID"]).split("@")[0] for e in events)
if uids != event_pages:
    fail(f"events.ics has {uids}, the site has {event_pages}")
for e in events:
    start, end = e.decoded("DTSTART"), e.decoded("DTEND")
    if isinstance(start, datetime.datetime) or not end > start:
        fail(f"{e['UID']}: DTSTART {start} DTEND {end} is not an all-day span")
    if "Scheduled" in str(e.get("CATEGORIES", "")) and str(e["STATUS"]) != "TENTATIVE":
        fail(f"{e['UID']}: scheduled but {e['STATUS']}")
print(f"ok    events.ics: {len(events)} events, parsed by icalendar {icalendar.__version__}")

timeline = json.loads((public / "timeline.json").read_text())
if not timeline.get("title", {}).get("text", {}).get("headline"):
    fail("timeline.json has no title headline")
ids = sorted(e["unique_id"] for e in timeline["events"])
if ids != event_pages:
    fail(f"timeline.json has {ids}, the site has {event_pages}")
for e in timeline["events"]:
    date = e["start_date"]
    if "year" not in date or ("day" in date and "month" not in date) or not e["text"].get("headline"):
        fail(f"timeline.json: {e['unique_id']} has start_date {date}")
months = sum(1 for e in timeline["events"] if "day" not in e["start_date"])
print(f"ok    timeline.json: {len(ids)} events in TimelineJS3's shape ({months} at month precision)")
