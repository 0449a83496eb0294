"""What needs the clerk now: the Today screen's entries, worked out from the register.

Pure Python: the window shows these; a script could print them.

The work is worked out from lean rows (:class:`~governance.ports.OpenDecision`: the
decisions still open and those published lately, without their parts or text) and the
meetings still to come, so it costs what the open work costs, not the register. One
detail needs a decision's whole record: whether a decision waiting for signature is
ready to sign (``lifecycle.take_breaches``). Its entry starts without it
(``complete`` False) and :func:`completed` adds it: for the entries shown, and for the
rest when the clerk asks for them.

:class:`TodayWork` keeps the entries by section, each section sorted by due date then
subject, and takes a change to a few decisions or meetings in place.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol

from governance.calendar import (
    DEFAULT_CONFIG,
    CalendarConfig,
    agenda_publication_deadline,
    call_in_period_end,
    earliest_decision_after_notice,
    key_decision_notice_deadline,
)
from governance.checks import (
    ERROR,
    Problem,
    check_register,
    notice_deadlines,
    private_items,
    private_notices_of,
    urgency_excuses,
)
from governance.lifecycle import take_breaches
from governance.model import Decision, Meeting, RegisterDocument
from governance.notice import NoticePublication
from governance.ports import OpenDecision
from governance.vocab import ASSESSMENT_DONE, TAKEN_STATUSES

#: Sections of the Today screen, in the order shown.
SECTIONS = {
    "agenda_due": "Agendas due for publication",
    "notice_window": "Key decisions: Forward Plan notice window closing",
    "private_notice": "Meetings in private: notices to publish (28 and 5 clear days)",
    "awaiting_signature": "Decisions waiting for signature",
    "assessment_gap": "EqIA or DPIA gaps that block a signature",
    "call_in_ending": "Call-in periods ending",
    "problem": "Consistency problems",
}
#: The sections of the work (the last, the problems, comes from the checks).
WORK_SECTIONS = tuple(s for s in SECTIONS if s != "problem")

AGENDA_HORIZON_DAYS = 28
NOTICE_HORIZON_DAYS = 28
#: How many entries of a section the Today screen shows before "and N more: show all".
FIRST_SHOWN = 50


class TodayEntry(NamedTuple):
    """One line of the Today screen (a tuple: a large register's open work makes tens
    of thousands of them at start-up)."""

    section: str
    subject: str
    title: str
    detail: str
    due: dt.date | None
    #: What the entry opens: ("decision", number) or ("meeting", "Committee|YYYY-MM-DD").
    target: tuple[str, str]
    #: False while the detail still needs the decision's whole record (a decision
    #: waiting for signature: :func:`completed` adds it).
    complete: bool = True

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < dt.date.today()


class Upcoming(Protocol):
    """A meeting as the agendas due need it (a MeetingSummary or a Meeting)."""

    committee: str
    date: dt.date
    published_on: dt.date | None


def _fmt(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _when(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days < 0:
        return f"overdue since {_fmt(due)}"
    if days == 0:
        return "due today"
    return f"by {_fmt(due)} ({days} day{'s' if days != 1 else ''})"


#: The statuses of decisions still in progress: what the Today screen asks the store for.
OPEN_STATUSES = ("draft", "notice_published", "for_committee", "considered", "proposed")
#: How far back a published decision's call-in period can still be running.
CALL_IN_LOOKBACK_DAYS = 31
#: The statuses in which a decision waits for signature.
AWAITING_SIGNATURE = ("considered", "proposed")
#: The statuses in which a missing EqIA or DPIA blocks the signature to come.
GAP_STATUSES = ("for_committee", "considered", "proposed")


def history_before(today: dt.date) -> int:
    """The year before which a decision still open is history on Today (registered before
    last year: work gone cold), left out unless the clerk asks for it."""
    return today.year - 1


def decision_year(number: str) -> int:
    """The year a decision was registered, from its number (YY/NNNNN)."""
    return 2000 + int(number[:2]) if number[:2].isdigit() else 0


def published_since(today: dt.date) -> dt.date:
    """The earliest publication whose call-in period may still be running."""
    return today - dt.timedelta(days=CALL_IN_LOOKBACK_DAYS)


def order_key(entry: tuple) -> tuple[dt.date, str]:
    """How a section is sorted: due date (none last), then subject (of a TodayEntry, or
    of a plain tuple in its fields' order)."""
    return (entry[4] or dt.date.max, entry[1])


def _sort(entries: Iterable[TodayEntry]) -> list[TodayEntry]:
    order = {s: i for i, s in enumerate(SECTIONS)}
    return sorted(entries, key=lambda e: (order[e.section], e.due or dt.date.max, e.subject))


def today_entries(
    doc: RegisterDocument, today: dt.date, config: CalendarConfig = DEFAULT_CONFIG,
) -> list[TodayEntry]:
    """Everything the Today screen shows: the work (:func:`work_entries`) and the
    register's consistency errors (:func:`problem_entries`)."""
    return _sort(work_entries(doc, today, config) + problem_entries(doc, today, config))


def work_entries(
    doc: RegisterDocument, today: dt.date, config: CalendarConfig = DEFAULT_CONFIG,
) -> list[TodayEntry]:
    """Agendas due, notices, signatures, assessment gaps and call-in periods: what needs
    doing, from the meetings still to come and the decisions still open (and those
    published lately), every entry complete; ``doc`` need hold no more than those."""
    full = {d.number: d for d in doc.decisions}
    entries = agenda_entries(doc.meetings, today, config) + decision_entries(
        (open_decision(d, today) for d in doc.decisions), today, config)
    exempt = {d.number: d.exempt_paragraph for d in doc.decisions if d.exempt_paragraph}
    entries += private_notice_entries(doc.meetings, exempt, full, doc.notices, today)
    return _sort(e if e.complete else completed(e, full[e.subject], today, config)
                 for e in entries)


def open_decision(d: Decision, considered_from: dt.date) -> OpenDecision:
    """A whole decision as the lean row the store answers for it."""
    upcoming = [c.date for c in d.committee_considerations if c.date >= considered_from]
    return OpenDecision(d.number, d.title, d.status, d.key_decision, d.route,
                        d.notice_published_on, d.published_on,
                        d.eqia.status if d.eqia else None, d.dpia.status if d.dpia else None,
                        min(upcoming) if upcoming else None)


def agenda_entries(
    meetings: Iterable[Upcoming], today: dt.date, config: CalendarConfig = DEFAULT_CONFIG,
) -> list[TodayEntry]:
    """The agendas due for publication within the horizon, of the meetings still to
    come, sorted."""
    out: list[TodayEntry] = []
    for m in meetings:
        if m.published_on is not None:
            continue
        deadline = agenda_publication_deadline(m.date, config)
        if m.date < today:  # held, and no publication recorded: it stays until there is
            out.append(TodayEntry(
                "agenda_due", f"{m.committee}", f"Agenda for {_fmt(m.date)}",
                f"The meeting was on {_fmt(m.date)} and its agenda is not recorded as"
                f" published (due by {_fmt(deadline)}): record the day it was",
                deadline, ("meeting", f"{m.committee}|{m.date.isoformat()}")))
            continue
        if (deadline - today).days <= AGENDA_HORIZON_DAYS:
            out.append(TodayEntry(
                "agenda_due", f"{m.committee}", f"Agenda for {_fmt(m.date)}",
                f"Publish {_when(deadline, today)}", deadline,
                ("meeting", f"{m.committee}|{m.date.isoformat()}")))
    return sorted(out, key=order_key)


def decision_entries(
    decisions: Iterable[OpenDecision], today: dt.date, config: CalendarConfig = DEFAULT_CONFIG,
) -> list[TodayEntry]:
    """The work of the decisions given (their next consideration the earliest from
    ``today``), in their order: notices, assessment gaps, signatures (not yet complete:
    see :func:`completed`) and call-in periods ending."""
    return [TodayEntry._make(row) for row in decision_rows(decisions, today, config)]


def decision_rows(
    decisions: Iterable[OpenDecision], today: dt.date, config: CalendarConfig = DEFAULT_CONFIG,
) -> list[tuple]:
    """:func:`decision_entries` as plain tuples in :class:`TodayEntry`'s field order: what
    :class:`TodayWork` keeps. A large register's open work makes tens of thousands, and
    a plain tuple of plain values costs the garbage collector nothing once it has seen
    it (a named tuple it follows for good, and a full collection of it stalls the
    window)."""
    out: list[tuple] = []
    add = out.append
    # The same for every decision with no notice whose committee has met: said once.
    earliest = earliest_decision_after_notice(today, config)
    no_notice = (
        "No notice on the Forward Plan: it cannot be taken until 28 clear days after"
        f" the notice (published today: from {_fmt(earliest)}), or under the general"
        " exception or special urgency")
    deadlines: dict[dt.date, dt.date] = {}
    closed = frozenset((*TAKEN_STATUSES, "withdrawn"))
    done = frozenset(ASSESSMENT_DONE)
    # Unpacked rather than read by name: a large register has tens of thousands.
    for (number, title, status, key, route, notice, published, eqia, dpia,
         upcoming) in decisions:
        target = ("decision", number)
        if status in closed:
            if status == "published" and published:
                ends = call_in_period_end(published, config)
                if ends >= today:
                    add((
                        "call_in_ending", number, title,
                        f"Call-in period ends {_fmt(ends)}; effective the day after unless"
                        " called in", ends, target, True))
            continue
        first = upcoming if upcoming and upcoming >= today else None
        needs_notice = key and notice is None and route not in (
            "special_urgency", "general_exception")
        if needs_notice and first:
            deadline = deadlines.get(first)
            if deadline is None:
                deadline = deadlines[first] = key_decision_notice_deadline(first, config)
            if (deadline - today).days <= NOTICE_HORIZON_DAYS:
                add((
                    "notice_window", number, title,
                    f"Put on the Forward Plan: {_when(deadline, today)} (28 clear days before"
                    f" the committee on {_fmt(first)})", deadline, target, True))
        elif needs_notice:  # its committee has met (or it has none): the notice still lacks
            add(("notice_window", number, title, no_notice, today, target, True))
        if status in GAP_STATUSES and (eqia not in done or dpia not in done):
            states = "; ".join(
                f"{label} {state.replace('_', ' ') if state else 'not recorded'}"
                for label, state in (("EqIA", eqia), ("DPIA", dpia)) if state not in done)
            add((
                "assessment_gap", number, title,
                f"{states}: each must be completed, signed off or not required before"
                " signature", first, target, True))
        if status in AWAITING_SIGNATURE:
            add(("awaiting_signature", number, title, "", None, target, False))
    return out


def signature_detail(decision: Decision, today: dt.date,
                     config: CalendarConfig = DEFAULT_CONFIG) -> str:
    """Whether a decision waiting for signature could be signed today, and if not the
    first three reasons why."""
    breaches = take_breaches(decision, today, config)
    return ("Ready to sign" if not breaches else
            "Cannot be signed yet: " + "; ".join(b.message for b in breaches[:3]))


def completed(entry: TodayEntry, decision: Decision, today: dt.date,
              config: CalendarConfig = DEFAULT_CONFIG) -> TodayEntry:
    """``entry`` with its detail worked out from the decision's whole record."""
    if entry.complete:
        return entry
    return entry._replace(detail=signature_detail(decision, today, config), complete=True)


def problem_entries(
    doc: RegisterDocument, today: dt.date, config: CalendarConfig = DEFAULT_CONFIG,
) -> list[TodayEntry]:
    """The consistency errors ``check`` finds in the whole register (slow on a large
    one: the window works them out in the background, when the clerk asks)."""
    titles = {d.number: d.title for d in doc.decisions}
    return entries_for_problems(check_register(doc, today=today, config=config), titles)


def entries_for_problems(problems: Iterable[Problem], titles: dict[str, str]
                         ) -> list[TodayEntry]:
    """The errors among ``problems`` as the Today screen lists them, sorted; ``titles``
    names the decisions they are about (decision number -> title)."""
    out: list[TodayEntry] = []
    ordered = sorted(problems, key=lambda p: (p.subject, p.code, p.message))
    by_subject: dict[str, list[Problem]] = {}
    for p in ordered:
        if p.severity == ERROR:
            by_subject.setdefault(p.subject, []).append(p)
    for subject, found in by_subject.items():  # each decision (committee) once
        is_decision = subject[:2].isdigit() and "/" in subject
        title = titles.get(subject) or found[0].code.replace("_", " ").capitalize()
        out.append(TodayEntry("problem", subject, title, " ".join(p.message for p in found),
                              None, ("decision", subject) if is_decision else ("committee",
                                                                               subject)))
    return out


class TodayWork:
    """The Today screen's entries by section, each sorted by due date (none last) then
    subject. It keeps them as given (plain tuples from :func:`decision_rows`, or
    :class:`TodayEntry`) and hands out :class:`TodayEntry`. A change to a few
    decisions, meetings or committees replaces their entries in place
    (:meth:`replace`): nothing is worked out again for the rest, and finding their
    places costs the logarithm of the section's length."""

    def __init__(self, entries: Iterable[tuple] = ()) -> None:
        self._sections: dict[str, list[tuple]] = {s: [] for s in SECTIONS}
        for e in entries:
            self._sections[e[0]].append(e)
        for kept in self._sections.values():
            kept.sort(key=order_key)
        #: Per section, target -> its entries: made when a change first needs it.
        self._targets: dict[str, dict[tuple[str, str], list[tuple]]] = {}
        #: Per section, how many times it changed (a screen showing it knows when to look).
        self.versions: dict[str, int] = dict.fromkeys(SECTIONS, 0)
        #: How many open decisions' work was left out as history (registered before last
        #: year), when it was.
        self.history_left_out = 0

    def count(self, section: str) -> int:
        return len(self._sections[section])

    def first(self, section: str, n: int | None = None) -> list[TodayEntry]:
        """The section's first ``n`` entries (all if None)."""
        kept = self._sections[section]
        return [TodayEntry._make(e) for e in (kept if n is None else kept[:n])]

    def entries(self) -> list[TodayEntry]:
        """Every entry, section by section."""
        return [e for s in SECTIONS for e in self.first(s)]

    def incomplete(self, section: str, n: int | None = None) -> list[TodayEntry]:
        """The entries among the section's first ``n`` whose detail is still to be
        worked out."""
        kept = self._sections[section]
        return [TodayEntry._make(e) for e in (kept if n is None else kept[:n]) if not e[6]]

    def set_section(self, section: str, entries: Iterable[tuple]) -> None:
        """The whole section anew."""
        self._sections[section] = sorted(entries, key=order_key)
        self._targets.pop(section, None)
        self.versions[section] += 1

    def targets(self, section: str) -> set[tuple[str, str]]:
        """What the section's entries open."""
        return set(self._index(section))

    def replace(self, targets: Collection[tuple[str, str]], entries: Iterable[tuple],
                sections: Collection[str]) -> None:
        """The entries of ``sections`` that open one of ``targets`` out; ``entries`` (of
        those sections) in, each in its sorted place (entries of one place keep the order
        given)."""
        for section in sections:
            kept = self._sections[section]
            index = self._index(section)
            for target in targets:
                for old in index.pop(target, ()):
                    del kept[self._position(kept, old)]
                    self.versions[section] += 1
        for e in entries:
            assert e[0] in sections, f"{e[0]} is not among those replaced"
            kept = self._sections[e[0]]
            kept.insert(bisect_right(kept, order_key(e), key=order_key), e)
            self._index(e[0]).setdefault(e[5], []).append(e)
            self.versions[e[0]] += 1

    def update(self, entries: Iterable[TodayEntry]) -> None:
        """Entries completed (:func:`completed`) in place of the incomplete ones they
        were made from (the same section, target and place)."""
        for e in entries:
            kept = self._sections[e.section]
            i = bisect_left(kept, order_key(e), key=order_key)
            while i < len(kept) and order_key(kept[i]) == order_key(e):
                old = kept[i]
                if old[5] == e.target and not old[6]:
                    kept[i] = e
                    index = self._targets.get(e.section)
                    if index is not None:
                        index[e.target] = [e if x is old else x for x in index[e.target]]
                    self.versions[e.section] += 1
                    break
                i += 1

    def _index(self, section: str) -> dict[tuple[str, str], list[tuple]]:
        index = self._targets.get(section)
        if index is None:
            index = self._targets[section] = {}
            for e in self._sections[section]:
                index.setdefault(e[5], []).append(e)
        return index

    @staticmethod
    def _position(kept: Sequence[tuple], entry: tuple) -> int:
        i = bisect_left(kept, order_key(entry), key=order_key)
        while kept[i] is not entry:
            i += 1
        return i


def private_notice_entries(
    meetings: Iterable[Meeting], exempt_decisions: dict[str, int],
    decisions: Mapping[str, Decision], published: Iterable[NoticePublication],
    today: dt.date,
) -> list[TodayEntry]:
    """The notices of regulation 5 of SI 2012/2089 still to publish for the meetings to
    come: for each exempt item about a decision (``checks.private_items``), the 28 clear
    days' notice of the intention to hold it in private, then the confirmation 5 clear
    days before, each from 28 days before it is due (at once when overdue). A decision
    whose urgency is recorded needs neither (regulation 5(6)); ``decisions`` need hold
    only those of the items."""
    published = list(published)
    out: list[TodayEntry] = []
    for m in meetings:
        if m.date < today:
            continue
        private_by, confirm_by = notice_deadlines(m.date)
        target = ("meeting", f"{m.committee}|{m.date.isoformat()}")
        for item in private_items(m, exempt_decisions):
            d = decisions.get(item.number)
            if (d is not None and d.status == "withdrawn") or urgency_excuses(d):
                continue
            notice, confirmation = private_notices_of(published, item.number, m)
            if notice is None:
                due = private_by
                detail = (
                    f"Publish the notice that it will be held in private (paragraph"
                    f" {item.paragraph}): {_when(due, today)}, 28 clear days before the"
                    " meeting" if due >= today else
                    f"No notice that it will be held in private (paragraph {item.paragraph}),"
                    f" overdue since {_fmt(due)}: take it in public or later, or record the"
                    " urgency agreed (regulation 5(6)) and publish the notice at once")
            elif confirmation is None:
                due = confirm_by
                detail = (f"Publish the confirmation that it will be held in private, with"
                          f" any representations and the response: {_when(due, today)}, 5"
                          " clear days before the meeting")
            else:
                continue
            if (due - today).days > NOTICE_HORIZON_DAYS:
                continue
            title = f"{m.committee}, {_fmt(m.date)}: item {item.label} in private"
            out.append(TodayEntry("private_notice", item.number, title, detail, due, target))
    return sorted(out, key=order_key)
