"""The exchange use cases (``governance.exchange``) against every store: import all or
nothing, export and import again to the same text, the demo register. Each test runs on
the in-memory fake and on SQLite (a round trip goes into a new register of the same
kind)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from governance import committees, decisions, exchange, meetings
from governance.desk import Desk
from governance.errors import StoreError
from governance.interchange import InterchangeError
from governance.model import Committee, Decision, Meeting, Member, Post, RegisterDocument
from tests.conftest import pdf_bytes
from tests.usecase_fixtures import everything, import_dict

ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)


def test_import_adds_everything_and_says_what(any_desk: Desk, sample_doc: dict[str, Any],
                                              tmp_path: Path) -> None:
    path = tmp_path / "in" / "register.json"
    import_dict(any_desk, {"format": "decision-register/1"}, tmp_path / "empty")
    sample_doc["meetings"][0]["items"][1]["papers"] = [
        {"path": "papers/report.pdf", "title": "Report"}]
    summary = import_dict(any_desk, sample_doc, tmp_path / "in",
                          {"papers/report.pdf": pdf_bytes("report")})
    assert str(summary) == "3 decisions, 1 meetings, 1 committees, 3 members, 2 posts, 1 papers"
    assert any_desk.store.council().name == "Kent County Council"
    assert [d.number for d in decisions.all_decisions(any_desk)] == [
        "23/00098", "23/00077", "23/00101"]
    assert [d.version for d in decisions.all_decisions(any_desk)] == [1, 1, 1]
    paper = meetings.meeting(any_desk, ASC, NOV).meeting.items[1].papers[0]
    assert (paper.path, paper.title, paper.content) == ("report.pdf", "Report",
                                                        pdf_bytes("report"))
    assert not any_desk.store.is_empty()
    assert decisions.verify_audit(any_desk)[1:] == (None, None)
    assert path.exists()


def test_import_file_message(any_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path,
                             write_doc) -> None:
    path = write_doc(tmp_path / "in", sample_doc)
    done = exchange.import_file(any_desk, path)
    assert done.message == (f"Imported 3 decisions, 1 meetings, 1 committees, 3 members,"
                            f" 2 posts, 0 papers from {path}.")
    assert done.changes.everything


def test_an_import_that_clashes_changes_nothing(sample_desk: Desk, sample_doc: dict[str, Any],
                                                tmp_path: Path, write_doc) -> None:
    before = everything(sample_desk)
    del sample_doc["posts"], sample_doc["members"], sample_doc["committees"]
    del sample_doc["meetings"]
    sample_doc["decisions"] = [sample_doc["decisions"][2] | {"number": "23/00200"},
                               sample_doc["decisions"][0] | {"title": "Another title"}]
    path = write_doc(tmp_path / "clash", sample_doc)
    with pytest.raises(InterchangeError) as refused:
        exchange.import_file(sample_desk, path)
    title = sample_desk.store.decision("23/00098").title
    assert str(refused.value) == (
        f"{path}: decisions[1].number: '23/00098' is already in the register with title"
        f" {title!r}; the file has 'Another title' (a decision's number names one decision:"
        " a different one needs a number of its own)")
    assert everything(sample_desk) == before


def test_an_import_the_store_refuses_half_way_leaves_the_register_as_it_was(
        sample_desk: Desk) -> None:
    """Everything before the failing meeting was written in the unit of work, then undone."""
    before = everything(sample_desk)
    doc = RegisterDocument(
        posts=[Post("Clerk", "Ann Clerk")], members=[Member("Mr New", "Green")],
        committees=[Committee("Scrutiny Committee", "scrutiny", 1, None)],
        decisions=[Decision("23/00300", "Another decision")],
        meetings=[Meeting("Scrutiny Committee", dt.date(2024, 1, 9)),
                  Meeting("No Such Committee", dt.date(2024, 1, 10))])
    with pytest.raises(StoreError, match="'No Such Committee' is not in the register"):
        exchange.import_document(sample_desk, doc)
    assert everything(sample_desk) == before
    assert decisions.allocate_number(sample_desk) == "23/00102"
    # And the same document without the bad meeting goes in whole.
    doc.meetings.pop()
    summary = exchange.import_document(sample_desk, doc)
    assert (summary.decisions, summary.meetings) == (1, 1)
    assert decisions.decision(sample_desk, "23/00300").title == "Another decision"
    assert decisions.verify_audit(sample_desk)[1:] == (None, None)


def test_a_failure_inside_a_unit_of_work_undoes_all_of_it(sample_desk: Desk) -> None:
    """The store's transaction itself: what a block wrote is gone when it raises, nested
    blocks included."""
    before = everything(sample_desk)
    store = sample_desk.store

    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.transaction():
        decisions.create_decision(sample_desk, "Inside")  # its own, nested, unit of work
        committees.set_seats(sample_desk, ASC, 3, None)
        meetings.create_meeting(sample_desk, ASC, dt.date(2023, 12, 14))
        raise Boom
    assert everything(sample_desk) == before
    assert decisions.create_decision(sample_desk, "After").value.number == "23/00102"


def test_export_import_export_gives_the_same_text(sample_desk: Desk,
                                                  new_desk: Callable[[], Desk],
                                                  tmp_path: Path) -> None:
    desk = sample_desk
    meetings.create_meeting(desk, ASC, dt.date(2023, 12, 14), time="10:00",
                            clerk="Richard Smith", notices=["webcasting"])
    meetings.add_item(desk, ASC, dt.date(2023, 12, 14), decision="23/00101")
    meetings.add_item(desk, ASC, dt.date(2023, 12, 14), "Sub-item", parent=6)
    meetings.attach_papers(desk, ASC, dt.date(2023, 12, 14), "6a",
                           [("report.pdf", pdf_bytes("report")),
                            ("appendix.pdf", pdf_bytes("appendix"))])
    meetings.attach_papers(desk, ASC, NOV, 2, [("report.pdf", pdf_bytes("report"))],
                           exempt_paragraph=3)
    meetings.set_item_exempt(desk, ASC, dt.date(2023, 12, 14), 3, 1)
    decisions.update_decision(desk, "23/00101", {"exempt_paragraph": 3, "reasons": "Ünïcode"})
    committees.add_member(desk, ASC, "Ms L Wright", "chairman")
    text = exchange.export_text(desk)
    public = exchange.export_text(desk, public=True)
    assert public != text and "23/00101" not in public

    (tmp_path / "out").mkdir()
    done = exchange.export_file(desk, tmp_path / "out" / "register.json")
    assert done.value == 3
    assert done.message == (f"Exported the register to {tmp_path / 'out' / 'register.json'}"
                            f" and 3 papers in {tmp_path / 'out' / 'papers'}.")
    assert (tmp_path / "out" / "register.json").read_text(encoding="utf-8") == text

    again = new_desk()
    summary = exchange.import_file(again, tmp_path / "out" / "register.json").value
    assert (summary.decisions, summary.meetings, summary.papers) == (3, 2, 3)
    assert exchange.export_text(again) == text
    assert exchange.export_text(again, public=True) == public
    assert exchange.document(again).meetings[1].items[5].items[0].papers[1].content == \
        pdf_bytes("appendix")
    assert decisions.verify_audit(again)[1:] == (None, None)


def test_the_demo_register_loads_into_an_empty_one_only(
        any_desk: Desk, new_desk: Callable[[], Desk], tmp_path: Path) -> None:
    done = exchange.load_demo(any_desk)  # the fake documents lay out no papers
    summary = done.value
    assert done.message == f"Loaded the demo register: {summary}."
    assert summary.papers == 0 and summary.decisions > 0 and summary.meetings == 2
    assert exchange.document(any_desk).council.name == "Kent County Council"
    record = any_desk.store.meeting(exchange.DEMO_COMMITTEE, exchange.MEETING_2019)
    assert record.recorded is not None
    assert (record.recorded.seats, record.recorded.party_seats) == (
        15, exchange.PARTY_SEATS_2019)
    assert [(m.member, m.role) for m in record.recorded.membership] == list(
        exchange.MEMBERSHIP_2019)
    assert decisions.verify_audit(any_desk)[1:] == (None, None)
    with pytest.raises(exchange.DemoError, match="the register is not empty"):
        exchange.load_demo(any_desk)
    # The demo exports and imports to the same text too.
    (tmp_path / "demo").mkdir()
    exchange.export_file(any_desk, tmp_path / "demo" / "register.json")
    again = new_desk()
    exchange.import_file(again, tmp_path / "demo" / "register.json")
    assert exchange.export_text(again) == exchange.export_text(any_desk)


def test_document_reads_the_whole_register(sample_desk: Desk) -> None:
    doc = exchange.document(sample_desk, content=False)
    assert [c.name for c in doc.committees] == [ASC]
    assert [p.title for p in doc.posts] == ["Corporate Director Adult Social Care and Health",
                                            "General Counsel"]
    assert [m.name for m in doc.members] == ["Mr A M Ridgers", "Ms L Wright", "Mr D Ross"]
    items = doc.meetings[0].items
    assert [(i.title, i.standing, i.decision) for i in items] == [
        ("Apologies and Substitutes", True, None),
        ("Adult Social Care Pressures Plan 2023/2024", None, "23/00098"),
        ("Decisions Taken Outside of the Cabinet Committee Cycle", None, None)]
    assert [(i.title, i.decision) for i in items[2].items] == [
        ("Care Home Beds Framework Extension", "23/00077")]
    assert dataclasses.asdict(sample_desk.store.facts())["decisions"] == 3
    assert sample_desk.store.known_names().meetings == {(ASC, "2023-11-23")}
