"""The life of a decision: which transitions exist and what each requires.

Every refusal names the rule and says what would satisfy it, so the window, the
command line and the import all give the same answer in the same words.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from governance.calendar import (
    DEFAULT_CONFIG,
    CalendarConfig,
    call_in_period_end,
    clear_days_between,
    earliest_decision_after_notice,
    general_exception_earliest_decision,
)
from governance.errors import UserError
from governance.model import CommitteeConsideration, Decision
from governance.vocab import ASSESSMENT_DONE, OUTCOMES, STATUS_LABELS

#: Outcomes that count as the committee having considered the decision.
CONSIDERED_OUTCOMES = ("endorsed", "recommendations_made", "noted", "not_endorsed")
BEFORE_TAKEN = ("draft", "notice_published", "for_committee", "considered", "proposed")


@dataclass(frozen=True)
class RuleBreach:
    rule: str
    message: str
    remedy: str

    def __str__(self) -> str:
        return f"{self.message}: {self.remedy}"  # ``rule`` is for programs, not for clerks


class RuleViolation(UserError):
    """A transition or edit the rules forbid. ``breaches`` lists every rule that failed."""

    def __init__(self, action: str, number: str, breaches: list[RuleBreach]):
        self.action = action
        self.number = number
        self.breaches = breaches
        lines = "; ".join(str(b) for b in breaches)
        super().__init__(f"Cannot {action} {number}: {lines}")


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _status_rule(decision: Decision, action: str, allowed: tuple[str, ...]) -> list[RuleBreach]:
    if decision.status in allowed:
        return []
    names = [STATUS_LABELS[s].lower() for s in allowed]
    words = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return [RuleBreach(
        "status",
        f"the decision is {STATUS_LABELS[decision.status].lower()}",
        f"only a decision that is {words} can {action}",
    )]


def frozen_breaches(decision: Decision) -> list[RuleBreach]:
    """A taken record is the legal record: its text cannot be edited."""
    if decision.is_taken:
        when = f"on {_fmt(decision.taken_on)}" if decision.taken_on else ""
        return [RuleBreach(
            "frozen",
            f"the record was taken {when} and its text is frozen".replace("  ", " "),
            "record a correction as a new decision that amends this one",
        )]
    if decision.status == "withdrawn":
        return [RuleBreach("withdrawn", "the decision has been withdrawn",
                           "register a new decision instead")]
    return []


def ensure_editable(decision: Decision) -> None:
    breaches = frozen_breaches(decision)
    if breaches:
        raise RuleViolation("edit", decision.number, breaches)


def notice_breaches(
    decision: Decision, taken_on: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> list[RuleBreach]:
    """A key decision needs 28 clear days' notice, or a recorded exception or urgency."""
    if not decision.key_decision:
        return []
    route = decision.route or "committee"
    notice = decision.notice_published_on
    if route == "special_urgency":
        if not (decision.urgency_reason or "").strip():
            return [RuleBreach(
                "special_urgency",
                "special urgency is claimed but no agreement is recorded",
                "record the agreement of the chair of the scrutiny committee (or the Chairman or"
                " Vice-Chairman of the Council) that the decision is urgent and cannot be"
                " reasonably deferred",
            )]
        return []
    if notice is None and route == "general_exception":
        return [RuleBreach(
            "general_exception",
            "the general exception route is recorded but no notice date",
            "record the date the chair of the scrutiny committee was informed and the notice"
            " published; the decision can be taken 5 clear days later")]
    if notice is None:
        return [RuleBreach(
            "key_decision_notice",
            "this key decision has not been on the Forward Plan",
            "publish notice at least 28 clear days before the decision, or record the general"
            " exception or special urgency route",
        )]
    if route == "general_exception":
        earliest = general_exception_earliest_decision(notice, config)
        if taken_on < earliest:
            return [RuleBreach(
                "general_exception",
                f"the general exception notice of {_fmt(notice)} leaves only"
                f" {clear_days_between(notice, taken_on)} clear days",
                f"take the decision on or after {_fmt(earliest)}, or record special urgency",
            )]
        return []
    earliest = earliest_decision_after_notice(notice, config)
    if taken_on < earliest:
        return [RuleBreach(
            "key_decision_notice",
            f"notice published {_fmt(notice)} leaves only"
            f" {clear_days_between(notice, taken_on)} of the 28 clear days",
            f"take the decision on or after {_fmt(earliest)}, or record the general exception"
            " or special urgency route",
        )]
    return []


#: Stock text's gaps for the clerk to fill ("authority to the … to take relevant actions").
PLACEHOLDERS = ("…", "...")


def part_breaches(decision: Decision) -> list[RuleBreach]:
    """Parts not fit to be signed: a stock text's gap ("…") not filled in, a DELEGATE
    part that names no post."""
    b = []
    for i, part in enumerate(decision.parts):
        where = f"part {Decision.part_letter(i)})"
        if any(mark in part.text for mark in PLACEHOLDERS):
            b.append(RuleBreach("parts", f"{where} still has the gap '…' of the stock text",
                                "write in what it stands for (e.g. the post delegated to)"))
        if part.verb.strip().upper() == "DELEGATE" and not (
                part.delegation and (part.delegation.post or "").strip()):
            b.append(RuleBreach("parts", f"{where} delegates to no post",
                                "choose the post it delegates to"))
    return b


def take_breaches(
    decision: Decision, taken_on: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> list[RuleBreach]:
    """Everything that must hold before the decision maker signs."""
    b = _status_rule(decision, "be taken", BEFORE_TAKEN)
    if not (decision.decision_maker or "").strip():
        b.append(RuleBreach("decision_maker", "no decision maker is recorded",
                            "enter who takes the decision (e.g. the Cabinet Member)"))
    if not decision.parts:
        b.append(RuleBreach("parts", "the decision has no parts",
                            "add at least one lettered part, e.g. 'a) APPROVE ...'"))
    b.extend(part_breaches(decision))
    if not (decision.interests_declared or "").strip():
        b.append(RuleBreach(
            "interests", "the interests field is empty",
            "record any interest declared and dispensation granted, or 'N/A'"))
    for name, label in (("eqia", "EqIA"), ("dpia", "DPIA")):
        assessment = getattr(decision, name)
        status = assessment.status if assessment else None
        if status not in ASSESSMENT_DONE:
            shown = status.replace("_", " ") if status else "not recorded"
            b.append(RuleBreach(
                name, f"the {label} is {shown}",
                f"the {label} must be not required, completed or signed off before signature"))
    b.extend(notice_breaches(decision, taken_on, config))
    route = decision.route or "committee"
    if route == "committee":
        done = [c for c in decision.committee_considerations if c.outcome in CONSIDERED_OUTCOMES]
        if not done:
            b.append(RuleBreach(
                "committee_consideration",
                "no committee consideration with an outcome is recorded",
                "record the Cabinet Committee's outcome, or record the decision as taken"
                " outside the cycle or under an urgency route"))
        elif max(c.date for c in done) > taken_on:
            b.append(RuleBreach(
                "committee_consideration",
                f"the committee considers it on {_fmt(max(c.date for c in done))},"
                f" after {_fmt(taken_on)}",
                "take the decision after the committee has met"))
    return b


# --- transitions -------------------------------------------------------------------------
# Each returns a new Decision; the caller stores it. None changes its argument.


def _next(decision: Decision, **changes: object) -> Decision:
    new = copy.deepcopy(decision)
    for key, value in changes.items():
        setattr(new, key, value)
    return new


def publish_notice(decision: Decision, on: dt.date) -> Decision:
    """The decision goes on the Forward Plan (notice of a key decision) on ``on``."""
    b = _status_rule(decision, "have its notice published",
                     ("draft", "for_committee", "considered", "proposed"))
    if not b and decision.notice_published_on is not None:
        b.append(RuleBreach("notice", f"notice was published on"
                            f" {_fmt(decision.notice_published_on)}",
                            "a decision needs its notice only once"))
    if b:
        raise RuleViolation("publish notice for", decision.number, b)
    status = "notice_published" if decision.status == "draft" else decision.status
    return _next(decision, notice_published_on=on, status=status)


def send_to_committee(decision: Decision, committee: str, on: dt.date) -> Decision:
    b = _status_rule(decision, "go to committee",
                     ("draft", "notice_published", "for_committee", "considered", "proposed"))
    if b:
        raise RuleViolation("send to committee", decision.number, b)
    new = _next(decision, status="for_committee")
    if not any(c.committee == committee and c.date == on for c in new.committee_considerations):
        new.committee_considerations.append(CommitteeConsideration(committee, on))
    return new


def record_outcome(
    decision: Decision, committee: str, on: dt.date, outcome: str,
    recommendations: str | None = None, today: dt.date | None = None,
) -> Decision:
    """The committee's outcome, once it has met (``today``, when given, is after ``on``)."""
    b = _status_rule(decision, "have a committee outcome recorded",
                     ("draft", "notice_published", "for_committee", "considered", "proposed"))
    if today is not None and on > today:
        b.append(RuleBreach(
            "outcome_date", f"the {committee} meets on {_fmt(on)}, after today"
            f" ({_fmt(today)})", "record its outcome once it has met; to put the decision on"
            " its agenda, send it to the committee (to be considered)"))
    if outcome not in OUTCOMES:
        b.append(RuleBreach("outcome", f"'{outcome}' is not an outcome",
                            "use one of " + ", ".join(OUTCOMES)))
    if outcome == "recommendations_made" and not (recommendations or "").strip():
        b.append(RuleBreach("recommendations", "recommendations made but none recorded",
                            "enter the committee's recommendations to the decision maker"))
    if b:
        raise RuleViolation("record the outcome for", decision.number, b)
    new = _next(decision)
    for c in new.committee_considerations:
        if c.committee == committee and c.date == on:
            c.outcome, c.recommendations = outcome, recommendations
            break
    else:
        new.committee_considerations.append(
            CommitteeConsideration(committee, on, outcome, recommendations))
    new.status = "for_committee" if outcome == "deferred" else "considered"
    return new


def take_off_agenda(decision: Decision, committee: str, on: dt.date) -> Decision:
    """The decision's item is taken off the agenda of ``committee`` on ``on``: the
    consideration still to come goes (one with an outcome recorded stays: the committee
    met and considered it), and a decision waiting for no committee any more is back
    where it was before it was sent."""
    b = _status_rule(decision, "be taken off a committee's agenda", BEFORE_TAKEN)
    if b:
        raise RuleViolation("take off the agenda", decision.number, b)
    new = _next(decision)
    new.committee_considerations = [
        c for c in new.committee_considerations
        if not (c.committee == committee and c.date == on and not c.outcome)]
    if new.status == "for_committee" and not any(
            c.outcome is None or c.outcome == "deferred" for c in new.committee_considerations):
        if any(c.outcome in CONSIDERED_OUTCOMES for c in new.committee_considerations):
            new.status = "considered"
        else:
            new.status = "notice_published" if new.notice_published_on else "draft"
    return new


def propose(decision: Decision) -> Decision:
    b = _status_rule(decision, "be proposed",
                     ("draft", "notice_published", "for_committee", "considered"))
    if not (decision.decision_maker or "").strip():
        b.append(RuleBreach("decision_maker", "no decision maker is recorded",
                            "enter who will take the decision"))
    if not decision.parts:
        b.append(RuleBreach("parts", "the decision has no parts", "add at least one part"))
    if b:
        raise RuleViolation("propose", decision.number, b)
    return _next(decision, status="proposed")


def take(
    decision: Decision, on: dt.date, signed_by: str | None = None,
    config: CalendarConfig = DEFAULT_CONFIG,
) -> Decision:
    b = take_breaches(decision, on, config)
    if b:
        raise RuleViolation("take", decision.number, b)
    return _next(decision, status="taken", taken_on=on,
                 signed_by=signed_by or decision.signed_by or decision.decision_maker)


def publish(decision: Decision, on: dt.date) -> Decision:
    b = _status_rule(decision, "be published", ("taken",))
    if not b and decision.taken_on and on < decision.taken_on:
        b.append(RuleBreach("published_on", f"{_fmt(on)} is before the decision was taken",
                            f"publish on or after {_fmt(decision.taken_on)}"))
    if b:
        raise RuleViolation("publish", decision.number, b)
    return _next(decision, status="published", published_on=on)


def call_in(decision: Decision, on: dt.date, config: CalendarConfig = DEFAULT_CONFIG) -> Decision:
    b = _status_rule(decision, "be called in", ("published",))
    if not b and decision.published_on:
        ends = call_in_period_end(decision.published_on, config)
        if on < decision.published_on:
            b.append(RuleBreach("call_in_period",
                                f"{_fmt(on)} is before the record was published on"
                                f" {_fmt(decision.published_on)}",
                                "call in on or after the day of publication"))
        elif on > ends:
            b.append(RuleBreach("call_in_period", f"the call-in period ended on {_fmt(ends)}",
                                "a decision can only be called in within the call-in period"))
    if b:
        raise RuleViolation("call in", decision.number, b)
    return _next(decision, status="called_in")


def make_effective(
    decision: Decision, today: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> Decision:
    """Published and not called in once the period ends; or confirmed after a call-in."""
    b = _status_rule(decision, "become effective", ("published", "called_in"))
    if not b and decision.status == "published" and decision.published_on:
        ends = call_in_period_end(decision.published_on, config)
        if today <= ends:
            b.append(RuleBreach("call_in_period",
                                f"the call-in period runs until {_fmt(ends)}",
                                "wait until the call-in period has ended"))
    if b:
        raise RuleViolation("make effective", decision.number, b)
    return _next(decision, status="effective")


def implement(decision: Decision) -> Decision:
    b = _status_rule(decision, "be implemented", ("effective",))
    if b:
        raise RuleViolation("implement", decision.number, b)
    return _next(decision, status="implemented")


def withdraw(decision: Decision) -> Decision:
    if decision.is_taken:
        raise RuleViolation("withdraw", decision.number, [RuleBreach(
            "taken", "the decision has been taken",
            "a taken decision cannot be withdrawn; record a new decision that amends it")])
    b = _status_rule(decision, "be withdrawn", BEFORE_TAKEN)
    if b:
        raise RuleViolation("withdraw", decision.number, b)
    return _next(decision, status="withdrawn")


def correction_of(original: Decision, number: str) -> Decision:
    """A new draft decision that corrects a taken one, carrying its text forward."""
    if not original.is_taken:
        raise RuleViolation("correct", original.number, [RuleBreach(
            "not_taken", "the decision has not been taken yet",
            "edit the decision itself; corrections are for taken records")])
    # The correction is a decision of its own: its own notice, route and consideration.
    return _next(original, number=number, status="draft", taken_on=None, signed_by=None,
                 published_on=None, amends=original.number, version=0,
                 title=original.title, committee_considerations=[],
                 notice_published_on=None, route=None, urgency_reason=None)


TRANSITIONS = {
    "publish_notice": publish_notice,
    "send_to_committee": send_to_committee,
    "record_outcome": record_outcome,
    "propose": propose,
    "take_off_agenda": take_off_agenda,
    "take": take,
    "publish": publish,
    "call_in": call_in,
    "make_effective": make_effective,
    "implement": implement,
    "withdraw": withdraw,
}


#: Lifecycle actions a clerk can press, with their button words.
ACTION_LABELS = {
    "publish_notice": "Publish notice",
    "propose": "Propose",
    "take": "Take (sign)",
    "publish": "Publish",
    "call_in": "Call in",
    "make_effective": "Make effective",
    "implement": "Implement",
    "withdraw": "Withdraw",
}


def action_refusals(
    decision: Decision, today: dt.date, config: CalendarConfig = DEFAULT_CONFIG,
) -> dict[str, str | None]:
    """For each button: None when the action is allowed today, else why not (the same
    words the refusal would give)."""
    attempts = {
        "publish_notice": lambda: publish_notice(decision, today),
        "propose": lambda: propose(decision),
        "take": lambda: take(decision, today, config=config),
        "publish": lambda: publish(decision, today),
        "call_in": lambda: call_in(decision, today, config),
        "make_effective": lambda: make_effective(decision, today, config),
        "implement": lambda: implement(decision),
        "withdraw": lambda: withdraw(decision),
    }
    out: dict[str, str | None] = {}
    for action, attempt in attempts.items():
        try:
            attempt()
            out[action] = None
        except RuleViolation as exc:
            out[action] = "\n".join(f"• {b.message}: {b.remedy}" for b in exc.breaches)
    return out
