"""A committee's Work Programme on the command line (issue 15): ``committee suggest`` and
``committee regular-item`` (and their ``--remove``), ``render work-programme`` in PDF
(read back with PDFium) and Word (python-docx) laid out as Kent's 2023/24 paper, and
``meeting attach-work-programme``, on the demo register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.pdf_text import pdf_text
from tests.test_setup_commands import ok as _ok
from tests.test_setup_commands import run as _run

ASC = "Adult Social Care Cabinet Committee"
TODAY = dt.date.today()
#: Two meetings ahead, in January and March of the next committee year.
YEAR = TODAY.year + 1
JAN, MAR = dt.date(YEAR, 1, 18), dt.date(YEAR, 3, 13)
FIRST = YEAR - 1
YEAR_WORDS = f"{FIRST}/{YEAR % 100:02d}"


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "register.sqlite"
    _ok(path, capsys, "demo")
    _ok(path, capsys, "meeting", "schedule", "--committee", ASC, "--dates",
        f"{JAN},{MAR}", "--time", "14:00")
    assert _ok(path, capsys, "committee", "suggest", "--committee", ASC, "--title",
               "Down Syndrome Act 2022", "--by", "Mr Ross", "--on", "2021-12-01") == (
        f"Suggested 'Down Syndrome Act 2022' for {ASC}'s work programme by Mr Ross on"
        " Wednesday 1 December 2021.\n")
    _ok(path, capsys, "committee", "suggest", "--committee", ASC, "--title",
        "Carers' Short Breaks Future Options Update")
    assert _ok(path, capsys, "committee", "regular-item", "--committee", ASC, "--title",
               "Performance Dashboard", "--months", "Sep,Nov,Mar,May") == (
        f"{ASC} receives 'Performance Dashboard' in Sep, Nov, Mar, May.\n")
    _ok(path, capsys, "committee", "regular-item", "--committee", ASC, "--title",
        "Annual Complaints Report", "--months", "November")
    return path


def _render(db: Path, capsys, fmt: str, tmp_path: Path, *more: str) -> Path:
    out = tmp_path / f"wp.{fmt}"
    said = _ok(db, capsys, "render", "work-programme", "--committee", ASC, "--format", fmt,
               *more, "-o", str(out))
    assert said.startswith(f"Wrote {ASC}'s Work Programme ")
    return out


def test_the_pdf_follows_the_real_papers_layout(db: Path, capsys, tmp_path: Path) -> None:
    data = _render(db, capsys, "pdf", tmp_path).read_bytes()
    text = " ".join(pdf_text(data).split())
    expected = [
        "Kent County Council",
        f"ADULT SOCIAL CARE CABINET COMMITTEE WORK PROGRAMME {YEAR_WORDS}",
        "Item Committee to receive item",
        "Verbal Updates by Cabinet Member and Corporate Director Standing Item",
        "Work Programme Standing Item",
        f"Performance Dashboard Sep {FIRST % 100:02d}, Nov {FIRST % 100:02d}, Mar"
        f" {YEAR % 100:02d}, May {YEAR % 100:02d}",
        "Annual Complaints Report Annually (November)",
        f"18 JANUARY {YEAR} at 2.00 pm", "4 Minutes Standing Item",
        f"13 MARCH {YEAR} at 2.00 pm", "6 Performance Dashboard 7 Work Programme",
        "ITEMS FOR CONSIDERATION THAT HAVE NOT YET BEEN ALLOCATED TO A MEETING",
        "Down Syndrome Act 2022 Suggested by Mr Ross (1 December 2021)",
        f"Carers' Short Breaks Future Options Update Suggested at the committee"
        f" ({TODAY.day} {TODAY:%B %Y})",
        f"Updated on: {TODAY.day} {TODAY:%B %Y}", "Work Programme – page 1"]
    for words in expected:
        assert words in text, words
    positions = [text.index(w) for w in expected[1:-1]]
    assert positions == sorted(positions)
    # January has no regular item due; the demo's past meetings are left out.
    january = text[text.index(f"18 JANUARY {YEAR}"):text.index(f"13 MARCH {YEAR}")]
    assert "Performance Dashboard" not in january and "23 NOVEMBER 2023" not in text
    reader = PdfReader(str(tmp_path / "wp.pdf"))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == f"{ASC} Work Programme {YEAR_WORDS}"


def test_the_word_file_has_a_table_per_meeting(db: Path, capsys, tmp_path: Path) -> None:
    doc = Document(str(_render(db, capsys, "docx", tmp_path)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [f"ADULT SOCIAL CARE CABINET COMMITTEE WORK PROGRAMME {YEAR_WORDS}",
                        f"18 JANUARY {YEAR} at 2.00 pm", f"13 MARCH {YEAR} at 2.00 pm",
                        "ITEMS FOR CONSIDERATION THAT HAVE NOT YET BEEN ALLOCATED TO A"
                        " MEETING"]
    standing, january, march, unallocated = doc.tables
    assert [c.text for c in standing.rows[0].cells] == ["Item", "Committee to receive item"]
    assert [c.text for c in march.rows[5].cells] == ["6", "Performance Dashboard", ""]
    assert [c.text for c in march.rows[-1].cells] == ["7", "Work Programme", "Standing Item"]
    assert len(january.rows) == 6
    assert [c.text for c in unallocated.rows[0].cells] == [
        "Down Syndrome Act 2022", "Suggested by Mr Ross (1 December 2021)"]
    assert doc.core_properties.author == "Kent County Council"


def test_the_demo_agenda_is_shown_as_it_is_from_an_earlier_day(db: Path, capsys,
                                                               tmp_path: Path) -> None:
    text = " ".join(pdf_text(_render(db, capsys, "pdf", tmp_path, "--from",
                                     "2023-11-01").read_bytes()).split())
    assert "WORK PROGRAMME 2023/24" in text
    assert "23 NOVEMBER 2023 at 2.00 pm As on the agenda." in text
    assert "7 23/00098 - Adult Social Care Pressures Plan 2023/2024 including Urgent and" \
        " Emergency Care Grant Funding Key Decision" in text


def test_removing_and_refusals(db: Path, capsys) -> None:
    assert _ok(db, capsys, "committee", "suggest", "--committee", ASC, "--title",
               "down syndrome act 2022", "--remove") == \
        f"Took 'Down Syndrome Act 2022' off {ASC}'s suggested items.\n"
    assert _ok(db, capsys, "committee", "regular-item", "--committee", ASC, "--title",
               "Annual Complaints Report", "--remove") == \
        f"{ASC} no longer receives 'Annual Complaints Report' as a regular item.\n"
    for args, said in [
        (("committee", "regular-item", "--committee", ASC, "--title", "X"),
         "give --months (when the committee receives it) or --remove"),
        (("committee", "regular-item", "--committee", ASC, "--title", "X", "--months",
          "Smarch"), "'Smarch' is not a month (write them as Sep,Nov,Mar,May)"),
        (("committee", "suggest", "--committee", ASC, "--title", "X", "--by", "Mr Ross",
          "--remove"), "--remove takes the suggestion off"),
        (("committee", "suggest", "--committee", "Nowhere", "--title", "X"), "Nowhere"),
        (("render", "work-programme", "--committee", "Nowhere", "--format", "pdf", "-o",
          "x.pdf"), "Nowhere"),
    ]:
        code, out, err = _run(db, capsys, *args)
        assert (code, out) == (1, ""), args
        assert said in err and len(err.strip().splitlines()) == 1, err


def test_attached_to_the_agenda_in_one_step(db: Path, capsys, tmp_path: Path) -> None:
    said = _ok(db, capsys, "meeting", "attach-work-programme", "--committee", ASC, "--date",
               JAN.isoformat(), "--item", "6")
    assert said.startswith(f"Attached work-programme-{JAN}.pdf to item 6 of the agenda of"
                           f" {ASC}, ")
    assert "Removed" not in said  # our own tagged PDF carries nothing to take out
    shown = _ok(db, capsys, "meeting", "show", "--committee", ASC, "--date", JAN.isoformat())
    assert f"paper 1: work-programme-{JAN}.pdf, 'Work Programme {YEAR_WORDS}'" in shown
    again = _ok(db, capsys, "meeting", "attach-work-programme", "--committee", ASC,
                "--date", JAN.isoformat(), "--item", "6")
    assert again.startswith("Took off the Work Programme attached before.")
    shown = _ok(db, capsys, "meeting", "show", "--committee", ASC, "--date", JAN.isoformat())
    assert "paper 2:" not in shown
    # Building the pack makes it again once it has changed.
    _ok(db, capsys, "committee", "suggest", "--committee", ASC, "--title", "Sensory Strategy")
    code, out, _err = _run(db, capsys, "render", "pack", "--committee", ASC, "--date",
                           JAN.isoformat(), "-o", str(tmp_path / "pack.pdf"))
    assert code == 0 and out.startswith("Made the Work Programme on item 6 of the agenda"
                                        " again: it had changed since it was attached.")
    assert "Sensory Strategy" in pdf_text((tmp_path / "pack.pdf").read_bytes())
