"""The decision use cases (``governance.decisions``) against every store: register, edit,
move through the lifecycle, correct; numbers; the listings' filters and search; the audit
chain. Each test runs on the in-memory fake and on SQLite (``any_desk``/``sample_desk``)
and asserts what a clerk would see: the sentence, the values, what a later read gives."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from governance import audit, decisions
from governance.desk import Desk
from governance.errors import StaleEdit, StoreError
from governance.lifecycle import RuleViolation
from governance.model import CommitteeConsideration, DecisionPart
from governance.ports import DecisionFilter
from tests.usecase_fixtures import USER, StoreProbe, everything

ASC = "Adult Social Care Cabinet Committee"
ROOT = Path(__file__).parent.parent


def numbers(rows) -> list[str]:
    return [r.number for r in rows]


# --- registering ------------------------------------------------------------------------------


def test_create_registers_drafts_under_the_next_numbers(any_desk: Desk) -> None:
    first = decisions.create_decision(any_desk, "  Care Home Beds  ")
    second = decisions.create_decision(any_desk, "Day Opportunities",
                                       decision_maker="Cabinet Member")
    assert first.message == "Registered 23/00001: Care Home Beds."
    assert second.message == "Registered 23/00002: Day Opportunities."
    assert second.changes.decisions == {"23/00002"}
    stored = decisions.decision(any_desk, "23/00002")
    assert (stored.title, stored.status, stored.decision_maker, stored.version) == (
        "Day Opportunities", "draft", "Cabinet Member", 1)
    assert numbers(decisions.all_decisions(any_desk)) == ["23/00001", "23/00002"]
    assert [(r.action, r.entity_key) for r in decisions.audit_trail(any_desk, "decision")] == [
        ("create", "23/00001"), ("create", "23/00002")]
    assert decisions.audit_trail(any_desk)[0].os_user == USER


def test_a_title_is_needed(any_desk: Desk) -> None:
    with pytest.raises(decisions.DecisionError, match="a decision needs a title"):
        decisions.create_decision(any_desk, "   ")
    assert decisions.all_decisions(any_desk) == []


def test_numbers_follow_the_highest_and_are_never_handed_out_twice(sample_desk: Desk) -> None:
    # The sample holds 23/00077, 23/00098 and 23/00101.
    assert decisions.allocate_number(sample_desk) == "23/00102"
    assert decisions.allocate_number(sample_desk) == "23/00103"  # 102 was handed out
    made = decisions.create_decision(sample_desk, "Next").value
    assert made.number == "23/00104"
    assert decisions.allocate_number(sample_desk, 2024) == "24/00001"
    assert decisions.create_decision(sample_desk, "Next year", year=2024).value.number == \
        "24/00002"
    assert decisions.allocate_number(sample_desk, 2019) == "19/00001"


def test_a_failed_registration_hands_out_no_number(sample_desk: Desk) -> None:
    before = everything(sample_desk)
    nowhere = [CommitteeConsideration("No Such Committee", dt.date(2023, 12, 1))]
    with pytest.raises(StoreError, match="No Such Committee"):
        decisions.create_decision(sample_desk, "Refused", committee_considerations=nowhere)
    assert everything(sample_desk) == before
    assert decisions.create_decision(sample_desk, "Accepted").value.number == "23/00102"


def test_a_decision_not_there_is_not_found(any_desk: Desk) -> None:
    with pytest.raises(decisions.NotFound, match="decision 23/00001 is not in the register"):
        decisions.decision(any_desk, "23/00001")
    with pytest.raises(decisions.DecisionError, match="is not a decision number"):
        decisions.checked_number("2023/1")


# --- editing ----------------------------------------------------------------------------------


def test_edit_saves_and_bumps_the_version(sample_desk: Desk) -> None:
    done = decisions.update_decision(sample_desk, "23/00101", {"reasons": "Because."},
                                     expected_version=1)
    assert done.message == "Saved 23/00101."
    assert done.value.version == 2 and done.value.reasons == "Because."
    again = decisions.decision(sample_desk, "23/00101")
    assert (again.reasons, again.version) == ("Because.", 2)
    row = decisions.audit_trail(sample_desk, "decision", "23/00101")[-1]
    assert row.action == "edit"
    assert (row.before_json()["reasons"], row.after_json()["reasons"]) == (None, "Because.")


def test_a_stale_edit_is_refused_saying_who_changed_what(sample_desk: Desk) -> None:
    decisions.update_decision(sample_desk, "23/00101", {"reasons": "First."},
                              expected_version=1)
    before = everything(sample_desk)
    with pytest.raises(StaleEdit) as refused:
        decisions.update_decision(sample_desk, "23/00101", {"title": "Mine"},
                                  expected_version=1)
    text = str(refused.value)
    assert text.startswith(f"23/00101 was changed by {USER} at ")
    assert "(edit: reasons) after you opened it; reload it and make your change again" in text
    assert everything(sample_desk) == before
    with pytest.raises(StaleEdit):
        decisions.transition(sample_desk, "23/00101", "withdraw", expected_version=1)
    assert decisions.decision(sample_desk, "23/00101").status == "draft"


def test_a_taken_record_is_frozen(sample_desk: Desk) -> None:
    before = everything(sample_desk)
    with pytest.raises(RuleViolation) as refused:
        decisions.update_decision(sample_desk, "23/00077", {"reasons": "Changed."})
    assert str(refused.value) == (
        "Cannot edit 23/00077: the record was taken on 2 October 2023 and its text is"
        " frozen: record a correction as a new decision that amends this one")
    assert everything(sample_desk) == before


def test_the_store_itself_refuses_a_change_to_a_taken_record(sample_desk: Desk) -> None:
    """Past the use case: the store keeps a taken record as it is (SQLite: its triggers)."""
    store = sample_desk.store
    before = everything(sample_desk)
    taken = store.decision("23/00077")
    changed = decisions.decision(sample_desk, "23/00077")
    changed.title = "Rewritten"
    with pytest.raises(StoreError, match="refused the change"), store.transaction():
        store.update_decision(taken, changed, USER)
    back = decisions.decision(sample_desk, "23/00077")
    back.status = "proposed"
    with pytest.raises(StoreError, match="refused the change"), store.transaction():
        store.update_decision(taken, back, USER)
    assert everything(sample_desk) == before


def test_edit_refuses_a_record_unfit_to_save(sample_desk: Desk) -> None:
    before = everything(sample_desk)
    with pytest.raises(RuleViolation) as refused:
        decisions.update_decision(sample_desk, "23/00101", {
            "title": " ", "parts": [DecisionPart("approve", "the plan"), DecisionPart("NOTE", "")]})
    assert str(refused.value) == (
        "Cannot save 23/00101: the title is empty: give the decision a title; part a): the"
        " verb 'approve' is not one upper-case word: write it as e.g. APPROVE; part b): the"
        " text is empty: write what the part decides")
    assert [b.rule for b in refused.value.breaches] == ["title", "parts", "parts"]
    assert everything(sample_desk) == before
    with pytest.raises(decisions.DecisionError, match="cannot edit status directly"):
        decisions.update_decision(sample_desk, "23/00101", {"status": "taken"})


def test_what_is_read_is_a_copy(sample_desk: Desk) -> None:
    d = decisions.decision(sample_desk, "23/00101")
    d.title = "Changed in my hands"
    d.parts.append(DecisionPart("NOTE", "more"))
    again = decisions.decision(sample_desk, "23/00101")
    assert again.title == "Technology Enabled Care Service" and len(again.parts) == 2


def test_parts_and_delegations_come_back_as_saved(sample_desk: Desk) -> None:
    d = decisions.decision(sample_desk, "23/00101")
    assert [(p.verb, p.delegation.post if p.delegation else None) for p in d.parts] == [
        ("APPROVE", None),
        ("DELEGATE", "Corporate Director Adult Social Care and Health")]
    parts = [*d.parts, DecisionPart("NOTE", "the timetable")]
    saved = decisions.update_decision(sample_desk, "23/00101", {"parts": parts}).value
    assert saved.parts == parts
    assert decisions.decision(sample_desk, "23/00101").parts == parts


# --- the lifecycle --------------------------------------------------------------------------


def test_a_decision_goes_through_its_life(sample_desk: Desk) -> None:
    desk = sample_desk
    n = "23/00101"
    assert decisions.transition(desk, n, "publish_notice", on=dt.date(2023, 10, 2)).message == \
        "23/00101: Notice published."
    assert decisions.transition(desk, n, "send_to_committee", committee=ASC,
                                on=dt.date(2023, 11, 23)).message == "23/00101: For committee."
    # The committee meets on 23 November; today is 1 November.
    with pytest.raises(RuleViolation, match="meets on 23 November 2023, after today"
                                            r" \(1 November 2023\)"):
        decisions.transition(desk, n, "record_outcome", committee=ASC,
                             on=dt.date(2023, 11, 23), outcome="endorsed")
    desk.clock.day = dt.date(2023, 11, 24)
    done = decisions.transition(desk, n, "record_outcome", committee=ASC,
                                on=dt.date(2023, 11, 23), outcome="endorsed")
    assert done.message == "23/00101: Considered by committee."
    assert [(c.committee, c.date, c.outcome) for c in done.value.committee_considerations] == [
        (ASC, dt.date(2023, 11, 23), "endorsed")]
    assert decisions.transition(desk, n, "propose").message == "23/00101: Proposed."
    with pytest.raises(RuleViolation) as refused:
        decisions.transition(desk, n, "take", on=dt.date(2023, 11, 24))
    assert [b.rule for b in refused.value.breaches] == ["interests", "eqia", "dpia"]
    assert decisions.decision(desk, n).status == "proposed"
    decisions.update_decision(desk, n, {"interests_declared": "None.",
                                        "eqia": decisions.decision(desk, "23/00077").eqia,
                                        "dpia": decisions.decision(desk, "23/00077").dpia})
    taken = decisions.transition(desk, n, "take", on=dt.date(2023, 11, 24), signed_by="Clair Bell")
    assert taken.message == "23/00101: Taken."
    assert (taken.value.taken_on, taken.value.signed_by) == (dt.date(2023, 11, 24), "Clair Bell")
    published = decisions.transition(desk, n, "publish", on=dt.date(2023, 11, 24)).value
    assert published.published_on == dt.date(2023, 11, 24)
    with pytest.raises(RuleViolation, match="call-in period runs until 1 December 2023"):
        decisions.transition(desk, n, "make_effective", today=dt.date(2023, 11, 30))
    assert decisions.transition(desk, n, "make_effective", today=dt.date(2023, 12, 4)).message \
        == "23/00101: Effective."
    assert decisions.transition(desk, n, "implement").message == "23/00101: Implemented."
    assert [r.action for r in decisions.audit_trail(desk, "decision", n)] == [
        "import", "publish_notice", "send_to_committee", "record_outcome", "propose", "edit",
        "take", "publish", "make_effective", "implement"]
    assert decisions.verify_audit(desk)[1:] == (None, None)


def test_unknown_action_and_withdrawn_records(sample_desk: Desk) -> None:
    with pytest.raises(decisions.DecisionError, match="unknown action 'sign'"):
        decisions.transition(sample_desk, "23/00101", "sign")
    done = decisions.transition(sample_desk, "23/00101", "withdraw")
    assert done.message == "23/00101: Withdrawn."
    with pytest.raises(RuleViolation, match="the decision has been withdrawn: register a new"
                                            " decision instead"):
        decisions.update_decision(sample_desk, "23/00101", {"reasons": "x"})
    with pytest.raises(RuleViolation, match="a taken decision cannot be withdrawn"):
        decisions.transition(sample_desk, "23/00077", "withdraw")


def test_correct_starts_a_draft_that_amends_the_taken_record(sample_desk: Desk) -> None:
    done = decisions.correct(sample_desk, "23/00077")
    assert done.message == "Started 23/00102, a correction of 23/00077, with its text."
    assert done.changes.decisions == {"23/00077", "23/00102"}
    made = decisions.decision(sample_desk, "23/00102")
    assert (made.status, made.amends, made.title, made.taken_on, made.version) == (
        "draft", "23/00077", "Care Home Beds Framework Extension", None, 1)
    assert made.parts == decisions.decision(sample_desk, "23/00077").parts
    assert decisions.audit_trail(sample_desk, "decision", "23/00102")[0].action == "correct"
    with pytest.raises(RuleViolation, match="Cannot correct 23/00101: the decision has not"
                                            " been taken yet"):
        decisions.correct(sample_desk, "23/00101")
    assert decisions.allocate_number(sample_desk) == "23/00103"


# --- finding decisions ------------------------------------------------------------------------


def test_search_matches_every_word_the_last_as_a_prefix(sample_desk: Desk) -> None:
    def found(text: str) -> list[str]:
        where = DecisionFilter(search=text)
        got = numbers(decisions.summaries(sample_desk, where))
        assert decisions.count(sample_desk, where) == len(got)
        return got

    assert found("framework") == ["23/00077"]
    assert found("frame") == ["23/00077"]
    assert found("FRAMEWORK twelve") == ["23/00077"]
    assert found("care") == ["23/00077", "23/00098", "23/00101"]
    assert found("technology enab") == ["23/00101"]
    assert found("award the contract") == ["23/00101"]  # a part's text
    assert found("winter") == ["23/00098"]  # the reasons
    assert found("00098") == ["23/00098"]  # the number
    assert found("fram care") == []  # only the last word is a prefix
    assert found("nothing") == []
    assert found("!!!") == []
    edited = decisions.update_decision(sample_desk, "23/00101", {"reasons": "Räsoned café"})
    assert edited.value.reasons == "Räsoned café"
    assert found("cafe") == ["23/00101"] and found("rasoned") == ["23/00101"]


def test_filters_sorting_and_pages(sample_desk: Desk) -> None:
    def where(**f) -> list[str]:
        got = numbers(decisions.summaries(sample_desk, DecisionFilter(**f)))
        assert decisions.count(sample_desk, DecisionFilter(**f)) == len(got)
        return got

    assert where() == ["23/00077", "23/00098", "23/00101"]
    assert where(status="taken") == ["23/00077"]
    assert where(committee=ASC) == ["23/00098"]
    assert where(key_decision=True) == ["23/00098"]
    assert where(key_decision=False) == ["23/00077"]
    assert where(key_decision="unrecorded") == ["23/00101"]
    assert where(year=2023, search="care", status="draft") == ["23/00101"]
    assert where(year=2024) == []
    assert where(decision_maker="Cabinet Member for Adult Social Care and Public Health") == [
        "23/00077", "23/00098", "23/00101"]
    rows = decisions.summaries(sample_desk, sort="title", descending=True)
    assert [r.title for r in rows] == ["Urgent and Emergency Care Support Fund",
                                       "Technology Enabled Care Service",
                                       "Care Home Beds Framework Extension"]
    # Nothing recorded sorts first going up, last going down.
    assert numbers(decisions.summaries(sample_desk, sort="taken_on")) == [
        "23/00098", "23/00101", "23/00077"]
    assert numbers(decisions.summaries(sample_desk, sort="key_decision", descending=True)) == [
        "23/00098", "23/00077", "23/00101"]
    assert numbers(decisions.summaries(sample_desk, sort="no such column")) == [
        "23/00077", "23/00098", "23/00101"]
    assert numbers(decisions.summaries(sample_desk, limit=2, offset=1)) == [
        "23/00098", "23/00101"]
    taken = decisions.summaries(sample_desk, DecisionFilter(status="taken"))[0]
    assert (taken.taken_on, taken.published_on, taken.key_decision) == (
        "2023-10-02", "2023-10-03", False)


def test_filter_choices(sample_desk: Desk) -> None:
    decisions.create_decision(sample_desk, "Old", year=2019, decision_maker="Leader")
    assert decisions.filter_choices(sample_desk) == {
        "committee": [ASC],
        "decision_maker": ["Cabinet Member for Adult Social Care and Public Health", "Leader"],
        "year": [2023, 2019],
    }


def test_considerations_earliest_first(sample_desk: Desk) -> None:
    decisions.transition(sample_desk, "23/00101", "send_to_committee", committee=ASC,
                         on=dt.date(2023, 12, 14))
    decisions.transition(sample_desk, "23/00101", "send_to_committee", committee=ASC,
                         on=dt.date(2023, 11, 23))
    assert sample_desk.store.considerations() == {
        "23/00098": [(ASC, dt.date(2023, 11, 23))],
        "23/00101": [(ASC, dt.date(2023, 11, 23)), (ASC, dt.date(2023, 12, 14))],
    }


# --- the audit trail ---------------------------------------------------------------------------


def test_the_chain_verifies_and_each_row_has_an_id(sample_desk: Desk) -> None:
    decisions.update_decision(sample_desk, "23/00101", {"reasons": "One."})
    rows = decisions.audit_trail(sample_desk)
    assert [r.id for r in rows] == list(range(1, len(rows) + 1))
    assert sample_desk.store.audit_high_water() == len(rows)
    assert rows[0].prev_hash == audit.GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:]))
    assert decisions.verify_audit(sample_desk) == (len(rows), None, None)
    assert [r.entity_key for r in decisions.audit_trail(sample_desk, ("member", "post"))] == [
        "Corporate Director Adult Social Care and Health", "General Counsel",
        "Mr A M Ridgers", "Ms L Wright", "Mr D Ross"]


@pytest.mark.parametrize("column, value", [
    ("after", '{"reasons": "Forged"}'), ("os_user", "someone.else"), ("action", "withdraw"),
])
def test_a_row_changed_in_the_store_breaks_the_chain_there(
        sample_desk: Desk, probe: StoreProbe, column: str, value: str) -> None:
    decisions.update_decision(sample_desk, "23/00101", {"reasons": "One."})
    count = len(decisions.audit_trail(sample_desk))
    probe.tamper_audit(5, column, value)
    assert decisions.verify_audit(sample_desk) == (5, 5, "its content does not match its hash")
    assert len(decisions.audit_trail(sample_desk)) == count


def test_rows_cut_off_the_end_are_missed(sample_desk: Desk, probe: StoreProbe) -> None:
    total = len(decisions.audit_trail(sample_desk))
    probe.cut_audit_end(2)
    assert decisions.verify_audit(sample_desk) == (
        total - 2, total - 1, f"rows {total - 1} to {total} were removed from the end of the"
                              " trail")


def test_a_decision_changed_outside_the_app_is_found(sample_desk: Desk,
                                                     probe: StoreProbe) -> None:
    probe.change_decision_outside("23/00101", "Forged title")
    count, row, why = decisions.verify_audit(sample_desk)
    assert why == "decision 23/00101 no longer matches it: title changed outside the app"


def test_audit_rows_are_written_only_in_a_unit_of_work(sample_desk: Desk) -> None:
    with pytest.raises(AssertionError, match="transaction"):
        audit.record(sample_desk.store, "decision", "23/00101", "edit", None, {}, USER)
    assert decisions.verify_audit(sample_desk)[1:] == (None, None)


# --- the fake is SQLite-free ------------------------------------------------------------------


def test_the_fake_store_runs_the_use_cases_without_sqlite(tmp_path: Path) -> None:
    """In a fresh interpreter: the fake store, the fake documents and the use cases do a
    day's work, and neither ``sqlite3`` nor Qt nor any adapter is ever imported."""
    script = """
import datetime as dt, sys
from governance import committees, decisions, exchange, meetings, records
from governance.desk import Desk
from governance.model import Council, Member, Post, RegisterDocument, Committee
from tests.fake_documents import FakeDocuments
from tests.fake_store import FakeStore

desk = Desk(FakeStore(), FakeDocuments(), None, "clerk", lambda: dt.date(2023, 11, 1))
exchange.import_document(desk, RegisterDocument(
    council=Council("Kent County Council"), posts=[Post("Clerk", "Ann Clerk")],
    members=[Member("Mr A", "Conservative")],
    committees=[Committee("Cabinet", "cabinet", 1, None)]))
committees.add_member(desk, "Cabinet", "Mr A", "chairman")
n = decisions.create_decision(desk, "A decision").value.number
decisions.update_decision(desk, n, {"reasons": "Because."})
meetings.create_meeting(desk, "Cabinet", dt.date(2023, 12, 14))
meetings.add_item(desk, "Cabinet", dt.date(2023, 12, 14), decision=n)
records.render(desk, "record", n, "pdf")
assert decisions.verify_audit(desk)[1:] == (None, None)
text = exchange.export_text(desk)
for name in ("sqlite3", "sqlite_utils", "PySide6", "reportlab", "docx", "pyhanko", "db", "ui",
             "templates"):
    assert name not in sys.modules, name + " was imported"
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_count_stops_past_its_cap(sample_desk: Desk) -> None:
    everything = DecisionFilter()
    assert decisions.count(sample_desk, everything) == 3
    assert decisions.count(sample_desk, everything, cap=2) == 3  # more than 2
    assert decisions.count(sample_desk, everything, cap=1) == 2
    assert decisions.count(sample_desk, DecisionFilter(search="care"), cap=1) == 2
    assert decisions.count_words(1001) == "more than 1,000 decisions"
    assert (decisions.count_words(1), decisions.count_words(1000)) == (
        "1 decision", "1,000 decisions")
