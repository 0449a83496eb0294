"""What the register holds that the first files of the format could not carry, now optional
keys of ``decision-register/1`` (every store): a meeting's late-publication reason and the
membership its published agenda printed, a correcting decision's link to the decision it
amends. Export, import into an empty register, export again gives the same bytes; files
without the keys stay valid; a reference that does not fit is refused naming its path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from governance import exchange
from governance.desk import Desk
from governance.interchange import InterchangeError
from governance.model import Membership
from tests.conftest import ASC
from tests.usecase_fixtures import everything, import_dict

NOV = dt.date(2023, 11, 23)
PRINTED = {"seats": 3, "party_seats": {"Conservative": 2, "Labour": 1},
           "membership": [{"member": "Ms L Wright", "role": "chairman"},
                          {"member": "Mr A M Ridgers", "role": "member"},
                          {"member": "Mr D Ross", "role": "vice_chairman"}]}
LATE = "The Pressures Plan figures were not available until 17 November."


def _later(sample_doc: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(sample_doc)
    meeting = doc["meetings"][0]
    meeting.update(published_on="2023-11-20", late_reason=LATE,
                   printed_membership=copy.deepcopy(PRINTED))
    doc["decisions"].insert(0, {"number": "23/00150", "title": "Care Home Beds Framework"
                                " Extension (correction)", "amends": "23/00077"})
    return doc


def test_the_later_keys_are_imported_into_what_the_register_keeps(
        any_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    import_dict(any_desk, _later(sample_doc), tmp_path / "in")
    record = any_desk.store.meeting(ASC, NOV, content=False)
    assert record.meeting.late_reason == LATE and record.published_late is True
    assert record.recorded.membership == (Membership("Ms L Wright", "chairman"),
                                          Membership("Mr A M Ridgers", "member"),
                                          Membership("Mr D Ross", "vice_chairman"))
    # The committee's own membership is the file's committee entry, not the printed one.
    committee = {c.name: c for c in any_desk.store.committees()}[ASC]
    assert committee.membership[0] == Membership("Mr A M Ridgers", "chairman")
    assert any_desk.store.decision("23/00150").amends == "23/00077"


def test_export_import_export_gives_the_same_bytes_with_the_later_keys(
        new_desk: Callable[[], Desk], sample_doc: dict[str, Any], tmp_path: Path) -> None:
    first = new_desk()
    import_dict(first, _later(sample_doc), tmp_path / "in")
    text = exchange.export_text(first)
    exported = json.loads(text)
    meeting = exported["meetings"][0]
    assert (meeting["late_reason"], meeting["printed_membership"]) == (LATE, PRINTED)
    assert {d["number"]: d["amends"] for d in exported["decisions"]} == {
        "23/00150": "23/00077", "23/00098": None, "23/00077": None, "23/00101": None}
    second = new_desk()
    import_dict(second, exported, tmp_path / "again")
    assert exchange.export_text(second) == text


def test_a_file_without_the_later_keys_is_the_same_entry_as_the_register_with_them(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    """An older file re-imported into a register that has recorded more: nothing differs."""
    before = everything(sample_desk)
    summary = import_dict(sample_desk, sample_doc, tmp_path / "older")
    assert (summary.decisions, summary.meetings, summary.same) == (0, 0, 11)
    assert everything(sample_desk) == before


@pytest.mark.parametrize(("change", "where", "expected"), [
    (lambda d: d["decisions"][0].update(amends="23/09999"), "decisions[0].amends",
     "'23/09999' is not a decision in the document or the register"),
    (lambda d: d["decisions"][2].update(amends="23/00150"), "decisions[0].amends",
     "'23/00150' would amend itself through the decisions it amends"),
    (lambda d: d["meetings"][0]["printed_membership"]["membership"].append(
        {"member": "Mr Nobody", "role": "member"}),
     "meetings[0].printed_membership.membership[3].member",
     "'Mr Nobody' is not a member in the document or the register"),
    (lambda d: d["meetings"][0]["printed_membership"].update(seats=-1),
     "meetings[0].printed_membership.seats", "-1 is out of range (minimum 0)"),
])
def test_a_later_key_that_does_not_fit_is_refused_naming_its_path(
        any_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path, change, where: str,
        expected: str) -> None:
    doc = _later(sample_doc)
    change(doc)
    before = everything(any_desk)
    with pytest.raises(InterchangeError) as refused:
        import_dict(any_desk, doc, tmp_path / "bad")
    assert f": {where}: " in str(refused.value) and expected in str(refused.value)
    assert everything(any_desk) == before


def test_the_public_export_does_not_point_at_an_exempt_decision(
        new_desk: Callable[[], Desk], sample_doc: dict[str, Any], tmp_path: Path) -> None:
    doc = _later(sample_doc)
    doc["decisions"][2]["exempt_paragraph"] = 3  # 23/00077, which 23/00150 amends
    first = new_desk()
    import_dict(first, doc, tmp_path / "in")
    public = json.loads(exchange.export_text(first, public=True))
    numbers = {d["number"]: d["amends"] for d in public["decisions"]}
    assert "23/00077" not in numbers and numbers["23/00150"] is None
    import_dict(new_desk(), public, tmp_path / "public")  # a public file imports whole
