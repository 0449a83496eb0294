"""The Forward Plan (Kent: the List of Forthcoming Executive Decisions): every key decision
expected in a period, with what regulation 9(2) of SI 2012/2089 requires, built from the
register; publishing it records the notice date of every key decision on it.

Published plans are kept in the settings (one JSON list: the date, the period, the
decisions on it, who recorded it and any reason for lateness), so the next plan marks
what is new since the last one.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from governance import audit, lifecycle
from governance.decisions import checked_number, decision, snapshot
from governance.desk import Desk, Done, decisions_changed
from governance.errors import StaleEdit, UserError
from governance.files import atomic_write
from governance.model import AgendaItem, Decision, holder_of
from governance.plan import (
    ExpectedDateError,
    ForwardPlan,
    PlanEntry,
    PlanPublication,
    expected_period,
    expected_within,
    expected_words,
    parse_expected,
)
from governance.records import cover_context

#: The settings key holding the published plans.
PUBLISHED_SETTING = "forward_plan.published"
FORMATS = ("pdf", "docx", "csv")
#: Assessment states that mean no assessment document goes with the report.
_NO_DOCUMENT = ("not_started", "not_required")


class ForwardPlanError(UserError):
    """A Forward Plan that cannot be made or published as asked."""


#: A published Forward Plan (the name this module has always given it).
Publication = PlanPublication


def publications(desk: Desk) -> list[Publication]:
    """The plans published, in the order they were recorded."""
    raw = desk.store.setting(PUBLISHED_SETTING)
    return [Publication(dt.date.fromisoformat(p["on"]), dt.date.fromisoformat(p["from"]),
                        dt.date.fromisoformat(p["to"]), tuple(p["numbers"]),
                        p["recorded_by"], p.get("late_reason"))
            for p in json.loads(raw or "[]")]


def publication_record(p: Publication) -> dict:
    """A publication as the settings keep it."""
    return {"on": p.on.isoformat(), "from": p.start.isoformat(), "to": p.end.isoformat(),
            "numbers": list(p.numbers), "recorded_by": p.recorded_by,
            "late_reason": p.late_reason}


def keep_publications(desk: Desk, records: list[dict]) -> None:
    """Keep ``records`` (:func:`publication_record`) as the plans published."""
    desk.store.set_setting(PUBLISHED_SETTING, json.dumps(records) if records else None)


def last_publication(desk: Desk) -> Publication | None:
    done = publications(desk)
    return max(done, key=lambda p: p.on) if done else None


def _forthcoming(desk: Desk, start: dt.date, end: dt.date) -> list[Decision]:
    """Key decisions not yet taken or withdrawn, expected between ``start`` and ``end``."""
    found = [d for d in desk.store.decisions()
             if d.key_decision and not d.is_taken and d.status != "withdrawn"
             and expected_within(d.expected_on, start, end)]
    return sorted(found, key=lambda d: (expected_period(d.expected_on or "")[0], d.number))


def _documents(d: Decision, items: list[AgendaItem]) -> tuple[str, ...]:
    """The committee report's papers by title (none exempt), or, before there are any,
    the report, the proposed record and the assessments the decision has."""
    papers = [p.title for item in items for p in item.papers
              if p.exempt_paragraph is None and p.title]
    if papers:
        return tuple(dict.fromkeys(papers))
    docs = ["Report to the decision maker", "Proposed Record of Decision"]
    if d.eqia is not None and d.eqia.status not in _NO_DOCUMENT:
        docs.append(d.eqia.title or "Equality Impact Assessment")
    if d.dpia is not None and d.dpia.status not in _NO_DOCUMENT:
        docs.append(d.dpia.title or "Data Protection Impact Assessment")
    return tuple(docs)


def _entry(desk: Desk, d: Decision, new: bool) -> PlanEntry:
    when = expected_words(d.expected_on)
    if d.exempt_paragraph is not None:
        return PlanEntry(d.number, d.title, d.exempt_paragraph, when, new=new)
    context = cover_context(desk, d.number)
    items = list(context.items.values())
    seen: dict[tuple[str, dt.date], None] = {}
    for c in d.committee_considerations:
        seen[(c.committee, c.date)] = None
    for a in context.agenda:
        seen[(a.committee, a.date)] = None
    maker = (d.decision_maker or "").strip()
    body = next((c for c in desk.store.committees() if c.name == maker), None)
    holder = holder_of(context.posts, maker)
    private = next((p.exempt_paragraph for item in items for p in
                    [item, *item.papers] if p.exempt_paragraph is not None), None)
    return PlanEntry(
        d.number, d.title, None, when,
        proposal=tuple(f"{p.verb} {p.text}".strip() for p in d.parts),
        decision_maker=maker, maker_name=None if body else holder,
        maker_members=tuple(m.member for m in body.membership) if body else (),
        key_criteria=tuple(d.key_decision_criteria), documents=_documents(d, items),
        considerations=tuple(sorted(seen, key=lambda k: (k[1], k[0]))),
        private_paragraph=private, new=new)


def _period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ForwardPlanError(f"the period ends ({end.isoformat()}) before it starts"
                               f" ({start.isoformat()})")


def forward_plan(desk: Desk, start: dt.date, end: dt.date,
                 published_on: dt.date | None = None) -> ForwardPlan:
    """The plan for ``start`` to ``end``: refused when it would list nothing."""
    _period(start, end)
    found = _forthcoming(desk, start, end)
    if not found:
        raise ForwardPlanError(
            f"no key decision is expected between {expected_words(start.isoformat())} and"
            f" {expected_words(end.isoformat())}, so there is no Forward Plan to make (set"
            " a key decision's expected date first)")
    last = last_publication(desk)
    before = set(last.numbers) if last else set()
    entries = tuple(_entry(desk, d, d.number not in before) for d in found)
    return ForwardPlan(start, end, entries, last.on if last else None, published_on)


def render(desk: Desk, start: dt.date, end: dt.date, fmt: str) -> bytes:
    return _rendered(desk, start, end, fmt)[1]


def _rendered(desk: Desk, start: dt.date, end: dt.date, fmt: str) -> tuple[ForwardPlan, bytes]:
    if fmt not in FORMATS:
        raise ForwardPlanError(f"a Forward Plan is written as {', '.join(FORMATS)},"
                               f" not {fmt!r}")
    plan = forward_plan(desk, start, end)
    return plan, desk.documents.forward_plan(plan, desk.store.council(), fmt)


def write(desk: Desk, start: dt.date, end: dt.date, fmt: str, output: Path) -> Done[Path]:
    """``render forward-plan``: the plan written atomically to ``output``."""
    plan, data = _rendered(desk, start, end, fmt)
    atomic_write(Path(output), data)
    new = sum(e.new for e in plan.entries)
    return Done(f"Wrote the Forward Plan for {expected_words(start.isoformat())} to"
                f" {expected_words(end.isoformat())} ({fmt.upper()}, {len(plan.entries)}"
                f" key decision{'s' if len(plan.entries) != 1 else ''}, {new} new) to"
                f" {output}.", value=Path(output))


def set_expected(desk: Desk, number: str, text: str | None,
                 expected_version: int | None = None) -> Done[Decision]:
    """Record when decision ``number`` is expected to be taken (a day or a month);
    ``none`` clears it."""
    checked_number(number)
    value = parse_expected(text)
    with desk.store.transaction():
        before = decision(desk, number)
        if expected_version is not None and before.version != expected_version:
            raise StaleEdit(f"{number} was changed by someone else; reload it")
        lifecycle.ensure_editable(before)
        after = copy.deepcopy(before)
        after.expected_on = value
        _save(desk, before, after, "expect")
    saved = decision(desk, number)
    words = f"expected {expected_words(value)}" if value else "no expected date"
    return Done(f"{number}: {words}.", decisions_changed(number), saved)


def _save(desk: Desk, before: Decision, after: Decision, action: str) -> None:
    if not desk.store.update_decision(before, after, desk.user):
        raise StaleEdit(f"{after.number} was changed by someone else; try again")
    audit.record(desk.store, "decision", after.number, action, snapshot(before),
                 snapshot(after), desk.user)


def publish(desk: Desk, on: dt.date, start: dt.date | None = None, end: dt.date | None = None,
            late_reason: str | None = None) -> Done[Publication]:
    """``forward-plan publish``: the plan of key decisions expected from ``start`` (the
    publication date) to ``end`` (the last expected date) is recorded as published on
    ``on``; every decision on it gets ``on`` as its notice date unless it already had an
    earlier one. A plan published for a past date needs the reason it was late."""
    late_reason = (late_reason or "").strip() or None
    if on > desk.today():
        raise ForwardPlanError(f"{expected_words(on.isoformat())} is in the future; record"
                               " the Forward Plan's publication on or after the day it is"
                               " published")
    if on < desk.today() and late_reason is None:
        raise ForwardPlanError(f"the Forward Plan is recorded as published on"
                               f" {expected_words(on.isoformat())}, a past date; give the"
                               " reason it is recorded late (--late-reason)")
    start = start or on
    with desk.store.transaction():
        if end is None:
            ends = [expected_period(d.expected_on or "")[1]
                    for d in _forthcoming(desk, start, dt.date.max)]
            end = max(ends, default=start)
        plan = forward_plan(desk, start, end, published_on=on)
        noticed = []
        for entry in plan.entries:
            before = decision(desk, entry.number)
            if before.notice_published_on is not None and before.notice_published_on <= on:
                continue
            after = copy.deepcopy(before)
            after.notice_published_on = on
            if after.status == "draft":
                after.status = "notice_published"
            _save(desk, before, after, "forward_plan")
            noticed.append(entry.number)
        published = Publication(on, start, end, tuple(e.number for e in plan.entries),
                                desk.user, late_reason)
        kept = json.loads(desk.store.setting(PUBLISHED_SETTING) or "[]")
        record = publication_record(published)
        keep_publications(desk, kept + [record])
        audit.record(desk.store, "forward_plan", on.isoformat(), "publish", None,
                     {**record, "notice_given": noticed}, desk.user)
    count = len(plan.entries)
    return Done(f"Recorded the Forward Plan published on {expected_words(on.isoformat())}:"
                f" {count} key decision{'s' if count != 1 else ''}, {len(noticed)} given"
                " that date as their notice date.", decisions_changed(*noticed), published)


__all__ = ["ExpectedDateError", "ForwardPlanError", "Publication", "forward_plan", "publish",
           "render", "set_expected", "write"]
