"""What the register says about itself: the listing (``list``, the Register screen's
Export CSV…), the calendar, ``check``, and the Today screen's work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from governance import checks, meetings, notices, today
from governance.checks import Problem
from governance.decisions import decision
from governance.desk import Desk, Done
from governance.errors import Cancelled
from governance.exchange import document
from governance.files import atomic_write
from governance.model import Decision, Meeting, RegisterDocument
from governance.ports import DecisionFilter, ListingRow, MeetingSummary, OpenDecision

CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb", ".icalendar")
#: How many decisions' whole records are read at a time to complete Today's entries.
COMPLETE_BATCH = 500
#: How often the checks over many decisions report their progress.
CHECK_BATCH = 500


class Progress(Protocol):
    """What long work reports to (``ui.operations.Progress`` is one)."""

    def __call__(self, percent: int, text: str = "") -> None: ...

    @property
    def cancelled(self) -> bool: ...


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
    return checks.check_register(document(desk, content=False), today=desk.today())


def decision_problems(desk: Desk, number: str) -> list[Problem]:
    """One decision's problems (the Decision screen's warnings beside its fields)."""
    d = decision(desk, number)
    return checks.check_decision(d, RegisterDocument(posts=desk.store.posts()), today=desk.today())


def open_work(desk: Desk) -> tuple[list[MeetingSummary], Iterator[OpenDecision]]:
    """What the Today screen's work is worked out from: the meetings still to come with
    their agendas unpublished, and the decisions still open and those published lately,
    lean (one query, no parts or text, read through once); the store is asked for
    nothing else."""
    day = desk.today()
    return upcoming_meetings(desk), desk.store.open_decisions(
        today.OPEN_STATUSES, today.published_since(day), day)


def _recent(rows: Iterable[OpenDecision], history: bool, day: dt.date,
            left_out: list[int] | None = None) -> Iterable[OpenDecision]:
    """The rows, without those of decisions registered before last year unless
    ``history`` (work gone cold: years-old items do not crowd Today); ``left_out[0]``
    counts those left out."""
    if history:
        yield from rows
        return
    since = today.history_before(day)
    for r in rows:
        if today.decision_year(r[0]) >= since:
            yield r
        elif left_out is not None:
            left_out[0] += 1


def today_sections(desk: Desk, first: int | None = today.FIRST_SHOWN,
                   history: bool = True) -> today.TodayWork:
    """The Today screen's work by section (agendas due, notices, signatures, gaps,
    call-in periods; the problems' section empty), each section's first ``first``
    entries complete (all if None): the rest of those waiting for signature say whether
    they are ready to sign when :func:`complete_entries` is asked."""
    day = desk.today()
    upcoming, open_decisions = open_work(desk)
    left_out = [0]
    work = today.TodayWork([*today.agenda_entries(upcoming, day),
                            *today.decision_rows(_recent(open_decisions, history, day,
                                                         left_out), day),
                            *today_private_notices(desk)])
    work.history_left_out = left_out[0]
    work.update(complete_entries(desk, [e for s in today.WORK_SECTIONS
                                        for e in work.incomplete(s, first)]))
    return work


def complete_entries(desk: Desk, entries: Sequence[today.TodayEntry],
                     progress: Progress | None = None) -> list[today.TodayEntry]:
    """``entries`` with every detail worked out (those waiting for signature read their
    decisions' whole records, a few hundred at a time)."""
    day = desk.today()
    out = list(entries)
    wanting = [i for i, e in enumerate(out) if not e.complete]
    for start in range(0, len(wanting), COMPLETE_BATCH):
        if progress is not None:
            if progress.cancelled:
                raise Cancelled("cancelled: the rest of the section is not shown")
            progress(100 * start // len(wanting),
                     f"Working out {start:,} of {len(wanting):,}…")
        batch = wanting[start:start + COMPLETE_BATCH]
        full = {d.number: d for d in desk.store.decisions([out[i].subject for i in batch])}
        for i in batch:
            decision = full.get(out[i].subject)
            if decision is not None:
                out[i] = today.completed(out[i], decision, day)
    return out


def today_work(desk: Desk) -> list[today.TodayEntry]:
    """The Today screen's work, every entry complete: agendas due, notices, signatures,
    gaps, call-in periods."""
    work = today_sections(desk, first=None)
    return work.entries()


def today_work_of(desk: Desk, numbers: Collection[str],
                  history: bool = True) -> list[today.TodayEntry]:
    """The work of the decisions ``numbers`` (after a change to them), complete: one query
    for their lean rows, their whole records only for those waiting for signature."""
    day = desk.today()
    rows = desk.store.open_decisions(today.OPEN_STATUSES, today.published_since(day), day,
                                     numbers=numbers)
    return complete_entries(desk, today.decision_entries(_recent(rows, history, day), day))



def today_agendas(desk: Desk) -> list[today.TodayEntry]:
    """The agendas due for publication (after a change to meetings)."""
    return today.agenda_entries(upcoming_meetings(desk), desk.today())


def upcoming_meetings(desk: Desk) -> list[MeetingSummary]:
    """The meetings whose agendas are not yet published: those still to come, and those
    held without a publication recorded (they stay on Today until it is)."""
    return [m for m in desk.store.meeting_list() if m.published_on is None]


# --- the consistency problems on Today --------------------------------------------------


def today_open_problems(desk: Desk, progress: Progress | None = None
                        ) -> list[today.TodayEntry]:
    """The Today screen's consistency errors at start-up and after a change: ``check``'s
    checks over what is still open (the decisions in progress, every committee's
    membership, the meetings still to come); never over a decision already taken."""
    store = desk.store
    day = desk.today()
    doc = RegisterDocument(posts=store.posts(), members=store.members(),
                           committees=store.committees(),
                           decisions=store.decisions(statuses=today.OPEN_STATUSES))
    upcoming = [found.meeting for m in store.meeting_list() if m.date >= day
                if (found := store.meeting(m.committee, m.date, content=False)) is not None]
    problems = _problems(doc, day, upcoming, store.exempt_paragraphs(), progress,
                         notices.published(desk))
    return today.entries_for_problems(problems, {d.number: d.title for d in doc.decisions})


def today_problems(desk: Desk, progress: Progress | None = None) -> list[today.TodayEntry]:
    """The Today screen's consistency errors over the whole register, closed decisions
    included: what ``check`` reports (the clerk asks for it: slow on a large register)."""
    if progress is not None:
        progress(0, "Reading the register…")
    doc = document(desk, content=False)
    exempt = {d.number: d.exempt_paragraph for d in doc.decisions if d.exempt_paragraph}
    problems = _problems(doc, desk.today(), doc.meetings, exempt, progress, doc.notices)
    return today.entries_for_problems(problems, {d.number: d.title for d in doc.decisions})


def today_problems_of(desk: Desk, numbers: Collection[str], whole: bool = False
                      ) -> list[today.TodayEntry]:
    """The errors of the decisions ``numbers`` (after a change to them): only those still
    open unless ``whole`` (the section covers the whole register)."""
    found = [d for d in desk.store.decisions(numbers)
             if whole or d.status in today.OPEN_STATUSES]
    if not found:
        return []
    doc = RegisterDocument(posts=desk.store.posts(), decisions=found)
    problems = [p for d in found for p in checks.check_decision(d, doc, today=desk.today())]
    problems += _private_problems_of(desk, found, whole)
    return today.entries_for_problems(problems, {d.number: d.title for d in found})


def today_committee_problems(desk: Desk) -> list[today.TodayEntry]:
    """The errors in the committees' membership (after a change to a committee)."""
    store = desk.store
    doc = RegisterDocument(members=store.members(), committees=store.committees())
    return today.entries_for_problems(
        [p for c in doc.committees for p in checks.check_membership(c, doc)], {})


def _problems(doc: RegisterDocument, day: dt.date, meetings_: Sequence[Meeting],
              exempt: dict[str, int], progress: Progress | None,
              published: Sequence[notices.NoticePublication] = ()) -> list[Problem]:
    """What ``checks.check_register`` finds in ``doc`` with ``meetings_``, reporting as it
    goes and stopping when cancelled."""
    problems: list[Problem] = []
    for committee in doc.committees:
        problems += checks.check_membership(committee, doc)
    total = len(doc.decisions)
    for i, d in enumerate(doc.decisions):
        if progress is not None and i % CHECK_BATCH == 0:
            if progress.cancelled:
                raise Cancelled("the check was cancelled")
            progress(5 + 90 * i // max(total, 1), f"Checking decision {i + 1:,} of {total:,}…")
        problems += checks.check_decision(d, doc, today=day)
    by_number = {d.number: d for d in doc.decisions}
    for meeting in meetings_:
        problems += checks.check_meeting(meeting, exempt, today=day)
        problems += checks.check_private_notices(meeting, exempt, by_number, published, day)
    return problems


def _private_problems_of(desk: Desk, found: Sequence[Decision], whole: bool
                         ) -> list[Problem]:
    """The notices of regulation 5 the decisions ``found`` lack at the meetings whose
    agendas have them (those to come unless ``whole``)."""
    store, day = desk.store, desk.today()
    by_number = {d.number: d for d in found}
    places = sorted({(a.committee, a.date) for d in found
                     for a in store.agenda_appearances(d.number) if whole or a.date >= day})
    if not places:
        return []
    exempt, published = store.exempt_paragraphs(), notices.published(desk)
    problems = []
    for committee, date in places:
        record = store.meeting(committee, date, content=False)
        if record is not None:
            problems += [p for p in checks.check_private_notices(
                record.meeting, exempt, by_number, published, day) if p.subject in by_number]
    return problems


def today_private_notices(desk: Desk) -> list[today.TodayEntry]:
    """The notices of meetings in private still to publish (Today's section): from the
    meetings of the next weeks whose agendas have an exempt item."""
    store, day = desk.store, desk.today()
    last = day + dt.timedelta(days=today.NOTICE_HORIZON_DAYS + checks.CLEAR_DAYS["private"]
                              + 1)
    found = [record.meeting for m in store.meeting_list() if day <= m.date <= last
             if (record := store.meeting(m.committee, m.date, content=False)) is not None]
    exempt = store.exempt_paragraphs()
    numbers = sorted({i.number for m in found for i in checks.private_items(m, exempt)})
    if not numbers:
        return []
    decisions_ = {d.number: d for d in store.decisions(numbers)}
    return today.private_notice_entries(found, exempt, decisions_, notices.published(desk),
                                        day)
