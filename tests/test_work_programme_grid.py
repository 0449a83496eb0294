"""The Work Programme laid out as Kent's 2019/20 paper (``"layout": "grid"`` in the house
style; the 2023/24 list stays the default): "Adult Social Care Cabinet Committee - Work
Programme 2019/20", one grid with a row a meeting ("17-May-19") and a column for each kind
of item, the procedural standing items left out, "Work Programme 2019/20" among the
standing items, the Member who suggested an item beside it, then "Future items". Read
back with PDFium and python-docx, on the demo register through the command line."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from docx import Document

from tests.pdf_text import pdf_text
from tests.test_setup_commands import ok as _ok
from tests.test_work_programme_commands import JAN, MAR, YEAR, YEAR_WORDS
from tests.test_work_programme_commands import db as programme_db  # noqa: F401

ASC = "Adult Social Care Cabinet Committee"
TODAY = dt.date.today()
STANDING = ("Verbal Updates by Cabinet Member and Corporate Director\n"
            f"Work Programme {YEAR_WORDS}")


@pytest.fixture
def db(programme_db: Path, capsys) -> Path:  # noqa: F811 (the fixture, by name)
    """The demo with January and March meetings ahead, two suggestions (Mr Ross's and one
    of the committee's) and the Performance Dashboard on a cycle; then a third suggestion,
    and January's agenda taking up Mr Ross's and another item."""
    _ok(programme_db, capsys, "committee", "suggest", "--committee", ASC, "--title",
        "Process for indexation of contracts", "--by", "C Maynard")
    for title in ("Down Syndrome Act 2022", "Sensory Strategy Update"):
        _ok(programme_db, capsys, "meeting", "add-item", "--committee", ASC, "--date",
            str(JAN), "--title", title)
    return programme_db


@pytest.fixture
def grid_style() -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "DecisionDesk"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "house_style.json").write_text(
        json.dumps({"work_programme": {"layout": "grid"}}), encoding="utf-8")


def _render(db: Path, capsys, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"wp.{fmt}"
    _ok(db, capsys, "render", "work-programme", "--committee", ASC, "--format", fmt,
        "-o", str(out))
    return out


def test_the_word_file_is_one_grid_a_row_a_meeting(db: Path, capsys, tmp_path: Path,
                                                   grid_style: None) -> None:
    doc = Document(str(_render(db, capsys, "docx", tmp_path)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [f"{ASC} - Work Programme {YEAR_WORDS}"]
    grid, future = doc.tables
    rows = [[c.text for c in row.cells] for row in grid.rows]
    assert rows == [
        ["Meeting dates", "Key Decisions", "Commissioning Items/Contract Monitoring",
         "Developing Issues", "Members’ interests/suggestions", "Standing Items"],
        [f"18-Jan-{YEAR % 100:02d}", "", "", "Sensory Strategy Update",
         "Down Syndrome Act 2022 (Mr Ross)", STANDING],
        [f"13-Mar-{YEAR % 100:02d}", "", "Performance Dashboard", "", "", STANDING]]
    assert [[c.text for c in row.cells] for row in future.rows] == [
        ["Future items", "Carers' Short Breaks Future Options Update"],
        ["", "Process for indexation of contracts (C Maynard)"]]
    assert doc.paragraphs[-1].text == f"Updated on: {TODAY.day} {TODAY:%B %Y}"


def test_the_pdf_is_the_same_grid(db: Path, capsys, tmp_path: Path,
                                  grid_style: None) -> None:
    text = " ".join(pdf_text(_render(db, capsys, "pdf", tmp_path).read_bytes()).split())
    expected = [f"{ASC} - Work Programme {YEAR_WORDS}", "Meeting dates Key Decisions",
                "Standing Items", f"18-Jan-{YEAR % 100:02d}", "Sensory Strategy Update",
                "Down Syndrome Act 2022 (Mr Ross)", f"Director Work Programme {YEAR_WORDS}",
                f"13-Mar-{YEAR % 100:02d}", "Performance Dashboard",
                "Future items Carers' Short Breaks Future Options Update",
                "Process for indexation of contracts (C Maynard)",
                f"Updated on: {TODAY.day} {TODAY:%B %Y}"]
    for words in expected:
        assert words in text, words
    positions = [text.index(w) for w in expected]
    assert positions == sorted(positions), text
    assert "Apologies" not in text and "Minutes" not in text
    assert "WORK PROGRAMME" not in text  # the 2023/24 list's upper-case title


def test_a_key_decision_goes_in_its_column(db: Path, capsys, tmp_path: Path,
                                           grid_style: None) -> None:
    _ok(db, capsys, "meeting", "add-item", "--committee", ASC, "--date", str(MAR),
        "--decision", "23/00098")
    doc = Document(str(_render(db, capsys, "docx", tmp_path)))
    march = [c.text for c in doc.tables[0].rows[2].cells]
    assert march[1] == "23/00098 - URGENT AND EMERGENCY CARE SUPPORT FUND"
    assert march[2:] == ["", "", "", STANDING]  # its agenda, as it stands: no dashboard yet


def test_without_the_setting_the_2023_24_list_is_made(db: Path, capsys,
                                                      tmp_path: Path) -> None:
    text = " ".join(pdf_text(_render(db, capsys, "pdf", tmp_path).read_bytes()).split())
    assert f"ADULT SOCIAL CARE CABINET COMMITTEE WORK PROGRAMME {YEAR_WORDS}" in text
    assert "Item Committee to receive item" in text and "Meeting dates" not in text
