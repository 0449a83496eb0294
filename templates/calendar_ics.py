"""The register's dates as an iCalendar file (RFC 5545) for Outlook, Google or Apple
calendars: every meeting with its agenda, and the statutory deadlines around it.

Events:

- each committee meeting, at its time in Europe/London (a VTIMEZONE is included), the
  venue as LOCATION and the agenda's items in the DESCRIPTION (as the front sheet lists
  them, :func:`templates.frontsheet.plan_agenda`); a meeting with no time recorded is an
  all-day event;
- the agenda publication deadline of each meeting (all day; 5 clear working days before,
  :func:`governance.calendar.agenda_publication_deadline`);
- the Forward Plan notice deadline of each key decision (all day; 28 clear days before
  the date it is taken, or before its first committee consideration while it is not yet
  taken);
- the end of the call-in period of each published decision (all day).

Each event's UID is made from what identifies it in the register (committee and date,
decision number), so importing a newer file updates the events instead of adding copies.
The public calendar (``public=True``) leaves out exempt items, exempt papers and every
event about an exempt decision; exempt items are listed as the public front sheet lists
them (their titles withheld).

Written by hand rather than with a library: CRLF line ends, lines folded at 75 octets
(never inside a UTF-8 character), TEXT values escaped (``\\`` ``;`` ``,`` and newlines).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from governance.agenda import MeetingDetails
from governance.calendar import (
    DEFAULT_CONFIG,
    agenda_publication_deadline,
    call_in_period_end,
    effective_from,
    key_decision_notice_deadline,
)
from governance.model import Decision
from templates.frontsheet import plan_agenda
from templates.style import day_date, long_date

PRODID = "-//Decision Desk//Decision Desk register calendar//EN"
TZID = "Europe/London"
#: Europe/London since 1996 (the EU rules): BST from 01:00 UTC on the last Sunday in March
#: to 01:00 UTC on the last Sunday in October.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19810329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
#: The register records when a meeting starts, not when it ends: calendars are given this
#: much so the meeting shows as a block of time.
MEETING_LENGTH = dt.timedelta(hours=2)
NO_NOTICE_ROUTES = ("special_urgency", "general_exception")
LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    #: A date (an all-day event) or a local Europe/London date and time.
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    category: str
    description: str = ""
    location: str | None = None
    #: Deadlines do not block time in the calendar (TRANSP:TRANSPARENT).
    busy: bool = True

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    def sort_key(self) -> tuple[Any, ...]:
        day = self.start.date() if isinstance(self.start, dt.datetime) else self.start
        at = self.start.time() if isinstance(self.start, dt.datetime) else dt.time.min
        return (day, not self.all_day, at, self.summary, self.uid)


# --- which events ------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _start(time: str | None, day: dt.date) -> dt.datetime | None:
    if not time:
        return None
    hours, minutes = (int(x) for x in time.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes))


def agenda_lines(details: MeetingDetails, public: bool, style: Mapping[str, Any]) -> list[str]:
    """The agenda's items as the front sheet lists them (a public one if ``public``)."""
    words = style["agenda"]
    plan = plan_agenda(details, public=public, style=style)
    lines = [f"{'    ' if e.sub else ''}{e.number} {e.title}" for e in plan.unrestricted]
    if plan.exempt:
        if plan.motion_number:
            lines.append(f"{plan.motion_number} {words['motion_heading']}")
        lines += ["", words["exempt_heading"]]
        lines += [f"{e.number} {e.title}" for e in plan.exempt]
    return lines


def meeting_events(details: MeetingDetails, public: bool, style: Mapping[str, Any],
                   domain: str) -> list[CalendarEvent]:
    m = details.meeting
    words = style["calendar"]
    key = f"{slug(m.committee)}-{m.date:%Y%m%d}"
    deadline = agenda_publication_deadline(m.date)
    if m.published_on:
        published = words["agenda_published"].format(date=day_date(m.published_on))
    else:
        published = words["agenda_due"].format(date=day_date(deadline))
    items = agenda_lines(details, public, style)
    description = "\n".join([published, "", words["agenda_heading"], *items] if items
                            else [published])
    start = _start(m.time, m.date)
    meeting = CalendarEvent(
        uid=f"meeting-{key}@{domain}", summary=m.committee,
        start=start or m.date, end=start + MEETING_LENGTH if start else m.date + dt.timedelta(1),
        category=words["categories"]["meeting"], description=description, location=m.venue)
    due = CalendarEvent(
        uid=f"agenda-deadline-{key}@{domain}",
        summary=words["agenda_deadline_summary"].format(committee=m.committee,
                                                        date=long_date(m.date)),
        start=deadline, end=deadline + dt.timedelta(1),
        category=words["categories"]["agenda_deadline"],
        description=words["agenda_deadline_description"].format(
            committee=m.committee, date=day_date(m.date),
            days=DEFAULT_CONFIG.agenda_clear_working_days)
        + ("\n" + published if m.published_on else ""),
        busy=False)
    return [meeting, due]


def _decision_date(d: Decision) -> dt.date | None:
    """When a key decision is (or was) taken, for its notice: the date it was taken, else
    its first committee consideration (it cannot be taken before)."""
    if d.taken_on:
        return d.taken_on
    dates = sorted(c.date for c in d.committee_considerations)
    return dates[0] if dates else None


def decision_events(d: Decision, style: Mapping[str, Any], domain: str
                    ) -> list[CalendarEvent]:
    words = style["calendar"]
    key = slug(d.number)
    out = []
    on = _decision_date(d)
    if d.key_decision and d.status != "withdrawn" and d.route not in NO_NOTICE_ROUTES \
            and on is not None:
        notice_by = key_decision_notice_deadline(on)
        description = words["notice_description"].format(
            number=d.number, title=d.title, date=day_date(on),
            days=DEFAULT_CONFIG.key_decision_notice_clear_days)
        if d.notice_published_on:
            description += "\n" + words["notice_published"].format(
                date=day_date(d.notice_published_on))
        out.append(CalendarEvent(
            uid=f"notice-{key}@{domain}",
            summary=words["notice_summary"].format(number=d.number, title=d.title),
            start=notice_by, end=notice_by + dt.timedelta(1),
            category=words["categories"]["notice"], description=description, busy=False))
    if d.published_on:
        ends = call_in_period_end(d.published_on)
        out.append(CalendarEvent(
            uid=f"call-in-{key}@{domain}",
            summary=words["call_in_summary"].format(number=d.number, title=d.title),
            start=ends, end=ends + dt.timedelta(1), category=words["categories"]["call_in"],
            description=words["call_in_description"].format(
                number=d.number, title=d.title, published=day_date(d.published_on),
                effective=day_date(effective_from(d.published_on))),
            busy=False))
    return out


def calendar_events(meetings: Iterable[MeetingDetails], decisions: Iterable[Decision],
                    style: Mapping[str, Any], council: str, public: bool = False,
                    committee: str | None = None) -> list[CalendarEvent]:
    """Every event of the register's calendar (of ``committee``'s meetings and the
    decisions it considers, if given), in date order. ``public`` leaves out exempt items,
    exempt papers and every event about an exempt decision."""
    domain = f"{slug(council)}.decision-desk"
    events: list[CalendarEvent] = []
    for details in meetings:
        if committee is None or details.meeting.committee == committee:
            events += meeting_events(details, public, style, domain)
    for d in decisions:
        if public and d.exempt_paragraph:
            continue
        if committee is not None and all(c.committee != committee
                                         for c in d.committee_considerations):
            continue
        events += decision_events(d, style, domain)
    return sorted(events, key=CalendarEvent.sort_key)


def calendar_name(style: Mapping[str, Any], council: str, public: bool,
                  committee: str | None) -> str:
    words = style["calendar"]
    name = (words["committee_name"].format(council=council, committee=committee)
            if committee else words["name"].format(council=council))
    return name + (words["public_suffix"] if public else "")


# --- RFC 5545 ----------------------------------------------------------------------------


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """One content line folded (RFC 5545 3.1): no line longer than 75 octets, each
    continuation starting with a space, never breaking a UTF-8 character."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, LINE_OCTETS
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def _date_value(name: str, value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return f"{name};TZID={TZID}:{value:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        _date_value("DTSTART", event.start),
        _date_value("DTEND", event.end),
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    lines += [f"CATEGORIES:{escape_text(event.category)}",
              f"TRANSP:{'OPAQUE' if event.busy else 'TRANSPARENT'}",
              "END:VEVENT"]
    return lines


def ics_bytes(events: Sequence[CalendarEvent], name: str,
              now: dt.datetime | None = None) -> bytes:
    """The events as an iCalendar file (UTF-8, CRLF line ends, folded lines)."""
    now = now or dt.datetime.now(dt.UTC)
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{TZID}"]
    if any(not e.all_day for e in events):
        lines += VTIMEZONE
    for event in events:
        lines += event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
