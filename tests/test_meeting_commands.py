"""``meeting ...`` commands: everything the Meetings screen does to a meeting, from a
script, with the refusals (one line, and nothing changed)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter

from governance import decisions, meetings
from governance.desk import Desk
from main import main
from tests.conftest import load_demo_without_papers, open_desk, pdf_bytes
from ui.cli.meeting_commands import meeting_json

ASC = "Adult Social Care Cabinet Committee"
NOV_2023 = dt.date(2023, 11, 23)
JAN_2024 = dt.date(2024, 1, 18)
ASC_2023 = ["--committee", ASC, "--date", "2023-11-23"]
ASC_2024 = ["--committee", ASC, "--date", "2024-01-18"]
AGENDA_2023 = f"the agenda of {ASC}, Thursday 23 November 2023"
AGENDA_2024 = f"the agenda of {ASC}, Thursday 18 January 2024"
STANDING_2024 = ["Introduction/Webcasting Announcement", "Apologies and Substitutes",
                 "Declarations of Interest by Members in items on the agenda",
                 "Minutes of the meeting held on 23 November 2023",
                 "Verbal Updates by Cabinet Member and Corporate Director", "Work Programme"]


@contextlib.contextmanager
def opened(path: Path) -> Iterator[Desk]:
    desk = open_desk(path)
    try:
        yield desk
    finally:
        desk.close()


@pytest.fixture
def db(tmp_path) -> Path:
    """The demo register in a file, with a meeting of its own (18 January 2024) whose
    agenda is the six standing items, its last Work Programme."""
    path = tmp_path / "register.sqlite"
    with opened(path) as register:
        load_demo_without_papers(register)
        meetings.create_meeting(register, ASC, JAN_2024, time="10:00")
    return path


@pytest.fixture
def pdfs(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "papers"
    folder.mkdir()
    encrypted = PdfWriter()
    encrypted.add_blank_page(595, 842)
    encrypted.encrypt("secret")
    data = io.BytesIO()
    encrypted.write(data)
    good = pdf_bytes("report")
    files = {"report.pdf": good, "scores.pdf": pdf_bytes("scores"),
             "appendix.pdf": pdf_bytes("appendix"), "notes.pdf": b"Meeting notes, not a PDF",
             "locked.pdf": data.getvalue(), "broken.pdf": good[: len(good) // 2]}
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return {name: folder / name for name in files}


def run(capsys, db: Path, *args: Any) -> tuple[int, str, str]:
    code = main(["--db", str(db), "meeting", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def state(db: Path, date: dt.date = JAN_2024) -> dict[str, Any]:
    """What ``meeting show --json`` reads back, and how many audit rows and paper files
    there are: compared before and after a refusal."""
    with opened(db) as register:
        return {"meeting": meeting_json(register, meetings.meeting(register, ASC, date)),
                "audit": len(decisions.audit_trail(register)),
                "files": register.store.db.execute(
                    "SELECT count(*) FROM paper_files").fetchone()[0]}


def titles(db: Path, date: dt.date = JAN_2024) -> list[str]:
    return [i["title"] for i in state(db, date)["meeting"]["items"]]


def shown(capsys, db: Path, *where: str) -> str:
    code, out, _err = run(capsys, db, "show", *(where or ASC_2024))
    assert code == 0
    return out


# --- new and edit: clerk, Proper Officer, notices ---------------------------------------


def test_a_new_meeting_has_its_clerk_proper_officer_and_notices_on_its_front_sheet(
        db, capsys):
    from templates.frontsheet import front_sheet, plan_agenda
    from templates.pack import lay_out

    code, out, err = run(capsys, db, "new", "--committee", ASC, "--date", "2024-03-14",
                         "--time", "14:00", "--clerk", "Dominic Westhoff",
                         "--proper-officer", "General Counsel", "--notice", "webcasting",
                         "--notice", "refreshments")
    assert (code, err) == (0, "")
    assert out == (
        f"Made the meeting of {ASC} on Thursday 14 March 2024 with 6 standing items; publish"
        " its agenda by Wednesday 6 March 2024.\n"
        "Ask for: Dominic Westhoff (Democratic Services Officer, 03000 412188,"
        " dominic.westhoff@kent.gov.uk); Proper Officer: General Counsel (Benjamin Watts,"
        " 03000 416814, benjamin.watts@kent.gov.uk); notices: webcasting, refreshments.\n")
    with opened(db) as register:
        details = meetings.meeting(register, ASC, dt.date(2024, 3, 14))
        plan = plan_agenda(details, False)
        sheet = front_sheet(details, plan, lay_out(plan).ranges)
    lines = sheet.lines()
    assert (sheet.ask_for, sheet.telephone, sheet.email) == (
        "Ask for: Dominic Westhoff", "Telephone: 03000 412188", "dominic.westhoff@kent.gov.uk")
    assert "Webcasting Notice" in lines
    assert "Tea/Coffee will be available 15 minutes before the start of the meeting" in lines
    # The Proper Officer signs off, over the date of publication.
    assert lines[-5:-1] == ["Benjamin Watts", "General Counsel", "03000 416814",
                            "Wednesday, 6 March 2024"]


@pytest.mark.parametrize("flag, value, message", [
    ("--clerk", "Dom Westhoff",
     "meeting: the clerk (Ask for) is someone who holds a post in the register, and"
     " 'Dom Westhoff' holds none (post holders: Anne Tidmarsh, Benjamin Watts,"),
    ("--proper-officer", "Monitoring Officer",
     "meeting: the Proper Officer is a post, and 'Monitoring Officer' is not a post in the"
     " register (posts: Acting Directorate Business Manager, Adult Social Care and Health,"),
    ("--notice", "livestream",
     "meeting: 'livestream' is not a notice (one of webcasting, remote_attendance,"
     " non_member_questions, refreshments)\n"),
])
def test_an_unknown_clerk_proper_officer_or_notice_makes_no_meeting(db, capsys, flag, value,
                                                                    message):
    code, out, err = run(capsys, db, "new", "--committee", ASC, "--date", "2024-03-14",
                         flag, value)
    assert (code, out) == (1, "")
    assert err.startswith(message) and err.count("\n") == 1
    with opened(db) as register:
        assert (ASC, dt.date(2024, 3, 14), None) not in meetings.meeting_list(register)


def test_edit_changes_a_meetings_details_and_the_audit_trail_records_them(db, capsys):
    code, out, _err = run(capsys, db, "edit", *ASC_2024, "--clerk", "Dominic Westhoff",
                          "--proper-officer", "General Counsel", "--notice", "webcasting",
                          "--venue", "Darent Room, Sessions House")
    assert code == 0
    assert out == (
        f"Changed the meeting of {ASC} on Thursday 18 January 2024: venue from none to Darent"
        " Room, Sessions House; clerk (Ask for) from none to Dominic Westhoff; Proper Officer"
        " from none to General Counsel; notices from none to webcasting.\n")
    show = shown(capsys, db)
    assert "Venue: Darent Room, Sessions House\n" in show
    assert "Ask for: Dominic Westhoff (Democratic Services Officer, 03000 412188" in show
    assert "Notices: webcasting\n" in show
    with opened(db) as register:
        row = decisions.audit_trail(register, "meeting")[-1]
    assert (row["action"], row["entity_key"]) == ("update_details", f"{ASC} 2024-01-18")
    assert json.loads(row["after"]) == {
        "venue": "Darent Room, Sessions House", "clerk": "Dominic Westhoff",
        "proper_officer": "General Counsel", "notices": ["webcasting"],
        "agenda_published_on": None}

    # An empty value clears; --no-notices takes every notice off; the time alone stays.
    code, out, _err = run(capsys, db, "edit", *ASC_2024, "--venue", "", "--no-notices")
    assert out == (f"Changed the meeting of {ASC} on Thursday 18 January 2024: venue from"
                   " Darent Room, Sessions House to none; notices from webcasting to none.\n")
    assert "Notices: none\n" in shown(capsys, db)


def test_editing_a_published_meeting_says_to_republish_and_is_audited_as_published(
        db, capsys):
    code, out, _err = run(capsys, db, "edit", *ASC_2023, "--notice", "webcasting",
                          "--notice", "remote_attendance")
    assert code == 0
    assert out.endswith(
        "notices from none to webcasting, remote_attendance. Its agenda was published on"
        " Wednesday 15 November 2023: republish it (make the front sheet again and publish"
        " that) so the published agenda shows the change.\n")
    with opened(db) as register:
        row = decisions.audit_trail(register, "meeting")[-1]
    assert json.loads(row["before"])["agenda_published_on"] == "2023-11-15"


def test_an_edit_that_changes_nothing_says_so_and_writes_no_audit_row(db, capsys):
    before = state(db)
    code, out, _err = run(capsys, db, "edit", *ASC_2024, "--time", "10:00")
    assert (code, out) == (0, f"Nothing changed: the meeting of {ASC} on Thursday 18 January"
                              " 2024 already has those details.\n")
    assert state(db) == before
    code, _out, err = run(capsys, db, "edit", *ASC_2024)
    assert (code, err) == (1, "meeting: give what to change: --time, --venue, --clerk,"
                              " --proper-officer, --notice or --no-notices\n")


@pytest.mark.parametrize("args, message", [
    (["--clerk", "Nobody"], "meeting: the clerk (Ask for) is someone who holds a post"),
    (["--time", "25:00"], "meeting: '25:00' is not a time (HH:MM, 24-hour)\n"),
    (["--notice", "webcasting", "--notice", "tea"], "meeting: 'tea' is not a notice"),
])
def test_a_refused_edit_changes_nothing(db, capsys, args, message):
    before = state(db)
    code, out, err = run(capsys, db, "edit", *ASC_2024, "--venue", "Darent Room", *args)
    assert (code, out) == (1, "")
    assert err.startswith(message) and err.count("\n") == 1
    assert state(db) == before


# --- items: add (and sub-items), move, remove --------------------------------------------


def test_sub_items_are_made_under_an_item_and_shown_lettered(db, capsys):
    code, out, _err = run(capsys, db, "add-item", *ASC_2024, "--title",
                          "Decisions Taken Outside of the Cabinet Committee Cycle")
    assert out == (f"Added item 6 to the agenda of {ASC}, Thursday 18 January 2024: Decisions"
                   " Taken Outside of the Cabinet Committee Cycle.\n")
    for title in ("S75 Variation", "Care Home Beds Framework Extension"):
        assert run(capsys, db, "add-item", *ASC_2024, "--title", title, "--parent", "6")[0] == 0
    run(capsys, db, "add-item", *ASC_2024, "--decision", "23/00091", "--parent", "6")
    show = shown(capsys, db)
    assert ("  6     Decisions Taken Outside of the Cabinet Committee Cycle\n"
            "    a)  S75 Variation\n"
            "    b)  Care Home Beds Framework Extension\n"
            "    c)  23/00091 - Approval of the Kent and Medway Integrated Care Strategy\n"
            "  7     Work Programme [standing]\n") in show
    sub = state(db)["meeting"]["items"][5]["items"]
    assert [(s["number"], s["label"]) for s in sub] == [("6a", "a)"), ("6b", "b)"), ("6c", "c)")]

    before = state(db)
    code, out, err = run(capsys, db, "add-item", *ASC_2024, "--title", "Deeper", "--parent",
                         "6b")
    assert (code, out) == (1, "")
    assert err == (f"meeting: item 6b of {ASC} 2024-01-18 is a sub-item, and a sub-item has"
                   " none of its own: put it under item 6\n")
    assert state(db) == before


def test_move_puts_an_item_where_the_window_drags_it(db, capsys):
    run(capsys, db, "add-item", *ASC_2024, "--title", "Accommodation Strategy")
    code, out, _err = run(capsys, db, "move", *ASC_2024, "--item", "6", "--to", "5")
    assert (code, out) == (0, f"Moved item 6 (Accommodation Strategy) to item 5 of"
                              f" {AGENDA_2024}.\n")
    assert titles(db)[3:] == ["Minutes of the meeting held on 23 November 2023",
                              "Accommodation Strategy",
                              "Verbal Updates by Cabinet Member and Corporate Director",
                              "Work Programme"]
    with opened(db) as register:
        assert decisions.audit_trail(register, "meeting")[-1]["action"] == "reorder_items"

    before = state(db)
    code, _out, err = run(capsys, db, "move", *ASC_2024, "--item", "6", "--to", "9")
    assert (code, err) == (1, f"meeting: the agenda of {ASC} 2024-01-18 has no place 9 to"
                              " move to: give an item number from 1 to 7\n")
    code, _out, err = run(capsys, db, "move", *ASC_2024, "--item", "8", "--to", "1")
    assert (code, err) == (1, f"meeting: the agenda of {ASC} 2024-01-18 has no item 8 (it"
                              " has 7 items)\n")
    assert state(db) == before


def test_a_sub_item_moves_among_its_items_sub_items(db, capsys):
    run(capsys, db, "add-item", *ASC_2024, "--title", "Outside the cycle")
    for title in ("First", "Second", "Third"):
        run(capsys, db, "add-item", *ASC_2024, "--title", title, "--parent", "6")
    code, out, _err = run(capsys, db, "move", *ASC_2024, "--item", "6c", "--to", "a")
    assert out == f"Moved item 6c (Third) to item 6a of {AGENDA_2024}.\n"
    assert [s["title"] for s in state(db)["meeting"]["items"][5]["items"]] == [
        "Third", "First", "Second"]
    code, _out, err = run(capsys, db, "move", *ASC_2024, "--item", "6a", "--to", "5b")
    assert (code, err) == (1, f"meeting: item 6 of {ASC} 2024-01-18 has no sub-item place 5b"
                              " to move to: give one of 6a to 6c\n")


def test_removing_an_item_numbers_the_rest_up(db, capsys):
    run(capsys, db, "add-item", *ASC_2024, "--title", "Accommodation Strategy")
    code, out, _err = run(capsys, db, "remove-item", *ASC_2024, "--item", "2")
    assert (code, out) == (0, f"Removed item 2 (Apologies and Substitutes) from {AGENDA_2024};"
                              " items 3 to 7 are now 2 to 6.\n")
    assert titles(db) == [STANDING_2024[0], *STANDING_2024[2:5], "Accommodation Strategy",
                          "Work Programme"]
    # A standing item may go too: it is the clerk's agenda.
    code, out, _err = run(capsys, db, "remove-item", *ASC_2024, "--item", "6")
    assert out == (f"Removed item 6 (Work Programme) from {AGENDA_2024}.\n")
    with opened(db) as register:
        row = decisions.audit_trail(register, "meeting")[-1]
    assert row["action"] == "remove_item" and json.loads(row["before"])["title"] == \
        "Work Programme"


def test_an_item_with_papers_is_removed_only_with_them(db, capsys, pdfs):
    run(capsys, db, "add-item", *ASC_2024, "--title", "Accommodation Strategy")
    run(capsys, db, "attach", *ASC_2024, "--item", "6", pdfs["report.pdf"], pdfs["scores.pdf"])
    before = state(db)
    code, out, err = run(capsys, db, "remove-item", *ASC_2024, "--item", "6")
    assert (code, out) == (1, "")
    assert err == (f"meeting: item 6 of {ASC} 2024-01-18 (Accommodation Strategy) has 2 papers"
                   " (report.pdf and scores.pdf): detach them first, or remove the item with"
                   " its papers (--with-papers)\n")
    assert state(db) == before
    code, out, _err = run(capsys, db, "remove-item", *ASC_2024, "--item", "6", "--with-papers")
    assert out == (f"Removed item 6 (Accommodation Strategy) from {AGENDA_2024}, with 2 papers"
                   " (report.pdf and scores.pdf); item 7 is now 6.\n")
    after = state(db)
    assert [i["title"] for i in after["meeting"]["items"]] == STANDING_2024
    assert after["files"] == before["files"] - 2  # nothing else refers to their content


# --- papers: attach (all or nothing), detach, exempt -------------------------------------


def test_papers_are_attached_and_shown_with_pages_and_sha256(db, capsys, pdfs):
    code, out, _err = run(capsys, db, "attach", *ASC_2024, "--item", "4",
                          pdfs["report.pdf"], pdfs["scores.pdf"])
    assert (code, out) == (0, f"Attached report.pdf and scores.pdf to item 4 of {AGENDA_2024}"
                              " (2 pages).\n")
    code, out, _err = run(capsys, db, "attach", *ASC_2024, "--item", "4", pdfs["appendix.pdf"],
                          "--title", "Appendix A: scores", "--exempt-paragraph", "3")
    assert out == f"Attached appendix.pdf to item 4 of {AGENDA_2024} (1 page).\n"
    sha = {name: hashlib.sha256(pdfs[name].read_bytes()).hexdigest()
           for name in ("report.pdf", "scores.pdf", "appendix.pdf")}
    show = shown(capsys, db)
    assert (f"  4     Minutes of the meeting held on 23 November 2023 [standing]\n"
            f"          paper 1: report.pdf, 1 page, sha256 {sha['report.pdf'][:12]}\n"
            f"          paper 2: scores.pdf, 1 page, sha256 {sha['scores.pdf'][:12]}\n"
            f"          paper 3: appendix.pdf, 'Appendix A: scores', 1 page, sha256"
            f" {sha['appendix.pdf'][:12]}, exempt, paragraph 3\n") in show
    papers = state(db)["meeting"]["items"][3]["papers"]
    assert papers[2] == {"position": 3, "file_name": "appendix.pdf",
                         "title": "Appendix A: scores", "pages": 1,
                         "sha256": sha["appendix.pdf"], "exempt_paragraph": 3}


@pytest.mark.parametrize("bad, reason", [
    ("notes.pdf", "'notes.pdf' is not a PDF file: attach the PDF version of the paper"),
    ("locked.pdf", "'locked.pdf' is encrypted (it needs a password to open): ask its author"
                   " for a copy without a password"),
    ("broken.pdf", "'broken.pdf' is damaged (it cannot be read: "),
])
def test_attaching_is_all_or_nothing_and_a_bad_paper_is_named_with_its_reason(
        db, capsys, pdfs, bad, reason):
    before = state(db)
    code, out, err = run(capsys, db, "attach", *ASC_2024, "--item", "4", pdfs["report.pdf"],
                         pdfs[bad], pdfs["scores.pdf"])
    assert (code, out) == (1, "")
    assert err.startswith(f"meeting: {reason}") and err.count("\n") == 1
    assert err.endswith("(none of the 3 files was attached)\n")
    assert state(db) == before


def test_attach_refuses_what_it_cannot_do_and_attaches_nothing(db, capsys, pdfs, tmp_path):
    before = state(db)
    for args, message in (
            (["--item", "4", pdfs["report.pdf"], pdfs["scores.pdf"], "--title", "Report"],
             "meeting: a title names one paper: attach the 2 files one at a time to give each"
             " its title\n"),
            (["--item", "12", pdfs["report.pdf"]],
             f"meeting: the agenda of {ASC} 2024-01-18 has no item 12 (it has 6 items)\n"),
            (["--item", "4", tmp_path / "missing.pdf"],
             f"meeting: 'missing.pdf' not found (looked for {tmp_path / 'missing.pdf'})\n"),
            (["--item", "4", pdfs["report.pdf"], "--exempt-paragraph", "8"],
             "meeting: 8 is not a paragraph of Part 1 of Schedule 12A (1 to 7)\n")):
        code, out, err = run(capsys, db, "attach", *ASC_2024, *args)
        assert (code, out, err) == (1, "", message)
    assert state(db) == before


def test_a_paper_is_detached_by_name_or_position_and_its_content_kept_while_used(
        db, capsys, pdfs):
    run(capsys, db, "attach", *ASC_2024, "--item", "4", pdfs["report.pdf"], pdfs["scores.pdf"],
        pdfs["appendix.pdf"])
    run(capsys, db, "attach", *ASC_2024, "--item", "5", pdfs["scores.pdf"])  # the same file
    files = state(db)["files"]
    code, out, _err = run(capsys, db, "detach", *ASC_2024, "--item", "4", "--paper",
                          "scores.pdf")
    assert (code, out) == (0, f"Removed paper 2 (scores.pdf) from item 4 of {AGENDA_2024}; the"
                              " item has 2 papers left.\n")
    assert state(db)["files"] == files  # item 5 still has it
    code, out, _err = run(capsys, db, "detach", *ASC_2024, "--item", "4", "--paper", "1")
    assert out == (f"Removed paper 1 (report.pdf) from item 4 of {AGENDA_2024}; the item has"
                   " 1 paper left.\n")
    after = state(db)
    assert after["files"] == files - 1
    assert [(p["position"], p["file_name"]) for p in after["meeting"]["items"][3]["papers"]] \
        == [(1, "appendix.pdf")]
    with opened(db) as register:
        row = decisions.audit_trail(register, "meeting")[-1]
    assert row["action"] == "remove_paper"
    assert json.loads(row["before"])["file_name"] == "report.pdf"

    before = state(db)
    code, out, err = run(capsys, db, "detach", *ASC_2024, "--item", "4", "--paper", "minutes.pdf")
    assert (code, err) == (1, f"meeting: item 4 of {ASC} 2024-01-18 has no paper 'minutes.pdf'"
                              " (its papers: 1 appendix.pdf)\n")
    code, out, err = run(capsys, db, "detach", *ASC_2024, "--item", "4", "--paper", "2")
    assert err == (f"meeting: item 4 of {ASC} 2024-01-18 has no paper 2 (its papers: 1"
                   " appendix.pdf)\n")
    assert state(db) == before


def test_an_item_or_paper_is_made_exempt_and_public_again(db, capsys, pdfs):
    run(capsys, db, "attach", *ASC_2024, "--item", "4", pdfs["report.pdf"], pdfs["scores.pdf"])
    code, out, _err = run(capsys, db, "exempt", *ASC_2024, "--item", "4", "--paper",
                          "scores.pdf", "--paragraph", "3")
    assert out == (f"Paper scores.pdf of item 4 of {AGENDA_2024}: exempt under paragraph 3 of"
                   " Part 1 of Schedule 12A.\n")
    code, out, _err = run(capsys, db, "exempt", *ASC_2024, "--item", "5", "--paragraph", "1")
    assert out == (f"Item 5 of {AGENDA_2024}: exempt under paragraph 1 of Part 1 of Schedule"
                   " 12A.\n")
    items = state(db)["meeting"]["items"]
    assert [p["exempt_paragraph"] for p in items[3]["papers"]] == [None, 3]
    assert items[4]["exempt_paragraph"] == 1
    run(capsys, db, "exempt", *ASC_2024, "--item", "4", "--paper", "2", "--none")
    code, out, _err = run(capsys, db, "exempt", *ASC_2024, "--item", "5", "--none")
    assert out == f"Item 5 of {AGENDA_2024}: not exempt.\n"
    items = state(db)["meeting"]["items"]
    assert [p["exempt_paragraph"] for p in items[3]["papers"]] == [None, None]
    assert items[4]["exempt_paragraph"] is None

    before = state(db)
    code, _out, err = run(capsys, db, "exempt", *ASC_2024, "--item", "5", "--paragraph", "8")
    assert (code, err) == (1, "meeting: 8 is not a paragraph of Part 1 of Schedule 12A (1 to"
                              " 7)\n")
    code, _out, err = run(capsys, db, "exempt", *ASC_2024, "--item", "4", "--paper", "x.pdf",
                          "--paragraph", "3")
    assert err == (f"meeting: item 4 of {ASC} 2024-01-18 has no paper 'x.pdf' (its papers: 1"
                   " report.pdf, 2 scores.pdf)\n")
    assert state(db) == before


# --- publication ---------------------------------------------------------------------------


def test_publishing_on_time_late_and_never_twice(db, capsys):
    before = state(db)
    code, out, err = run(capsys, db, "publish", *ASC_2024, "--on", "2024-01-12")
    assert (code, out) == (1, "")
    assert err == ("meeting: publishing on Friday 12 January 2024 is late: the agenda had to be"
                   " published by Wednesday 10 January 2024 (5 clear working days before the"
                   " meeting on Thursday 18 January 2024); give the reason for late"
                   " publication (the urgent business) to publish it late\n")
    assert state(db) == before
    code, out, _err = run(capsys, db, "publish", *ASC_2024, "--on", "2024-01-12",
                          "--late-reason", "Grant conditions confirmed on 11 January")
    assert (code, out) == (0, f"Published {AGENDA_2024}, on Friday 12 January 2024, after the"
                              " deadline of Wednesday 10 January 2024: it is flagged late, with"
                              " the reason: Grant conditions confirmed on 11 January.\n")
    publication = state(db)["meeting"]["publication"]
    assert publication == {"deadline": "2024-01-10", "published_on": "2024-01-12",
                           "status": "late", "late": True,
                           "late_reason": "Grant conditions confirmed on 11 January"}
    assert ("Agenda: published Friday 12 January 2024, late (the deadline was Wednesday 10"
            " January 2024); reason: Grant conditions confirmed on 11 January\n"
            in shown(capsys, db))

    before = state(db)
    code, _out, err = run(capsys, db, "publish", *ASC_2024, "--on", "2024-01-12",
                          "--late-reason", "another")
    assert (code, err) == (1, f"meeting: {AGENDA_2024}, was already published on Friday 12"
                              " January 2024: an agenda is published once\n")
    assert state(db) == before


def test_publishing_by_the_deadline_is_on_time(db, capsys):
    code, out, _err = run(capsys, db, "publish", *ASC_2024, "--on", "2024-01-10")
    assert out == (f"Published {AGENDA_2024}, on Wednesday 10 January 2024, on time (the"
                   " deadline is Wednesday 10 January 2024).\n")
    with opened(db) as register:
        row = decisions.audit_trail(register, "meeting")[-1]
    assert row["action"] == "publish_agenda"
    assert state(db)["meeting"]["publication"]["status"] == "on_time"


def test_a_late_publication_without_a_reason_can_have_its_reason_recorded(db, capsys):
    """An imported meeting carries only its publication date: published after the deadline,
    it is late with no reason, which may be recorded (with that same date) once."""
    with opened(db) as register:
        register.store.db.execute("UPDATE meetings SET published_on = '2024-01-12' WHERE"
                                  " date = '2024-01-18'")
        register.store.db.conn.commit()
    assert "reason: not recorded" in shown(capsys, db)
    code, _out, err = run(capsys, db, "publish", *ASC_2024, "--on", "2024-01-15",
                          "--late-reason", "Grant conditions")
    assert (code, err) == (
        1, f"meeting: {AGENDA_2024}, was already published on Friday 12 January 2024, after the"
           " deadline of Wednesday 10 January 2024, with no reason recorded: to record the"
           " reason, give it with the date it was published (2024-01-12)\n")
    code, out, _err = run(capsys, db, "publish", *ASC_2024, "--on", "2024-01-12",
                          "--late-reason", "Grant conditions")
    assert (code, out) == (0, f"Recorded the reason for the late publication of {AGENDA_2024}"
                              " (published Friday 12 January 2024, after the deadline of"
                              " Wednesday 10 January 2024): Grant conditions.\n")
    assert state(db)["meeting"]["publication"]["late_reason"] == "Grant conditions"
    code, _out, err = run(capsys, db, "publish", *ASC_2024, "--on", "2024-01-12",
                          "--late-reason", "Other")
    assert err.endswith("was already published on Friday 12 January 2024: an agenda is"
                        " published once\n")


def test_an_agenda_is_not_published_on_a_day_still_to_come(db, capsys):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    code, _out, err = run(capsys, db, "publish", *ASC_2024, "--on", tomorrow.isoformat())
    assert code == 1
    assert err.startswith(f"meeting: the agenda cannot be published on {tomorrow:%A}"
                          f" {tomorrow.day} {tomorrow:%B %Y}: that is after today")


# --- show -----------------------------------------------------------------------------------


def test_show_prints_the_meeting_as_the_register_holds_it(db, capsys):
    out = shown(capsys, db, *ASC_2023)
    assert out.startswith(
        f"{ASC}, Thursday 23 November 2023 at 14:00\n"
        "Venue: Council Chamber, Sessions House, County Hall, Maidstone\n"
        "Ask for: Dominic Westhoff (Democratic Services Officer, 03000 412188,"
        " dominic.westhoff@kent.gov.uk)\n"
        "Proper Officer: General Counsel (Benjamin Watts, 03000 416814,"
        " benjamin.watts@kent.gov.uk)\n"
        "Notices: none\n"
        "Agenda: published Wednesday 15 November 2023, on time (the deadline was Wednesday 15"
        " November 2023)\n"
        "Items:\n"
        "  1     Introduction/Webcasting Announcement [standing]\n")
    assert ("  7     23/00098 - Adult Social Care Pressures Plan 2023/2024 including Urgent and"
            " Emergency Care Grant Funding\n") in out
    code, out, _err = run(capsys, db, "show", *ASC_2023, "--json")
    data = json.loads(out)
    assert (data["committee"], data["date"], data["clerk"], data["clerk_post"]["phone"]) == (
        ASC, "2023-11-23", "Dominic Westhoff", "03000 412188")
    assert data["proper_officer_post"]["holder"] == "Benjamin Watts"
    assert [i["number"] for i in data["items"]] == [str(n) for n in range(1, 12)]
    assert data["items"][6]["decision"] == "23/00098"
    code, _out, err = run(capsys, db, "show", "--committee", ASC, "--date", "2023-11-24")
    assert (code, err) == (1, f"meeting: {ASC} has no meeting on 2023-11-24 (its meetings:"
                              " 2019-03-12, 2023-11-23, 2024-01-18)\n")


def test_a_change_to_a_published_agenda_says_to_republish_it(db, pdfs, capsys):
    """The 2023 agenda was published on 15 November 2023: attaching, moving or removing
    on it says so; the unpublished 2024 one does not."""
    republish = (" Its agenda was published on Wednesday 15 November 2023: republish it"
                 " (make the front sheet again and publish that) so the published agenda"
                 " shows the change.\n")
    code, out, _ = run(capsys, db, "attach", *ASC_2023, "--item", "9", pdfs["appendix.pdf"])
    assert code == 0 and out.endswith(republish)
    code, out, _ = run(capsys, db, "detach", *ASC_2023, "--item", "9", "--paper",
                       "appendix.pdf")
    assert code == 0 and out.endswith(republish)
    code, out, _ = run(capsys, db, "move", *ASC_2023, "--item", "9", "--to", "10")
    assert code == 0 and out.endswith(republish)
    code, out, _ = run(capsys, db, "attach", *ASC_2024, "--item", "6", pdfs["appendix.pdf"])
    assert code == 0 and "republish" not in out


def test_adding_an_item_or_marking_one_exempt_on_a_published_agenda_says_to_republish_it(
        db, capsys):
    """As attaching, moving and removing do (the old ``add-item`` and ``exempt`` printed
    their sentence alone): the item is named as the clerk gave it."""
    republish = (" Its agenda was published on Wednesday 15 November 2023: republish it"
                 " (make the front sheet again and publish that) so the published agenda"
                 " shows the change.\n")
    code, out, _ = run(capsys, db, "add-item", *ASC_2023, "--title", "Urgent grant")
    assert (code, out) == (0, f"Added item 11 to {AGENDA_2023}: Urgent grant.{republish}")
    code, out, _ = run(capsys, db, "add-item", *ASC_2023, "--title", "Conditions", "--parent",
                       "11")
    assert (code, out) == (0, f"Added item 11a to {AGENDA_2023}: Conditions.{republish}")
    code, out, _ = run(capsys, db, "exempt", *ASC_2023, "--item", "11(a)", "--paragraph", "3")
    assert (code, out) == (0, f"Item 11(a) of {AGENDA_2023}: exempt under paragraph 3 of Part"
                              f" 1 of Schedule 12A.{republish}")
    with opened(db) as register:
        row = decisions.audit_trail(register, "meeting")[-1]
    assert (row["action"], json.loads(row["after"])) == (
        "set_item_exempt", {"item": "11(a)", "exempt_paragraph": 3})
    code, out, _ = run(capsys, db, "add-item", *ASC_2024, "--title", "Unpublished")
    assert code == 0 and "republish" not in out
