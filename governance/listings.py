"""What the register says about itself: the listing (``list``, the Register screen's
Export CSV…), the calendar, ``check``, and the Today screen's work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from governance import meetings, today
from governance.checks import Problem, check_decision, check_register
from governance.decisions import decision
from governance.desk import Desk, Done
from governance.exchange import document
from governance.files import atomic_write
from governance.model import Meeting, RegisterDocument
from governance.ports import DecisionFilter, ListingRow

CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb", ".icalendar")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def listing(desk: Desk, where: DecisionFilter | None = None, sort: str = "number",
            descending: bool = False) -> list[ListingRow]:
    """Every decision matching ``where`` (all if None), in the order given, with where it
    was considered: what the Register screen shows, whole rather than a page at a time."""
    summaries = desk.store.summaries(where or DecisionFilter(), sort, descending)
    considered = desk.store.considerations()
    return [ListingRow(s, tuple(considered.get(s.number, ()))) for s in summaries]


def register_csv(desk: Desk, where: DecisionFilter | None = None, sort: str = "number",
                 descending: bool = False) -> tuple[bytes, int]:
    """The decisions matching ``where`` as CSV for Excel, and how many there are."""
    rows = listing(desk, where, sort, descending)
    return desk.documents.register_csv(rows), len(rows)


def save_register_csv(desk: Desk, path: Path, where: DecisionFilter | None = None,
                      sort: str = "number", descending: bool = False) -> Done[int]:
    """Write the decisions matching ``where`` to ``path`` as CSV (atomically)."""
    data, count = register_csv(desk, where, sort, descending)
    atomic_write(Path(path), data)
    return Done(f"Wrote {_plural(count, 'decision')} to {path} (CSV).", value=count)


def calendar(desk: Desk, public: bool = False, committee: str | None = None,
             now: dt.datetime | None = None) -> tuple[bytes, int]:
    """The register's meetings and deadlines as iCalendar bytes, and how many events."""
    return desk.documents.calendar(meetings.agendas(desk, committee), desk.store.decisions(),
                                   desk.store.council(), public=public, committee=committee,
                                   now=now)


def write_calendar(desk: Desk, path: Path, public: bool = False,
                   committee: str | None = None) -> Done[int]:
    data, count = calendar(desk, public, committee)
    notes = ()
    if Path(path).suffix.lower() not in CALENDAR_SUFFIXES:
        notes = (f"{path} does not end in .ics; calendars open files ending in .ics",)
    atomic_write(Path(path), data)
    what = "public calendar" if public else "calendar"
    return Done(f"Wrote the {what} ({_plural(count, 'event')}) to {path}.", value=count,
                notes=notes)


def check(desk: Desk) -> list[Problem]:
    """Every inconsistency in the register (``check``)."""
    return check_register(document(desk, content=False), today=desk.today())


def decision_problems(desk: Desk, number: str) -> list[Problem]:
    """One decision's problems (the Decision screen's warnings beside its fields)."""
    d = decision(desk, number)
    return check_decision(d, RegisterDocument(posts=desk.store.posts()), today=desk.today())


def open_work(desk: Desk) -> RegisterDocument:
    """What the Today screen's work is worked out from: the meetings still to come with
    their agendas unpublished, the decisions still open and those published lately; the
    store is asked for nothing else."""
    day = desk.today()
    store = desk.store
    upcoming = [Meeting(m.committee, m.date, published_on=m.published_on)
                for m in store.meeting_list() if m.date >= day and m.published_on is None]
    decisions = store.decisions(
        statuses=today.OPEN_STATUSES,
        published_since=day - dt.timedelta(days=today.CALL_IN_LOOKBACK_DAYS))
    return RegisterDocument(meetings=upcoming, decisions=decisions)


def today_work(desk: Desk) -> list[today.TodayEntry]:
    """The Today screen's work: agendas due, notices, signatures, gaps, call-in periods."""
    return today.work_entries(open_work(desk), desk.today())


def today_problems(desk: Desk) -> list[today.TodayEntry]:
    """The Today screen's consistency errors, from ``check`` over the whole register."""
    return today.problem_entries(document(desk, content=False), desk.today())
