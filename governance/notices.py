"""The statutory notices of SI 2012/2089 as documents, and their publication:

- ``private``: 28 clear days' notice of the intention to hold part of a meeting in private,
  with the reasons (regulation 5(2));
- ``private-confirmation``: the further notice at least 5 clear days before the meeting,
  with any representations received and the response to them (regulation 5(4));
- ``general-exception``: the notice that a key decision will be taken although 28 clear
  days' notice could not be given, why, and who was informed (regulation 10);
- ``special-urgency``: the record that a key decision is urgent and cannot reasonably be
  deferred, why, and who agreed (regulation 11).

Publishing one records its date on the decision: every publication is kept in the
settings (one JSON list) and audited under the decision's number; a general exception notice
also becomes the decision's notice date (route general exception), a special urgency
record sets the route special urgency. A notice names the decision by number and title
and says why it is private by Schedule 12A paragraph, never the exempt content.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from governance import audit, lifecycle
from governance.calendar import clear_days_between, general_exception_earliest_decision
from governance.checks import URGENCY_AGREED_RE
from governance.decisions import checked_number, decision, snapshot
from governance.desk import Desk, Done, decisions_changed
from governance.errors import StaleEdit, UserError
from governance.files import atomic_write
from governance.model import Decision, holder_of
from governance.notice import (
    CLEAR_DAYS,
    KINDS,
    PRIVATE_KINDS,
    Notice,
    NoticeMeeting,
    NoticePublication,
)
from governance.plan import expected_words
from governance.records import cover_context

#: The settings key holding the published notices.
PUBLISHED_SETTING = "notices.published"
#: The audit trail's entity for a notice's publication, keyed by the decision's number
#: (a decision's own rows carry its whole record).
NOTICE_ENTITY = "notice"
FORMATS = ("pdf", "docx")
_NAMES = {"private": "notice of a private meeting",
          "private-confirmation": "confirmation of a private meeting",
          "general-exception": "general exception notice",
          "special-urgency": "special urgency record"}


class NoticeError(UserError):
    """A notice that cannot be made or published as asked."""


def _publication(raw: dict) -> NoticePublication:
    return NoticePublication(
        raw["kind"], raw["number"], dt.date.fromisoformat(raw["on"]), raw["recorded_by"],
        raw.get("committee"), dt.date.fromisoformat(raw["date"]) if raw.get("date") else None,
        raw.get("paragraph"), raw.get("reason"), raw.get("informed"),
        raw.get("representations"), raw.get("response"))


def publication_record(p: NoticePublication) -> dict:
    """A publication as the settings keep it."""
    return {"kind": p.kind, "number": p.number, "on": p.on.isoformat(),
            "recorded_by": p.recorded_by, "committee": p.committee,
            "date": p.date.isoformat() if p.date else None, "paragraph": p.paragraph,
            "reason": p.reason, "informed": p.informed,
            "representations": p.representations, "response": p.response}


def keep_publications(desk: Desk, records: list[dict]) -> None:
    """Keep ``records`` (:func:`publication_record`) as the notices published."""
    desk.store.set_setting(PUBLISHED_SETTING, json.dumps(records, ensure_ascii=False)
                           if records else None)


def published(desk: Desk, number: str | None = None) -> list[NoticePublication]:
    """The notices published (for decision ``number``), in the order they were recorded."""
    kept = json.loads(desk.store.setting(PUBLISHED_SETTING) or "[]")
    return [_publication(p) for p in kept if number is None or p["number"] == number]


def published_lines(desk: Desk, number: str) -> list[str]:
    """The notices published for decision ``number``, a line each, as ``show`` prints
    them after the record."""
    lines = []
    for p in published(desk, number):
        where = f" for the {p.committee} on {expected_words(p.date.isoformat())}" \
            if p.committee and p.date else ""
        lines.append(f"Notice published: {_NAMES[p.kind]}{where},"
                     f" {expected_words(p.on.isoformat())}")
    return lines


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise NoticeError(f"a notice is {', '.join(KINDS[:-1])} or {KINDS[-1]}, not {kind!r}")
    return kind


def _meetings(desk: Desk, d: Decision) -> list[tuple[str, dt.date]]:
    seen: dict[tuple[str, dt.date], None] = {}
    for c in d.committee_considerations:
        seen[(c.committee, c.date)] = None
    for a in desk.store.agenda_appearances(d.number):
        seen[(a.committee, a.date)] = None
    return sorted(seen, key=lambda k: (k[1], k[0]))


def _meeting(desk: Desk, d: Decision, committee: str | None,
             date: dt.date | None) -> NoticeMeeting:
    """The meeting named, or else the decision's next committee meeting (its last when
    all are past)."""
    known = _meetings(desk, d)
    if committee or date:
        chosen = [m for m in known if (committee is None or m[0] == committee)
                  and (date is None or m[1] == date)]
        if not chosen:
            asked = " ".join(x for x in (committee, date.isoformat() if date else None) if x)
            raise NoticeError(f"{d.number} does not go to a meeting of {asked}; name one"
                              " of its committee meetings or record the consideration first")
    else:
        if not known:
            raise NoticeError(f"{d.number} goes to no committee meeting, so no meeting is to"
                              " be held in private; record its committee consideration first")
        chosen = [m for m in known if m[1] >= desk.today()] or known[-1:]
    name, day = chosen[0]
    record = desk.store.meeting(name, day, content=False)
    m = record.meeting if record else None
    return NoticeMeeting(name, day, m.time if m else None, m.venue if m else None)


def _paragraph(desk: Desk, d: Decision, meeting: NoticeMeeting) -> int | None:
    """The decision's own Schedule 12A paragraph, else its agenda item's or an exempt
    paper's at the meeting."""
    if d.exempt_paragraph is not None:
        return d.exempt_paragraph
    item = cover_context(desk, d.number).items.get((meeting.committee, meeting.date))
    if item is None:
        return None
    return next((p.exempt_paragraph for p in [item, *item.papers]
                 if p.exempt_paragraph is not None), None)


def _proper_officer(desk: Desk, meeting: NoticeMeeting | None) -> str | None:
    record = desk.store.meeting(meeting.committee, meeting.date, content=False) \
        if meeting else None
    post = (record.meeting.proper_officer if record else None) or None
    if post is None:
        return None
    holder = holder_of(desk.store.posts(), post)
    return f"{holder}, {post}" if holder else post


def _last(desk: Desk, kind: str, number: str) -> NoticePublication | None:
    done = [p for p in published(desk, number) if p.kind == kind]
    return done[-1] if done else None


def notice(desk: Desk, kind: str, number: str, *, committee: str | None = None,
           date: dt.date | None = None, informed: str | None = None,
           representations: str | None = None, response: str | None = None,
           dated: dt.date | None = None) -> Notice:
    """The notice of ``kind`` for decision ``number``, refused (one sentence) when the
    decision cannot be noticed so. What is not given comes from the notice's last
    publication, if any."""
    _kind(kind)
    d = decision(desk, checked_number(number))
    if d.status == "withdrawn":
        raise NoticeError(f"{d.number} is withdrawn, so there is nothing to give notice of")
    last = _last(desk, kind, d.number)
    if last is not None:
        committee = committee or (last.committee if date is None else None)
        date = date or (last.date if committee == last.committee else None)
        informed = informed or last.informed
        representations = representations or last.representations
        response = response or last.response
        dated = dated or last.on
    meeting = paragraph = reason = None
    if kind in PRIVATE_KINDS:
        meeting = _meeting(desk, d, committee, date)
        paragraph = _paragraph(desk, d, meeting)
        if paragraph is None:
            raise NoticeError(
                f"{d.number} has no exempt paragraph (and no exempt item or paper at the"
                f" {meeting.committee} on {meeting.date.isoformat()}), so there is no reason"
                " to hold any of the meeting in private")
    else:
        if not d.key_decision:
            raise NoticeError(f"{d.number} is not recorded as a key decision, so it needs no"
                              f" {_NAMES[kind]}")
        reason = (d.urgency_reason or "").strip() or None
        if reason is None:
            why = ("why 28 clear days' notice is impracticable" if kind == "general-exception"
                   else "why the decision is urgent and cannot reasonably be deferred, and"
                        " who agreed")
            raise NoticeError(f"{d.number} has no urgency reason, and the {_NAMES[kind]} must"
                              f" say {why}; record the urgency reason first")
        if kind == "special-urgency" and not URGENCY_AGREED_RE.search(reason):
            raise NoticeError(
                f"{d.number}'s urgency reason does not name who agreed the decision was urgent"
                " and could not reasonably be deferred (regulation 11: the chairman of the"
                " overview and scrutiny committee, or of the council); name them in it first")
        if kind == "general-exception" and d.route == "special_urgency":
            raise NoticeError(f"{d.number} is on the special urgency route, so its notice is"
                              " the special urgency record (--kind special-urgency)")
        if d.exempt_paragraph is not None:
            paragraph = d.exempt_paragraph
    dated = dated or desk.today()
    earliest = general_exception_earliest_decision(dated) \
        if kind == "general-exception" else None
    holder = holder_of(desk.store.posts(), d.decision_maker)
    return Notice(kind, d.number, d.title, (d.decision_maker or "").strip(), holder,
                  expected_words(d.expected_on), paragraph, meeting, reason,
                  (informed or "").strip() or None, (representations or "").strip() or None,
                  (response or "").strip() or None, dated, _proper_officer(desk, meeting),
                  earliest)


def render(desk: Desk, kind: str, number: str, fmt: str, **details: object) -> bytes:
    """The notice as ``pdf`` (tagged) or ``docx`` bytes (``details``: as :func:`notice`)."""
    if fmt not in FORMATS:
        raise NoticeError(f"a notice is written as {' or '.join(FORMATS)}, not {fmt!r}")
    made = notice(desk, kind, number, **details)  # type: ignore[arg-type]
    return desk.documents.notice(made, desk.store.council(), fmt)


def write(desk: Desk, kind: str, number: str, fmt: str, output: Path,
          **details: object) -> Done[Path]:
    """``render notice``: the notice written atomically to ``output``."""
    return write_built(desk, kind, number, fmt, output,
                       render(desk, kind, number, fmt, **details))


def write_built(desk: Desk, kind: str, number: str, fmt: str, output: Path,
                data: bytes) -> Done[Path]:
    """A notice already rendered (the Documents screen's) written as ``render notice``
    writes it, with the same sentence."""
    atomic_write(Path(output), data)
    return Done(f"Wrote the {_NAMES[kind]} for {number} ({fmt.upper()}) to {output}.",
                value=Path(output))


def publish(desk: Desk, kind: str, number: str, on: dt.date, *, committee: str | None = None,
            date: dt.date | None = None, informed: str | None = None,
            representations: str | None = None,
            response: str | None = None) -> Done[NoticePublication]:
    """``notice publish``: record that the notice of ``kind`` for decision ``number`` was
    published on ``on``, audited against the decision. A general exception notice needs
    who was informed in writing (regulation 10(1)(a)) and becomes the decision's notice
    date; a special urgency record sets the route to special urgency."""
    _kind(kind)
    if on > desk.today():
        raise NoticeError(f"{expected_words(on.isoformat())} is in the future; record the"
                          " notice's publication on or after the day it is published")
    if kind == "general-exception" and not (informed or "").strip():
        raise NoticeError("a general exception notice is given only once the chairman of the"
                          " overview and scrutiny committee has been informed in writing;"
                          " name who was informed (--informed)")
    notes: list[str] = []
    with desk.store.transaction():
        made = notice(desk, kind, number, committee=committee, date=date, informed=informed,
                      representations=representations, response=response, dated=on)
        if made.meeting is not None:
            notes += _meeting_checks(desk, made, on)
        already = [p for p in published(desk, made.number) if p.kind == kind
                   and (made.meeting is None or (p.committee, p.date)
                        == (made.meeting.committee, made.meeting.date))]
        if already:
            raise NoticeError(f"the {_NAMES[kind]} for {made.number} is already recorded as"
                              f" published on {expected_words(already[0].on.isoformat())}")
        before = decision(desk, made.number)
        after = copy.deepcopy(before)
        if kind == "general-exception":
            after.route = "general_exception"
            if after.notice_published_on is None or after.notice_published_on > on:
                after.notice_published_on = on
            if after.status == "draft":
                after.status = "notice_published"
        elif kind == "special-urgency":
            after.route = "special_urgency"
        if after != before:
            lifecycle.ensure_editable(before)
            if not desk.store.update_decision(before, after, desk.user):
                raise StaleEdit(f"{made.number} was changed by someone else; try again")
            audit.record(desk.store, "decision", made.number, "route", snapshot(before),
                         snapshot(after), desk.user)
        record = publication_record(NoticePublication(
            kind, made.number, on, desk.user,
            made.meeting.committee if made.meeting else None,
            made.meeting.date if made.meeting else None, made.paragraph, made.reason,
            made.informed, made.representations, made.response))
        kept = json.loads(desk.store.setting(PUBLISHED_SETTING) or "[]")
        keep_publications(desk, kept + [record])
        audit.record(desk.store, NOTICE_ENTITY, made.number, f"publish {kind}", None, record,
                     desk.user)
    where = (f" for the {made.meeting.committee} on {expected_words(made.meeting.date.isoformat())}"
             if made.meeting else "")
    return Done(f"Recorded the {_NAMES[kind]} for {made.number}{where} as published on"
                f" {expected_words(on.isoformat())}.", decisions_changed(made.number),
                _publication(record), tuple(notes))


def _meeting_checks(desk: Desk, made: Notice, on: dt.date) -> list[str]:
    """Refuse a notice of a private meeting published on or after the meeting, or a
    confirmation with no 28-day notice before it; note one that gives too few clear days."""
    assert made.meeting is not None
    day = made.meeting.date
    if on >= day:
        raise NoticeError(f"the meeting is on {expected_words(day.isoformat())}, so a notice"
                          f" published on {expected_words(on.isoformat())} gives no notice")
    if made.kind == "private-confirmation" and not any(
            p.kind == "private" and (p.committee, p.date) == (made.meeting.committee, day)
            for p in published(desk, made.number)):
        raise NoticeError(f"no 28-day notice of the private meeting is recorded for"
                          f" {made.number}; publish that first (--kind private)")
    clear, needed = clear_days_between(on, day), CLEAR_DAYS[made.kind]
    if clear >= needed:
        return []
    return [f"it gives {clear} clear day{'s' if clear != 1 else ''} before the meeting,"
            f" {needed} needed" + (" (regulation 5(6): record why the meeting is urgent and"
                                   " who agreed)" if made.kind == "private" else "")]


__all__ = ["FORMATS", "KINDS", "NoticeError", "NoticePublication", "notice", "publish",
           "published", "published_lines", "render", "write", "write_built"]
