"""The Forward Plan (issue 15, SI 2012/2089 regulation 9): a decision's expected date kept by
every store and carried by the interchange file; the plan built from the register (what is
new since the last published one, an exempt decision by number, title and paragraph only);
publishing it records the notice date of every key decision on it, audited."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from governance import decisions, exchange, forward_plan, listings
from governance.desk import Desk
from governance.errors import UserError
from governance.interchange import InterchangeError, parse, validate
from governance.plan import ExpectedDateError, expected_period, parse_expected

DEC = dt.date(2023, 12, 1)
END = dt.date(2024, 3, 31)


def _expect(desk: Desk, number: str, when: str) -> None:
    forward_plan.set_expected(desk, number, when)


@pytest.mark.parametrize(("text", "kept"), [
    ("14 March 2024", "2024-03-14"), ("2024-03-14", "2024-03-14"), ("14th March 2024",
                                                                    "2024-03-14"),
    ("March 2024", "2024-03"), ("Mar 2024", "2024-03"), ("2024-03", "2024-03"),
    ("none", None), ("", None)])
def test_an_expected_date_is_a_day_or_a_month(text: str, kept: str | None) -> None:
    assert parse_expected(text) == kept


def test_an_expected_date_that_is_neither_is_refused_in_one_sentence() -> None:
    with pytest.raises(ExpectedDateError, match="'next spring' is not a date or a month"):
        parse_expected("next spring")
    assert expected_period("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_the_expected_date_is_kept_and_audited_on_every_store(sample_desk: Desk) -> None:
    done = forward_plan.set_expected(sample_desk, "23/00098", "January 2024")
    assert done.message == "23/00098: expected January 2024."
    assert decisions.decision(sample_desk, "23/00098").expected_on == "2024-01"
    assert decisions.decision(sample_desk, "23/00101").expected_on is None
    trail = decisions.audit_trail(sample_desk, "decision", "23/00098")
    assert trail[-1].action == "expect"
    assert trail[-1].after_json()["expected_on"] == "2024-01"
    decisions.update_decision(sample_desk, "23/00098", {"expected_on": "2024-01-18"})
    assert decisions.decision(sample_desk, "23/00098").expected_on == "2024-01-18"
    forward_plan.set_expected(sample_desk, "23/00098", "none")
    assert decisions.decision(sample_desk, "23/00098").expected_on is None
    assert decisions.verify_audit(sample_desk)[1] is None


def test_a_taken_decision_keeps_its_expected_date(sample_desk: Desk) -> None:
    with pytest.raises(UserError):
        forward_plan.set_expected(sample_desk, "23/00077", "March 2024")


def test_the_expected_date_goes_out_and_comes_back_byte_for_byte(
        sample_desk: Desk, new_desk: Callable[[], Desk], tmp_path: Path) -> None:
    _expect(sample_desk, "23/00098", "2024-01-18")
    _expect(sample_desk, "23/00101", "February 2024")
    text = exchange.export_text(sample_desk)
    data = json.loads(text)
    by_number = {d["number"]: d for d in data["decisions"]}
    assert by_number["23/00098"]["expected_on"] == "2024-01-18"
    assert by_number["23/00101"]["expected_on"] == "2024-02"
    assert "expected_on" not in by_number["23/00077"]  # written only when set
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "register.json").write_text(text, encoding="utf-8")
    again = new_desk()
    exchange.import_file(again, tmp_path / "in" / "register.json")
    assert decisions.decision(again, "23/00101").expected_on == "2024-02"
    assert exchange.export_text(again) == text


def test_a_file_with_a_bad_expected_date_is_refused(sample_doc: dict[str, Any]) -> None:
    validate(sample_doc)
    sample_doc["decisions"][0]["expected_on"] = "March 2024"
    with pytest.raises(InterchangeError, match="expected_on"):
        validate(sample_doc)
    sample_doc["decisions"][0]["expected_on"] = "2024-02-30"
    validate(sample_doc)  # the shape is right, but there is no such day
    with pytest.raises(InterchangeError, match=r"decisions\[0\]\.expected_on.*'2024-02-30'"
                                               " is not a real day or month"):
        parse(sample_doc)


def _key(desk: Desk, number: str, when: str, **changes: Any) -> None:
    decisions.update_decision(desk, number, {"key_decision": True, "expected_on": when,
                                             **changes})


def test_the_plan_lists_key_decisions_expected_in_the_period(sample_desk: Desk) -> None:
    _expect(sample_desk, "23/00098", "2024-01-18")
    _key(sample_desk, "23/00101", "2024-06")  # after the period
    plan = forward_plan.forward_plan(sample_desk, DEC, END)
    assert [e.number for e in plan.entries] == ["23/00098"]
    entry = plan.entries[0]
    assert entry.expected == "18 January 2024"
    assert entry.decision_maker == "Cabinet Member for Adult Social Care and Public Health"
    assert entry.considerations == (("Adult Social Care Cabinet Committee",
                                     dt.date(2023, 11, 23)),)
    assert entry.documents[:2] == ("Report to the decision maker",
                                   "Proposed Record of Decision")
    assert entry.proposal[0].split()[0].isupper()
    assert entry.new and plan.last_published is None


def test_a_month_counts_when_any_of_its_days_is_in_the_period(sample_desk: Desk) -> None:
    _key(sample_desk, "23/00101", "2023-11")
    plan = forward_plan.forward_plan(sample_desk, dt.date(2023, 11, 30), END)
    assert [e.number for e in plan.entries] == ["23/00101"]
    assert plan.entries[0].expected == "November 2023"


def test_an_exempt_decision_is_listed_by_number_title_and_paragraph_only(
        sample_desk: Desk) -> None:
    _key(sample_desk, "23/00101", "2024-02", exempt_paragraph=3,
         reasons="The bidder's prices are commercially sensitive")
    plan = forward_plan.forward_plan(sample_desk, DEC, END)
    entry = plan.entries[0]
    assert (entry.number, entry.title, entry.exempt_paragraph) == (
        "23/00101", "Technology Enabled Care Service", 3)
    assert (entry.decision_maker, entry.documents, entry.proposal, entry.considerations) == (
        "", (), (), ())


def test_a_plan_that_lists_nothing_is_refused(sample_desk: Desk) -> None:
    with pytest.raises(forward_plan.ForwardPlanError,
                       match="^no key decision is expected between 1 December 2023 and 31"
                             " March 2024, so there is no Forward Plan to make"):
        forward_plan.forward_plan(sample_desk, DEC, END)
    with pytest.raises(forward_plan.ForwardPlanError, match="ends"):
        forward_plan.forward_plan(sample_desk, END, DEC)


def test_publishing_records_the_notice_date_and_what_was_on_the_plan(
        sample_desk: Desk) -> None:
    sample_desk.clock.day = DEC
    _key(sample_desk, "23/00101", "2024-02")
    _expect(sample_desk, "23/00098", "2024-01-18")  # noticed on 20 October 2023 already
    done = forward_plan.publish(sample_desk, DEC)
    assert done.message == ("Recorded the Forward Plan published on 1 December 2023: 2 key"
                            " decisions, 1 given that date as their notice date.")
    d = decisions.decision(sample_desk, "23/00101")
    assert (d.notice_published_on, d.status) == (DEC, "notice_published")
    assert decisions.decision(sample_desk, "23/00098").notice_published_on == \
        dt.date(2023, 10, 20)
    assert decisions.audit_trail(sample_desk, "decision", "23/00101")[-1].action == "forward_plan"
    assert [p.on for p in forward_plan.publications(sample_desk)] == [DEC]
    # The next plan marks only what was not on the last one.
    plan = forward_plan.forward_plan(sample_desk, DEC, END)
    assert [e.new for e in plan.entries] == [False, False]
    assert plan.last_published == DEC
    assert decisions.verify_audit(sample_desk)[1] is None


def test_an_entry_added_after_the_last_plan_is_marked_new(sample_desk: Desk) -> None:
    sample_desk.clock.day = DEC
    _expect(sample_desk, "23/00098", "2024-01-18")
    forward_plan.publish(sample_desk, DEC)
    _key(sample_desk, "23/00101", "2024-02")
    plan = forward_plan.forward_plan(sample_desk, DEC, END)
    assert {e.number: e.new for e in plan.entries} == {"23/00098": False, "23/00101": True}


def test_the_notice_date_from_the_plan_satisfies_the_28_clear_days_rule(
        sample_desk: Desk) -> None:
    sample_desk.clock.day = DEC
    _key(sample_desk, "23/00101", "2024-01-04")
    def codes() -> list[str]:
        return [p.code for p in listings.decision_problems(sample_desk, "23/00101")]

    assert "key_decision_no_notice" in codes()
    forward_plan.publish(sample_desk, DEC)
    assert "key_decision_no_notice" not in codes()


def test_a_plan_published_for_a_past_date_needs_a_reason(sample_desk: Desk) -> None:
    sample_desk.clock.day = dt.date(2023, 12, 5)
    _key(sample_desk, "23/00101", "2024-02")
    with pytest.raises(forward_plan.ForwardPlanError, match="--late-reason"):
        forward_plan.publish(sample_desk, DEC)
    assert decisions.decision(sample_desk, "23/00101").notice_published_on is None
    forward_plan.publish(sample_desk, DEC, late_reason="The website was down on the day")
    assert forward_plan.publications(sample_desk)[0].late_reason == \
        "The website was down on the day"
    with pytest.raises(forward_plan.ForwardPlanError, match="in the future"):
        forward_plan.publish(sample_desk, dt.date(2023, 12, 6))


def test_publishing_a_plan_that_lists_nothing_is_refused_and_records_nothing(
        sample_desk: Desk) -> None:
    sample_desk.clock.day = DEC
    with pytest.raises(forward_plan.ForwardPlanError, match="^no key decision is expected"):
        forward_plan.publish(sample_desk, DEC)
    assert forward_plan.publications(sample_desk) == []


def test_an_edit_with_an_expected_date_the_register_cannot_keep_is_refused(
        sample_desk: Desk) -> None:
    for bad in ("March 2024", "2024-02-30"):
        with pytest.raises(UserError, match="is not a day or a month: write YYYY-MM-DD"):
            decisions.update_decision(sample_desk, "23/00098", {"expected_on": bad})
    assert decisions.decision(sample_desk, "23/00098").expected_on is None


def test_check_warns_when_the_expected_date_comes_before_the_notice_has_run(
        sample_desk: Desk) -> None:
    sample_desk.clock.day = DEC
    _key(sample_desk, "23/00101", "2023-12-14")
    forward_plan.publish(sample_desk, DEC)
    found = [p for p in listings.decision_problems(sample_desk, "23/00101")
             if p.code == "key_decision_expected_too_soon"]
    assert [p.message for p in found] == [
        "Key decision expected 14 December 2023, but its Forward Plan notice (1 December"
        " 2023) gives 12 clear days before it, 28 needed (earliest 30 December 2023); move"
        " the expected date or use the general exception or special urgency route."]
    forward_plan.set_expected(sample_desk, "23/00101", "January 2024")
    assert "key_decision_expected_too_soon" not in [
        p.code for p in listings.decision_problems(sample_desk, "23/00101")]
