"""What needs the clerk now: the Today screen's entries, worked out from the register.

Pure Python: the window shows these; a script could print them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from governance.calendar import (
    DEFAULT_CONFIG,
    CalendarConfig,
    agenda_publication_deadline,
    call_in_period_end,
    earliest_decision_after_notice,
    key_decision_notice_deadline,
)
from governance.checks import check_register
from governance.lifecycle import take_breaches
from governance.model import RegisterDocument
from governance.vocab import ASSESSMENT_DONE, TAKEN_STATUSES

#: Sections of the Today screen, in the order shown.
SECTIONS = {
    "agenda_due": "Agendas due for publication",
    "notice_window": "Key decisions: Forward Plan notice window closing",
    "awaiting_signature": "Decisions waiting for signature",
    "assessment_gap": "EqIA or DPIA gaps that block a signature",
    "call_in_ending": "Call-in periods ending",
    "problem": "Consistency problems",
}

AGENDA_HORIZON_DAYS = 28
NOTICE_HORIZON_DAYS = 28


@dataclass(frozen=True)
class TodayEntry:
    section: str
    subject: str
    title: str
    detail: str
    due: dt.date | None
    #: What the entry opens: ("decision", number) or ("meeting", "Committee|YYYY-MM-DD").
    target: tuple[str, str]

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < dt.date.today()


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


def _sort(entries: list[TodayEntry]) -> list[TodayEntry]:
    order = list(SECTIONS)
    return sorted(entries, key=lambda e: (order.index(e.section), e.due or dt.date.max,
                                          e.subject))


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
    published lately); ``doc`` need hold no more than those."""
    out: list[TodayEntry] = []
    for m in doc.meetings:
        if m.date < today or m.published_on is not None:
            continue
        deadline = agenda_publication_deadline(m.date, config)
        if (deadline - today).days <= AGENDA_HORIZON_DAYS:
            out.append(TodayEntry(
                "agenda_due", f"{m.committee}", f"Agenda for {_fmt(m.date)}",
                f"Publish {_when(deadline, today)}", deadline,
                ("meeting", f"{m.committee}|{m.date.isoformat()}")))

    for d in doc.decisions:
        if d.status in TAKEN_STATUSES or d.status == "withdrawn":
            if d.status == "published" and d.published_on:
                ends = call_in_period_end(d.published_on, config)
                if ends >= today:
                    out.append(TodayEntry(
                        "call_in_ending", d.number, d.title,
                        f"Call-in period ends {_fmt(ends)}; effective the day after unless"
                        " called in", ends, ("decision", d.number)))
            continue
        dates = sorted(c.date for c in d.committee_considerations if c.date >= today)
        needs_notice = d.key_decision and d.notice_published_on is None and d.route not in (
            "special_urgency", "general_exception")
        if needs_notice and dates:
            deadline = key_decision_notice_deadline(dates[0], config)
            if (deadline - today).days <= NOTICE_HORIZON_DAYS:
                out.append(TodayEntry(
                    "notice_window", d.number, d.title,
                    f"Put on the Forward Plan: {_when(deadline, today)} (28 clear days before"
                    f" the committee on {_fmt(dates[0])})", deadline, ("decision", d.number)))
        elif needs_notice:  # its committee has met (or it has none): the notice still lacks
            earliest = earliest_decision_after_notice(today, config)
            out.append(TodayEntry(
                "notice_window", d.number, d.title,
                "No notice on the Forward Plan: it cannot be taken until 28 clear days after"
                f" the notice (published today: from {_fmt(earliest)}), or under the general"
                " exception or special urgency", today, ("decision", d.number)))
        gaps = [label for label, a in (("EqIA", d.eqia), ("DPIA", d.dpia))
                if a is None or a.status not in ASSESSMENT_DONE]
        if d.status in ("for_committee", "considered", "proposed") and gaps:
            states = "; ".join(
                f"{label} {a.status.replace('_', ' ') if a else 'not recorded'}"
                for label, a in (("EqIA", d.eqia), ("DPIA", d.dpia)) if label in gaps)
            out.append(TodayEntry(
                "assessment_gap", d.number, d.title,
                f"{states}: each must be completed, signed off or not required before"
                " signature", dates[0] if dates else None, ("decision", d.number)))
        if d.status in ("considered", "proposed"):
            breaches = take_breaches(d, today, config)
            detail = ("Ready to sign" if not breaches else
                      "Cannot be signed yet: " + "; ".join(b.message for b in breaches[:3]))
            out.append(TodayEntry("awaiting_signature", d.number, d.title, detail, None,
                                  ("decision", d.number)))
    return _sort(out)


def problem_entries(
    doc: RegisterDocument, today: dt.date, config: CalendarConfig = DEFAULT_CONFIG,
) -> list[TodayEntry]:
    """The consistency errors ``check`` finds in the whole register (slow on a large
    one: the window works them out in the background)."""
    out: list[TodayEntry] = []
    titles = {d.number: d.title for d in doc.decisions}  # what a problem is about, by name
    for p in check_register(doc, today=today, config=config):
        if p.severity != "error":
            continue
        is_decision = p.subject[:2].isdigit() and "/" in p.subject
        title = titles.get(p.subject) or p.code.replace("_", " ").capitalize()
        out.append(TodayEntry("problem", p.subject, title, p.message, None,
                              ("decision", p.subject) if is_decision else ("committee",
                                                                           p.subject)))
    return _sort(out)
