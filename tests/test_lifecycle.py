"""The life of a decision: each refusal names its rule and says what would satisfy it; the
register stores what the rules allow, audits it, and refuses the rest without a trace; the
database itself keeps a taken record frozen."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance import audit, decisions, exchange, lifecycle
from governance.calendar import clear_days_between
from governance.desk import Desk
from governance.errors import StaleEdit
from governance.lifecycle import RuleViolation
from governance.model import (
    Assessment,
    Committee,
    CommitteeConsideration,
    Decision,
    DecisionPart,
    RegisterDocument,
)
from governance.vocab import TAKEN_STATUSES
from tests.conftest import open_desk

D = dt.date
ASC = "Adult Social Care Cabinet Committee"
CABINET_MEMBER = "Cabinet Member for Adult Social Care and Public Health"
MEETING = D(2023, 11, 23)
TAKEN_ON = D(2023, 12, 20)


def ready(**changes: object) -> Decision:
    """A non-key decision that satisfies every rule for being taken on TAKEN_ON."""
    decision = Decision(
        number="23/00098",
        title="Adult Social Care Pressures Plan",
        decision_maker=CABINET_MEMBER,
        key_decision=False,
        parts=[DecisionPart("APPROVE", "the Adult Social Care Pressures Plan 2023/2024")],
        interests_declared="N/A",
        eqia=Assessment("completed"),
        dpia=Assessment("not_required"),
        route="committee",
        committee_considerations=[CommitteeConsideration(ASC, MEETING, "endorsed")],
        status="proposed",
    )
    for key, value in changes.items():
        setattr(decision, key, value)
    return decision


def refusal(fn, *args: object, **kwargs: object) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        fn(*args, **kwargs)
    return caught.value


def rules(exc: RuleViolation) -> list[str]:
    return [b.rule for b in exc.breaches]


def test_a_ready_decision_can_be_taken() -> None:
    before = ready()
    taken = lifecycle.take(before, TAKEN_ON)
    assert taken.status == "taken"
    assert taken.taken_on == TAKEN_ON
    assert taken.signed_by == CABINET_MEMBER
    assert before.status == "proposed" and before.taken_on is None  # argument untouched
    assert lifecycle.take_breaches(ready(), TAKEN_ON) == []


# --- taking: what must be in the record ---------------------------------------------------


@pytest.mark.parametrize("maker", [None, "", "   "])
def test_taking_needs_a_decision_maker(maker: str | None) -> None:
    exc = refusal(lifecycle.take, ready(decision_maker=maker), TAKEN_ON)
    assert rules(exc) == ["decision_maker"]
    assert "enter who takes the decision" in str(exc)
    assert "23/00098" in str(exc)


def test_taking_needs_at_least_one_part() -> None:
    exc = refusal(lifecycle.take, ready(parts=[]), TAKEN_ON)
    assert rules(exc) == ["parts"]
    assert "add at least one lettered part" in str(exc)


@pytest.mark.parametrize("interests", [None, "", "  \n"])
def test_taking_needs_the_interests_field(interests: str | None) -> None:
    exc = refusal(lifecycle.take, ready(interests_declared=interests), TAKEN_ON)
    assert rules(exc) == ["interests"]
    assert "or 'N/A'" in str(exc)


@pytest.mark.parametrize("interests", ["N/A", "None", "Cllr Smith declared an interest."])
def test_any_interests_text_including_na_is_enough(interests: str) -> None:
    assert lifecycle.take(ready(interests_declared=interests), TAKEN_ON).status == "taken"


@pytest.mark.parametrize("which", ["eqia", "dpia"])
@pytest.mark.parametrize("status", ["not_started", "screening", "in_progress", None])
def test_taking_refuses_an_unfinished_assessment(which: str, status: str | None) -> None:
    assessment = None if status is None else Assessment(status)
    exc = refusal(lifecycle.take, ready(**{which: assessment}), TAKEN_ON)
    assert rules(exc) == [which]
    label = which.replace("eqia", "EqIA").replace("dpia", "DPIA")
    assert f"the {label} must be not required, completed or signed off" in str(exc)
    shown = "not recorded" if status is None else status.replace("_", " ")
    assert f"the {label} is {shown}" in str(exc)


@pytest.mark.parametrize("which", ["eqia", "dpia"])
@pytest.mark.parametrize("status", ["not_required", "completed", "signed_off"])
def test_taking_accepts_a_finished_assessment(which: str, status: str) -> None:
    assert lifecycle.take(ready(**{which: Assessment(status)}), TAKEN_ON).status == "taken"


def test_every_breach_is_reported_at_once() -> None:
    empty = Decision(number="23/00099", title="Nothing filled in")
    exc = refusal(lifecycle.take, empty, TAKEN_ON)
    assert rules(exc) == ["decision_maker", "parts", "interests", "eqia", "dpia",
                          "committee_consideration"]


@pytest.mark.parametrize("status", [*TAKEN_STATUSES, "withdrawn"])
def test_only_a_decision_not_yet_taken_can_be_taken(status: str) -> None:
    exc = refusal(lifecycle.take, ready(status=status), TAKEN_ON)
    assert rules(exc) == ["status"]
    assert "can be taken" in str(exc)


# --- key decision notice, general exception, special urgency -------------------------------


def key(**changes: object) -> Decision:
    return ready(key_decision=True, key_decision_criteria=["expenditure"], **changes)


def test_a_key_decision_without_notice_is_refused() -> None:
    exc = refusal(lifecycle.take, key(notice_published_on=None), TAKEN_ON)
    assert rules(exc) == ["key_decision_notice"]
    assert "publish notice at least 28 clear days before the decision" in str(exc)


def test_a_key_decision_needs_28_clear_days_notice() -> None:
    # Taken Wed 20 Dec 2023. Notice Wed 22 Nov: 23 Nov .. 19 Dec = 8 + 19 = 27 clear days.
    short, enough = D(2023, 11, 22), D(2023, 11, 21)
    assert clear_days_between(short, TAKEN_ON) == 27
    assert clear_days_between(enough, TAKEN_ON) == 28
    exc = refusal(lifecycle.take, key(notice_published_on=short), TAKEN_ON)
    assert rules(exc) == ["key_decision_notice"]
    assert "leaves only 27 of the 28 clear days" in str(exc)
    assert "take the decision on or after 21 December 2023" in str(exc)
    # Notice Tue 21 Nov: 22 Nov .. 19 Dec = 9 + 19 = 28 clear days.
    assert lifecycle.take(key(notice_published_on=enough), TAKEN_ON).status == "taken"
    # ... and the 27-day notice is fine one day later.
    assert lifecycle.take(key(notice_published_on=short), D(2023, 12, 21)).status == "taken"


def test_a_non_key_decision_needs_no_notice() -> None:
    assert lifecycle.notice_breaches(ready(key_decision=False), TAKEN_ON) == []
    assert lifecycle.notice_breaches(ready(key_decision=None), TAKEN_ON) == []


def test_general_exception_needs_5_clear_days() -> None:
    # Notice Fri 15 Dec 2023, taken Wed 20 Dec: 16, 17, 18, 19 = 4 clear days: refused.
    notice = D(2023, 12, 15)
    decision = key(route="general_exception", notice_published_on=notice,
                   committee_considerations=[])
    assert clear_days_between(notice, TAKEN_ON) == 4
    exc = refusal(lifecycle.take, decision, TAKEN_ON)
    assert rules(exc) == ["general_exception"]
    assert "leaves only 4 clear days" in str(exc)
    assert "take the decision on or after 21 December 2023, or record special urgency" in str(exc)
    # Thu 21 Dec: 16 .. 20 = 5 clear days: accepted (no committee needed on this route).
    assert lifecycle.take(decision, D(2023, 12, 21)).status == "taken"


def test_general_exception_without_any_notice_is_refused() -> None:
    decision = key(route="general_exception", notice_published_on=None)
    exc = refusal(lifecycle.take, decision, TAKEN_ON)
    assert rules(exc) == ["general_exception"]
    assert "scrutiny committee was informed" in str(exc)


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_special_urgency_needs_the_agreement_recorded(reason: str | None) -> None:
    decision = key(route="special_urgency", urgency_reason=reason, notice_published_on=None,
                   committee_considerations=[])
    exc = refusal(lifecycle.take, decision, TAKEN_ON)
    assert rules(exc) == ["special_urgency"]
    assert "record the agreement of the chair of the scrutiny committee" in str(exc)


def test_special_urgency_with_agreement_needs_no_notice_or_committee() -> None:
    decision = key(route="special_urgency", notice_published_on=None, committee_considerations=[],
                   urgency_reason="Chairman of Scrutiny agreed 18 December 2023: grant deadline")
    assert lifecycle.take(decision, TAKEN_ON).status == "taken"


# --- committee route ----------------------------------------------------------------------


def test_committee_route_needs_a_consideration() -> None:
    exc = refusal(lifecycle.take, ready(committee_considerations=[]), TAKEN_ON)
    assert rules(exc) == ["committee_consideration"]
    assert "record the Cabinet Committee's outcome" in str(exc)


@pytest.mark.parametrize("route", [None, "committee"])
def test_a_deferral_or_no_outcome_is_not_a_consideration(route: str | None) -> None:
    considerations = [CommitteeConsideration(ASC, D(2023, 11, 16), "deferred"),
                      CommitteeConsideration(ASC, MEETING, None)]
    exc = refusal(lifecycle.take, ready(route=route, committee_considerations=considerations),
                  TAKEN_ON)
    assert rules(exc) == ["committee_consideration"]


@pytest.mark.parametrize("outcome", ["endorsed", "recommendations_made", "noted", "not_endorsed"])
def test_any_real_outcome_counts(outcome: str) -> None:
    considerations = [CommitteeConsideration(ASC, MEETING, outcome)]
    assert lifecycle.take(ready(committee_considerations=considerations), TAKEN_ON).taken_on


def test_the_committee_must_have_met_before_the_decision() -> None:
    exc = refusal(lifecycle.take, ready(), D(2023, 11, 22))
    assert rules(exc) == ["committee_consideration"]
    assert "take the decision after the committee has met" in str(exc)


def test_outside_the_cycle_needs_no_consideration() -> None:
    decision = ready(route="outside_cycle", committee_considerations=[])
    assert lifecycle.take(decision, TAKEN_ON).status == "taken"


def test_outside_the_cycle_still_needs_key_decision_notice() -> None:
    decision = key(route="outside_cycle", committee_considerations=[], notice_published_on=None)
    assert rules(refusal(lifecycle.take, decision, TAKEN_ON)) == ["key_decision_notice"]


# --- the other transitions ----------------------------------------------------------------


def test_the_path_from_draft_to_implemented() -> None:
    d = ready(status="draft", committee_considerations=[], key_decision=True,
              key_decision_criteria=["expenditure"])
    d = lifecycle.publish_notice(d, D(2023, 10, 20))
    assert (d.status, d.notice_published_on) == ("notice_published", D(2023, 10, 20))
    d = lifecycle.send_to_committee(d, ASC, MEETING)
    assert d.status == "for_committee"
    d = lifecycle.record_outcome(d, ASC, MEETING, "deferred")
    assert d.status == "for_committee"
    d = lifecycle.record_outcome(d, ASC, MEETING, "endorsed")
    assert d.status == "considered"
    assert [(c.date, c.outcome) for c in d.committee_considerations] == [(MEETING, "endorsed")]
    d = lifecycle.propose(d)
    assert d.status == "proposed"
    d = lifecycle.take(d, D(2023, 11, 30), signed_by="Cllr Dan Watkins")
    assert (d.status, d.signed_by) == ("taken", "Cllr Dan Watkins")
    d = lifecycle.publish(d, D(2023, 12, 1))
    assert (d.status, d.published_on) == ("published", D(2023, 12, 1))
    d = lifecycle.make_effective(d, D(2023, 12, 9))
    assert d.status == "effective"
    assert lifecycle.implement(d).status == "implemented"


def test_recommendations_made_needs_the_recommendations() -> None:
    exc = refusal(lifecycle.record_outcome, ready(status="for_committee"), ASC, MEETING,
                  "recommendations_made")
    assert rules(exc) == ["recommendations"]
    assert "enter the committee's recommendations" in str(exc)
    exc = refusal(lifecycle.record_outcome, ready(status="for_committee"), ASC, MEETING, "liked")
    assert rules(exc) == ["outcome"]


def test_publish_needs_a_taken_decision_and_a_date_not_before_it() -> None:
    exc = refusal(lifecycle.publish, ready(), D(2023, 12, 21))
    assert rules(exc) == ["status"]
    assert "only a decision that is taken can be published" in str(exc)
    taken = lifecycle.take(ready(), TAKEN_ON)
    exc = refusal(lifecycle.publish, taken, D(2023, 12, 19))
    assert rules(exc) == ["published_on"]
    assert "publish on or after 20 December 2023" in str(exc)
    assert lifecycle.publish(taken, TAKEN_ON).published_on == TAKEN_ON


def published() -> Decision:
    """Taken Fri 24 Nov 2023, published Mon 27 Nov 2023."""
    return lifecycle.publish(lifecycle.take(ready(), D(2023, 11, 24)), D(2023, 11, 27))


def test_call_in_only_within_the_period() -> None:
    # Published Mon 27 Nov 2023: period Tue 28 Nov .. Mon 4 Dec.
    assert lifecycle.call_in(published(), D(2023, 12, 4)).status == "called_in"
    exc = refusal(lifecycle.call_in, published(), D(2023, 12, 5))
    assert rules(exc) == ["call_in_period"]
    assert "the call-in period ended on 4 December 2023" in str(exc)
    assert "within the call-in period" in str(exc)


def test_only_a_published_decision_can_be_called_in() -> None:
    taken = lifecycle.take(ready(), TAKEN_ON)
    assert rules(refusal(lifecycle.call_in, taken, TAKEN_ON)) == ["status"]


def test_make_effective_waits_for_the_call_in_period() -> None:
    exc = refusal(lifecycle.make_effective, published(), D(2023, 12, 4))
    assert rules(exc) == ["call_in_period"]
    assert "the call-in period runs until 4 December 2023" in str(exc)
    assert "wait until the call-in period has ended" in str(exc)
    assert lifecycle.make_effective(published(), D(2023, 12, 5)).status == "effective"


def test_a_called_in_decision_can_be_confirmed_at_any_time() -> None:
    called_in = lifecycle.call_in(published(), D(2023, 11, 28))
    assert lifecycle.make_effective(called_in, D(2023, 11, 29)).status == "effective"


def test_only_published_or_called_in_decisions_become_effective() -> None:
    for status in ("draft", "proposed", "taken", "effective", "withdrawn"):
        exc = refusal(lifecycle.make_effective, ready(status=status), D(2024, 6, 1))
        assert rules(exc) == ["status"], status


@pytest.mark.parametrize("status", ["draft", "notice_published", "for_committee", "considered",
                                    "proposed"])
def test_withdraw_before_taken(status: str) -> None:
    assert lifecycle.withdraw(ready(status=status)).status == "withdrawn"


@pytest.mark.parametrize("status", TAKEN_STATUSES)
def test_a_taken_decision_cannot_be_withdrawn(status: str) -> None:
    exc = refusal(lifecycle.withdraw, ready(status=status))
    assert rules(exc) == ["taken"]
    assert "record a new decision that amends it" in str(exc)


def test_a_withdrawn_decision_cannot_be_withdrawn_again_or_edited() -> None:
    assert rules(refusal(lifecycle.withdraw, ready(status="withdrawn"))) == ["status"]
    assert rules(refusal(lifecycle.ensure_editable, ready(status="withdrawn"))) == ["withdrawn"]


@pytest.mark.parametrize("status", TAKEN_STATUSES)
def test_a_taken_record_is_frozen(status: str) -> None:
    exc = refusal(lifecycle.ensure_editable, ready(status=status, taken_on=TAKEN_ON))
    assert rules(exc) == ["frozen"]
    assert "taken on 20 December 2023" in str(exc)
    assert "record a correction as a new decision that amends this one" in str(exc)


def test_correction_of_a_taken_decision_is_a_new_draft_that_amends_it() -> None:
    original = lifecycle.publish(lifecycle.take(ready(), TAKEN_ON), TAKEN_ON)
    fix = lifecycle.correction_of(original, "23/00120")
    assert (fix.number, fix.amends, fix.status) == ("23/00120", "23/00098", "draft")
    assert (fix.taken_on, fix.signed_by, fix.published_on) == (None, None, None)
    assert fix.committee_considerations == []
    assert fix.parts == original.parts and fix.title == original.title
    assert original.status == "published" and original.number == "23/00098"
    lifecycle.ensure_editable(fix)  # the correction can be edited


def test_only_a_taken_decision_can_be_corrected() -> None:
    exc = refusal(lifecycle.correction_of, ready(), "23/00120")
    assert rules(exc) == ["not_taken"]
    assert "edit the decision itself" in str(exc)


# --- through the register -----------------------------------------------------------------


def _open(path: Path | None) -> Desk:
    reg = open_desk(path)
    exchange.import_document(reg, RegisterDocument(
        committees=[Committee(ASC, "cabinet_committee")]))
    return reg


def _create(reg: Desk) -> Decision:
    d = decisions.create_decision(
        reg, "Adult Social Care Pressures Plan", year=2023, decision_maker=CABINET_MEMBER,
        key_decision=False,
        parts=[DecisionPart("APPROVE", "the Adult Social Care Pressures Plan 2023/2024")],
        interests_declared="N/A", eqia=Assessment("completed"), dpia=Assessment("not_required"),
        route="committee").value
    decisions.transition(reg, d.number, "record_outcome", committee=ASC, on=MEETING,
                         outcome="endorsed")
    return decisions.decision(reg, d.number)


@pytest.fixture
def reg() -> Iterator[Desk]:
    register = _open(None)
    yield register
    register.close()


@pytest.fixture
def file_reg(tmp_path: Path) -> Iterator[Desk]:
    register = _open(tmp_path / "register.sqlite")
    yield register
    register.close()


def test_a_transition_is_stored_and_audited(reg: Desk) -> None:
    d = _create(reg)
    trail = len(decisions.audit_trail(reg, "decision", d.number))
    taken = decisions.transition(reg, d.number, "take", on=TAKEN_ON).value
    stored = decisions.decision(reg, d.number)
    assert (stored.status, stored.taken_on, stored.signed_by) == (
        "taken", TAKEN_ON, CABINET_MEMBER)
    assert stored.version == taken.version == d.version + 1
    rows = decisions.audit_trail(reg, "decision", d.number)
    assert len(rows) == trail + 1
    last = rows[-1]
    assert last["action"] == "take"
    assert last["os_user"] == audit.os_user()
    before, after = json.loads(last["before"]), json.loads(last["after"])
    assert (before["status"], before["taken_on"]) == ("considered", None)
    assert (after["status"], after["taken_on"]) == ("taken", "2023-12-20")
    assert decisions.verify_audit(reg)[1] is None


def test_a_refused_transition_changes_nothing(reg: Desk) -> None:
    d = _create(reg)
    decisions.update_decision(reg, d.number, {"interests_declared": None})
    before = decisions.decision(reg, d.number)
    trail = len(decisions.audit_trail(reg))
    with pytest.raises(RuleViolation) as caught:
        decisions.transition(reg, d.number, "take", on=TAKEN_ON)
    assert rules(caught.value) == ["interests"]
    assert decisions.decision(reg, d.number) == before
    assert decisions.decision(reg, d.number).version == before.version
    assert len(decisions.audit_trail(reg)) == trail


def test_a_taken_decision_cannot_be_edited_through_the_register(reg: Desk) -> None:
    d = _create(reg)
    decisions.transition(reg, d.number, "take", on=TAKEN_ON)
    before = decisions.decision(reg, d.number)
    trail = len(decisions.audit_trail(reg))
    with pytest.raises(RuleViolation) as caught:
        decisions.update_decision(reg, d.number, {"title": "Something else"})
    assert rules(caught.value) == ["frozen"]
    assert "record a correction" in str(caught.value)
    with pytest.raises(RuleViolation) as caught:
        decisions.transition(reg, d.number, "withdraw")
    assert rules(caught.value) == ["taken"]
    assert decisions.decision(reg, d.number) == before
    assert len(decisions.audit_trail(reg)) == trail


def test_withdraw_through_the_register(reg: Desk) -> None:
    d = _create(reg)
    assert decisions.transition(reg, d.number, "withdraw").value.status == "withdrawn"
    assert decisions.decision(reg, d.number).status == "withdrawn"
    with pytest.raises(RuleViolation) as caught:
        decisions.update_decision(reg, d.number, {"title": "Back again"})
    assert rules(caught.value) == ["withdrawn"]


def test_register_publish_call_in_and_make_effective(reg: Desk) -> None:
    a, b = _create(reg), _create(reg)
    for d in (a, b):
        decisions.transition(reg, d.number, "take", on=D(2023, 11, 24))
        decisions.transition(reg, d.number, "publish", on=D(2023, 11, 27))
    with pytest.raises(RuleViolation) as caught:
        decisions.transition(reg, a.number, "make_effective", today=D(2023, 12, 4))
    assert rules(caught.value) == ["call_in_period"]
    effective = decisions.transition(reg, a.number, "make_effective", today=D(2023, 12, 5))
    assert effective.value.status == "effective"
    with pytest.raises(RuleViolation):
        decisions.transition(reg, b.number, "call_in", on=D(2023, 12, 5))
    called_in = decisions.transition(reg, b.number, "call_in", on=D(2023, 12, 4))
    assert called_in.value.status == "called_in"
    assert decisions.decision(reg, b.number).published_on == D(2023, 11, 27)


def test_register_correct_makes_a_new_draft_amending_the_original(reg: Desk) -> None:
    d = _create(reg)
    decisions.transition(reg, d.number, "take", on=TAKEN_ON)
    original = decisions.decision(reg, d.number)
    fix = decisions.correct(reg, d.number, year=2023).value
    assert fix.number != d.number
    assert (fix.amends, fix.status, fix.taken_on) == (d.number, "draft", None)
    assert fix.parts == original.parts
    assert decisions.decision(reg, d.number) == original
    edited = decisions.update_decision(reg, fix.number, {"reasons": "Corrects part a)"}).value
    assert edited.reasons == "Corrects part a)"
    assert decisions.audit_trail(reg, "decision", fix.number)[0]["action"] == "correct"


def test_register_refuses_to_correct_a_draft_and_uses_no_number(reg: Desk) -> None:
    d = _create(reg)
    with pytest.raises(RuleViolation) as caught:
        decisions.correct(reg, d.number, year=2023)
    assert rules(caught.value) == ["not_taken"]
    assert [x.number for x in decisions.all_decisions(reg)] == [d.number]
    assert decisions.allocate_number(reg, 2023) == "23/00002"


def test_a_stale_edit_names_who_changed_what(reg: Desk) -> None:
    d = _create(reg)
    opened = d.version
    decisions.update_decision(reg, d.number, {"alternatives": "Do nothing: rejected."})
    with pytest.raises(StaleEdit) as caught:
        decisions.update_decision(reg, d.number, {"title": "My edit"}, expected_version=opened)
    message = str(caught.value)
    assert audit.os_user() in message
    assert "alternatives" in message
    assert decisions.decision(reg, d.number).title == "Adult Social Care Pressures Plan"
    with pytest.raises(StaleEdit):
        decisions.transition(reg, d.number, "withdraw", expected_version=opened)
    assert decisions.decision(reg, d.number).status == "considered"


# --- the database keeps a taken record frozen, even from outside --------------------------


RAW_TAMPERING = [
    "UPDATE decisions SET title = 'Tampered' WHERE number = :n",
    "UPDATE decisions SET taken_on = '2023-12-01' WHERE number = :n",
    "UPDATE decisions SET status = 'draft' WHERE number = :n",
    "UPDATE decision_parts SET text = 'Tampered' WHERE decision_number = :n",
    "DELETE FROM decision_parts WHERE decision_number = :n",
    "INSERT INTO decision_parts (decision_number, position, verb, text)"
    " VALUES (:n, 5, 'NOTE', 'Tampered')",
    "DELETE FROM decisions WHERE number = :n",
]


@pytest.mark.parametrize("sql", RAW_TAMPERING)
def test_sql_triggers_freeze_a_taken_record(file_reg: Desk, sql: str) -> None:
    d = _create(file_reg)
    decisions.transition(file_reg, d.number, "take", on=TAKEN_ON)
    before = decisions.decision(file_reg, d.number)
    assert file_reg.store.path is not None
    raw = sqlite3.connect(file_reg.store.path, timeout=10)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="decision is taken"):
            raw.execute(sql, {"n": d.number})
        raw.rollback()
    finally:
        raw.close()
    assert decisions.decision(file_reg, d.number) == before


def test_the_same_raw_edits_work_before_the_decision_is_taken(file_reg: Desk) -> None:
    d = _create(file_reg)
    assert file_reg.store.path is not None
    raw = sqlite3.connect(file_reg.store.path, timeout=10)
    try:
        with raw:
            for sql in RAW_TAMPERING[:-1]:
                raw.execute(sql, {"n": d.number})
    finally:
        raw.close()
    assert decisions.decision(file_reg, d.number).title == "Tampered"


def test_publishing_a_taken_record_is_allowed_by_the_triggers(file_reg: Desk) -> None:
    d = _create(file_reg)
    decisions.transition(file_reg, d.number, "take", on=TAKEN_ON)
    decisions.transition(file_reg, d.number, "publish", on=D(2023, 12, 21))
    assert file_reg.store.path is not None
    raw = sqlite3.connect(file_reg.store.path, timeout=10)
    try:
        row = raw.execute("SELECT status, published_on, taken_on FROM decisions"
                          " WHERE number = ?", [d.number]).fetchone()
    finally:
        raw.close()
    assert row == ("published", "2023-12-21", "2023-12-20")


# --- the rest of the freeze, in the database itself (migration m004) -----------------


def _taken_file_register(tmp_path):
    import datetime as dt

    from governance.model import (
        Assessment,
        Committee,
        CommitteeConsideration,
        Decision,
        DecisionPart,
        RegisterDocument,
    )

    register = open_desk(tmp_path / "frozen.sqlite")
    exchange.import_document(register, RegisterDocument(
        committees=[Committee("Adult Social Care Cabinet Committee", "cabinet_committee")],
        decisions=[Decision(
            "23/00077", "Care Home Beds", decision_maker="Cabinet Member",
            parts=[DecisionPart("APPROVE", "the extension")], interests_declared="N/A",
            eqia=Assessment("completed"), dpia=Assessment("not_required"),
            committee_considerations=[CommitteeConsideration(
                "Adult Social Care Cabinet Committee", dt.date(2023, 9, 13), "endorsed")],
            status="taken", taken_on=dt.date(2023, 9, 20))]))
    return register


@pytest.mark.parametrize("sql", [
    "UPDATE decisions SET number = '23/00078' WHERE number = '23/00077'",
    "UPDATE decisions SET eqia_status = 'in_progress' WHERE number = '23/00077'",
    "UPDATE decisions SET notice_published_on = '2023-01-01' WHERE number = '23/00077'",
    "UPDATE decisions SET route = 'special_urgency' WHERE number = '23/00077'",
    "UPDATE committee_considerations SET outcome = 'not_endorsed'",
    "DELETE FROM committee_considerations",
    "INSERT INTO committee_considerations (decision_number, position, committee_id, date)"
    " VALUES ('23/00077', 1, 1, '2023-10-01')",
])
def test_sql_outside_the_app_cannot_change_the_rest_of_a_taken_record(tmp_path, sql):
    import sqlite3

    register = _taken_file_register(tmp_path)
    before = decisions.decision(register, "23/00077")
    register.close()
    raw = sqlite3.connect(tmp_path / "frozen.sqlite")
    with pytest.raises(sqlite3.DatabaseError, match="taken"):
        raw.execute(sql)
    raw.close()
    again = open_desk(tmp_path / "frozen.sqlite")
    try:
        assert decisions.decision(again, "23/00077") == before
    finally:
        again.close()


def test_a_withdrawn_decision_stays_withdrawn_in_sql(tmp_path):
    import sqlite3

    register = open_desk(tmp_path / "w.sqlite")
    d = decisions.create_decision(register, "Something", year=2024).value
    decisions.transition(register, d.number, "withdraw")
    register.close()
    raw = sqlite3.connect(tmp_path / "w.sqlite")
    for sql in (f"UPDATE decisions SET status = 'draft' WHERE number = '{d.number}'",
                f"UPDATE decisions SET title = 'Other' WHERE number = '{d.number}'"):
        with pytest.raises(sqlite3.DatabaseError, match="withdrawn"):
            raw.execute(sql)
    raw.close()


def test_a_correction_needs_its_own_notice_and_committee():
    import datetime as dt

    original = key(status="taken", taken_on=dt.date(2023, 12, 1),
                   notice_published_on=dt.date(2023, 10, 1), route="general_exception",
                   urgency_reason="x")
    new = lifecycle.correction_of(original, "24/00001")
    assert (new.amends, new.status) == (original.number, "draft")
    assert new.notice_published_on is None and new.route is None
    assert new.urgency_reason is None and new.committee_considerations == []
    assert new.parts == original.parts


def test_call_in_before_publication_is_refused():
    import datetime as dt

    published = key(status="published", taken_on=dt.date(2023, 12, 1),
                    published_on=dt.date(2023, 12, 4))
    exc = refusal(lifecycle.call_in, published, dt.date(2023, 12, 3))
    assert rules(exc) == ["call_in_period"]
    assert "before the record was published" in str(exc)


def test_stale_edit_names_every_change_made_since_it_was_loaded():
    register = open_desk(None)
    try:
        d = decisions.create_decision(register, "Carers Breaks", year=2024).value
        decisions.update_decision(register, d.number, {"reasons": "First"})
        decisions.update_decision(register, d.number, {"alternatives": "Second"})
        with pytest.raises(StaleEdit) as info:
            decisions.update_decision(register, d.number, {"title": "Mine"},
                                      expected_version=d.version)
        message = str(info.value)
        assert "reasons" in message and "alternatives" in message
        assert message.index("reasons") < message.index("alternatives")
        assert decisions.decision(register, d.number).title == "Carers Breaks"
    finally:
        register.close()
