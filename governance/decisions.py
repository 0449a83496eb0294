"""The decision register's use cases: register a decision, edit its record, move it
through its life, correct a taken one; and the queries that find and list decisions.

Each mutating use case is one unit of work: it reads what it needs, checks the rules
(``governance.lifecycle``), writes through the store, records the audit row, and
returns :class:`~governance.desk.Done` with its sentence and what changed.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from governance import audit, checks, lifecycle, text
from governance.agenda import day, numbered
from governance.desk import Desk, Done, decisions_changed
from governance.errors import NotFound, StaleEdit, UserError
from governance.interchange import decision_to_dict
from governance.lifecycle import RuleBreach, RuleViolation
from governance.model import Decision, RegisterDocument, holder_of
from governance.plan import ExpectedDateError, expected_period
from governance.ports import DecisionFilter, DecisionSummary
from governance.resolutions import typed_outcome
from governance.vocab import DECISION_TEXT_FIELDS, NUMBER_RE, STATUS_LABELS, VERB_RE

#: What an edit may change; status, dates and signatures change through the lifecycle.
EDITABLE = frozenset({
    "title", "decision_maker", "key_decision", "key_decision_criteria", "exempt_paragraph",
    "parts", *DECISION_TEXT_FIELDS, "eqia", "dpia", "notice_published_on", "route",
    "urgency_reason", "report_author", "relevant_director", "past_pathway", "future_pathway",
    "expected_on",
})


class DecisionError(UserError):
    """A request about decisions the register cannot act on (a number that is not one)."""


# --- finding decisions ------------------------------------------------------------------------


def checked_number(text: str) -> str:
    """``text`` if it is a decision number, else the refusal that says what one is."""
    if not NUMBER_RE.match(text or ""):
        raise DecisionError(f"{text!r} is not a decision number (YY/NNNNN, e.g. 23/00098)")
    return text


def decision(desk: Desk, number: str) -> Decision:
    """Decision ``number``, or :class:`NotFound` saying it is not in the register."""
    found = desk.store.decision(number)
    if found is None:
        raise NotFound(f"decision {number} is not in the register")
    return found


def all_decisions(desk: Desk) -> list[Decision]:
    return desk.store.decisions()


def summaries(desk: Desk, where: DecisionFilter | None = None, sort: str = "number",
              descending: bool = False, limit: int | None = None,
              offset: int = 0) -> list[DecisionSummary]:
    """The decisions matching ``where``, sorted, a page at a time."""
    return desk.store.summaries(where or DecisionFilter(), sort, descending, limit, offset)


#: How far a search counts its matches: beyond it, "more than 1,000" is all a clerk needs.
COUNT_CAP = 1000


def count(desk: Desk, where: DecisionFilter | None = None, cap: int | None = None) -> int:
    """How many decisions match ``where``; with ``cap``, at most ``cap + 1`` (more than
    ``cap``: see :func:`count_words`)."""
    return desk.store.count(where or DecisionFilter(), cap)


def count_words(n: int, cap: int | None = COUNT_CAP) -> str:
    """``1 decision``, ``734 decisions``, ``more than 1,000 decisions``."""
    if cap is not None and n > cap:
        return f"more than {cap:,} decisions"
    return f"{n:,} decision{'s' if n != 1 else ''}"


def filter_choices(desk: Desk) -> dict[str, list[Any]]:
    """The values the Register screen's filters offer."""
    return desk.store.filter_choices()


def delegation_posts(desk: Desk) -> list[str]:
    """The posts a decision's part may delegate to: their titles, as the register lists
    them (what the Decision screen offers beside a DELEGATE part), each post once (a title
    spelt two ways, "Director of X" and "Director, X", is offered as the first)."""
    seen: set[str] = set()
    out = []
    for p in desk.store.posts():
        key = checks.same_post(p.title)
        if key not in seen:
            seen.add(key)
            out.append(p.title)
    return out


def register_location(desk: Desk) -> str:
    """Where the register is kept (its file), or "memory" for one that is not kept."""
    return str(desk.store.location or "memory")


def snapshot(d: Decision) -> dict[str, Any]:
    """The decision as its audit rows hold it (what ``audit verify`` compares)."""
    data = decision_to_dict(d)
    data["amends"] = d.amends
    return data


def audit_trail(desk: Desk, entity: str | tuple[str, ...] | None = None,
                key: str | None = None) -> list[audit.AuditRow]:
    """The audit rows, oldest first, of ``entity`` (one kind, or any of several)."""
    kinds = None if entity is None else ((entity,) if isinstance(entity, str) else entity)
    return desk.store.audit_rows(kinds, key)


def verify_audit(desk: Desk) -> tuple[int, int | None, str | None]:
    """The chain (each row linked to the one before), then each decision against its
    last audited state, then each kept file against its hash and the row that recorded
    it: (rows, id of the first broken row or None, why)."""
    store = desk.store
    rows = store.audit_rows()
    count_, broken, why = audit.verify_chain(rows, store.audit_high_water())
    last = rows[-1].id if rows else 0
    if broken is None:
        broken, why = audit.verify_records(
            rows, {d.number: snapshot(d) for d in store.decisions()}, last or 0)
    if broken is None:
        broken, why = audit.verify_kept_files(rows, store.kept_files(), last or 0)
    return count_, broken, why


# --- registering and editing -------------------------------------------------------------------


def allocate_number(desk: Desk, year: int | None = None) -> str:
    """The next free YY/NNNNN for ``year``, never handed out twice."""
    with desk.store.transaction():
        return _allocate(desk, year)


def _allocate(desk: Desk, year: int | None) -> str:
    year = year or desk.today().year
    number = desk.store.allocate_number(year)
    if number is None:
        raise DecisionError(f"no decision numbers left for {year}: all 99,999 are used")
    return number


def _insert(desk: Desk, d: Decision, action: str) -> None:
    text.check_object(f"decision {d.number}", d)
    desk.store.insert_decision(d, desk.user)
    audit.record(desk.store, "decision", d.number, action, None, snapshot(d), desk.user)


def create_decision(desk: Desk, title: str, year: int | None = None,
                    **fields: Any) -> Done[Decision]:
    """Register a new expected decision under the next number (status draft)."""
    if not title.strip():
        raise DecisionError("a decision needs a title")
    with desk.store.transaction():
        number = _allocate(desk, year)
        _insert(desk, Decision(number=number, title=title.strip(), **fields), "create")
    made = decision(desk, number)
    return Done(f"Registered {number}: {made.title}.", decisions_changed(number), made)


def edit_breaches(d: Decision) -> list[RuleBreach]:
    """What makes a record unfit to save, whoever edits it: an empty title, a part whose
    verb is not one upper-case word or whose text is empty."""
    out = []
    if not d.title.strip():
        out.append(RuleBreach("title", "the title is empty", "give the decision a title"))
    for i, p in enumerate(d.parts):
        where = f"part {Decision.part_letter(i)})"
        if not VERB_RE.match(p.verb):
            out.append(RuleBreach("parts", f"{where}: the verb {p.verb!r} is not one"
                                  " upper-case word", "write it as e.g. APPROVE"))
        if not p.text.strip():
            out.append(RuleBreach("parts", f"{where}: the text is empty",
                                  "write what the part decides"))
    if d.expected_on is not None:
        try:
            expected_period(d.expected_on)
        except ExpectedDateError:
            out.append(RuleBreach("expected_on", f"the expected date {d.expected_on!r} is"
                                  " not a day or a month", "write YYYY-MM-DD or YYYY-MM"))
    return out


def _ensure_version(desk: Desk, before: Decision, expected: int | None) -> None:
    if expected is not None and before.version != expected:
        raise StaleEdit(_stale_message(desk, before.number, expected))


def _write(desk: Desk, before: Decision, after: Decision, action: str) -> Decision:
    text.check_fields(f"decision {after.number}", {
        f.name: getattr(after, f.name) for f in dataclasses.fields(after)
        if getattr(after, f.name) != getattr(before, f.name)})
    if not desk.store.update_decision(before, after, desk.user):
        raise StaleEdit(_stale_message(desk, after.number, before.version))
    audit.record(desk.store, "decision", after.number, action, snapshot(before),
                 snapshot(after), desk.user)
    return decision(desk, after.number)


def update_decision(desk: Desk, number: str, changes: dict[str, Any],
                    expected_version: int | None = None) -> Done[Decision]:
    """Edit a decision's record. Refused once taken, when based on a stale copy
    (``expected_version`` is the version the editor loaded), and when the record would
    not be fit to save (:func:`edit_breaches`)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise DecisionError(f"cannot edit {', '.join(sorted(unknown))} directly; status,"
                            " dates and signatures change through the lifecycle actions")
    with desk.store.transaction():
        before = decision(desk, number)
        _ensure_version(desk, before, expected_version)
        lifecycle.ensure_editable(before)
        after = copy.deepcopy(before)
        for key, value in changes.items():
            setattr(after, key, value)
        breaches = edit_breaches(after)
        if breaches:
            raise RuleViolation("save", number, breaches)
        saved = _write(desk, before, after, "edit")
    return Done(f"Saved {number}.", decisions_changed(number), saved)


def transition(desk: Desk, number: str, action: str, expected_version: int | None = None,
               **kwargs: Any) -> Done[Decision]:
    """Apply a lifecycle action (``take``, ``publish``, ``withdraw`` ...); a committee's
    outcome is recorded only once it has met (``today``)."""
    fn = lifecycle.TRANSITIONS.get(action)
    if fn is None:
        raise DecisionError(f"unknown action {action!r}: one of"
                            f" {', '.join(lifecycle.TRANSITIONS)}")
    if action == "record_outcome":
        kwargs.setdefault("today", desk.today())
    with desk.store.transaction():
        before = decision(desk, number)
        _ensure_version(desk, before, expected_version)
        if action == "take" and not kwargs.get("signed_by") and not before.signed_by:
            # The record keeps who held the decision maker's post the day it was taken.
            holder = holder_of(desk.store.posts(), before.decision_maker)
            if holder:
                kwargs["signed_by"] = holder
        after = fn(before, **kwargs)
        if action == "record_outcome":
            _outcome_in_minutes(desk, before, kwargs["committee"], kwargs["on"],
                                kwargs["outcome"])
        if action == "take":
            breaches = check_breaches(desk, after)
            if breaches:
                raise RuleViolation(action, number, breaches)
        done = _write(desk, before, after, action)
    return Done(f"{number}: {STATUS_LABELS[done.status]}.", decisions_changed(number), done)


def _outcome_in_minutes(desk: Desk, before: Decision, committee: str, on: Any,
                        outcome: str) -> None:
    """The committee's outcome and the resolution on the meeting's minute of the item about
    the decision are one fact: once the minutes are approved the outcome cannot change;
    before, a resolution typed there that states another outcome gives way (the minutes
    word the outcome recorded)."""
    kept = desk.store.minute_book(committee, on)
    found = desk.store.meeting(committee, on, content=False)
    if kept is None or found is None:
        return
    was = next((c.outcome for c in before.committee_considerations
                if c.committee == committee and c.date == on), None)
    if kept.approval is not None:
        if was != outcome:
            raise DecisionError(
                f"the minutes of {committee}, {day(on)} were approved on"
                f" {day(kept.approval.approved_at)}: the committee's outcome on"
                f" {before.number} is part of them and cannot change")
        return
    items = {n for n, i in numbered(found.meeting.items) if i.decision == before.number}
    entries = tuple(dataclasses.replace(e, resolved=None) if e.item in items and e.resolved
                    and (typed_outcome(e.resolved) or (outcome,))[0] != outcome else e
                    for e in kept.entries)
    if entries != kept.entries:
        after = dataclasses.replace(kept, entries=entries)
        desk.store.save_minute_book(after)
        audit.record(desk.store, "meeting", f"{committee} {on.isoformat()}",
                     "outcome_in_minutes", {"resolutions": [e.resolved for e in kept.entries
                                                            if e.item in items]},
                     {"outcome": outcome}, desk.user)


#: Where a problem ``check`` finds in a record is put right (the window's tab and field;
#: the command line's ``edit`` names the same fields).
WHERE_TO_FIX = {
    "consultation_date_mismatch": "the consultation text (Implications tab) or the committee"
                                  " consideration (Committee tab)",
    "taken_text_says_propose": "the parts (Parts and delegations tab) or the reasons and the"
                               " consultation text (Implications tab)",
    "part_placeholder": "the parts (Parts and delegations tab)",
    "key_decision_no_notice": "the Forward Plan notice (Record tab)",
    "key_decision_notice_late": "the Forward Plan notice or the route (Record tab)",
    "urgency_not_recorded": "the urgency agreement (Record tab)",
    "outcome_before_meeting": "the committee consideration (Committee tab)",
}


def check_breaches(desk: Desk, taken: Decision) -> list[RuleBreach]:
    """The errors ``check`` would report in the record as taken (``taken``): a record is
    not taken (signed) while it has one, since a taken record can then only be mended by
    a correcting decision. Each names the problem and where to put it right."""
    problems = checks.check_decision(taken, RegisterDocument(posts=desk.store.posts()),
                                     today=desk.today())
    return [RuleBreach(p.code, f"check reports an error: {p.message.rstrip('.')}",
                       f"put it right in {WHERE_TO_FIX.get(p.code, 'the record')} before it"
                       " is signed")
            for p in problems if p.severity == checks.ERROR]


def correct(desk: Desk, number: str, year: int | None = None) -> Done[Decision]:
    """Start a correction of a taken decision: a new draft that amends it."""
    with desk.store.transaction():
        original = decision(desk, number)
        new_number = _allocate(desk, year)
        _insert(desk, lifecycle.correction_of(original, new_number), "correct")
    made = decision(desk, new_number)
    return Done(f"Started {new_number}, a correction of {number}, with its text.",
                decisions_changed(number, new_number), made)


def _stale_message(desk: Desk, number: str, version: int) -> str:
    """Who changed the decision since ``version`` was loaded, what and when."""
    current = desk.store.decision_version(number) or 0
    missed = max(current - version, 1)
    rows = desk.store.audit_rows(("decision",), number)[-missed:]
    if not rows:
        return f"{number} was changed by someone else; reload it and make the change again"
    changes = []
    for row in rows:
        before, after = row.before_json(), row.after_json()
        changed = [k for k in after if before.get(k) != after.get(k)] or ["the record"]
        changes.append(f"{row.os_user} at {audit.local_time(row.at)}"
                       f" ({row.action}: {', '.join(changed)})")
    return (f"{number} was changed by {'; then by '.join(changes)} after you opened it;"
            " reload it and make your change again")
