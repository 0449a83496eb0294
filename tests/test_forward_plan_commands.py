"""The Forward Plan on the command line (issue 15): ``forward-plan expect``, ``render
forward-plan`` in PDF (read back with PDFium), Word (python-docx) and CSV, and
``forward-plan publish`` with its refusals, on the demo register."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document

from governance import decisions, forward_plan
from tests.pdf_text import pdf_text
from tests.test_meeting_commands import opened
from tests.test_setup_commands import ok as _ok
from tests.test_setup_commands import run as _run
from ui.forward_plan_dialog import _day

TODAY = dt.date.today()
#: A period ahead of today, and two decisions expected in it: a day and a month.
START, END = TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=120)
DAY = TODAY + dt.timedelta(days=40)
MONTH = (TODAY + dt.timedelta(days=75)).strftime("%Y-%m")
PERIOD = ["--from", START.isoformat(), "--to", END.isoformat()]
ASC = "Adult Social Care Cabinet Committee"


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    """The demo register with 23/00098 expected on a day and 23/00091 in a month ahead."""
    path = tmp_path / "register.sqlite"
    _ok(path, capsys, "demo")
    assert _ok(path, capsys, "forward-plan", "expect", "23/00098", DAY.isoformat()) == \
        f"23/00098: expected {DAY.day} {DAY:%B %Y}.\n"
    _ok(path, capsys, "forward-plan", "expect", "23/00091",
        dt.date.fromisoformat(MONTH + "-01").strftime("%B %Y"))
    return path


def _render(db: Path, capsys, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"plan.{fmt}"
    said = _ok(db, capsys, "render", "forward-plan", *PERIOD, "--format", fmt, "-o", str(out))
    assert said.startswith("Wrote the Forward Plan for ") and "2 key decisions, 2 new" in said
    return out


def test_the_pdf_says_what_regulation_9_requires(db: Path, capsys, tmp_path: Path) -> None:
    text = " ".join(pdf_text(_render(db, capsys, "pdf", tmp_path).read_bytes()).split())
    month = dt.date.fromisoformat(MONTH + "-01").strftime("%B %Y")
    for words in ("Kent County Council", "List of Forthcoming Executive Decisions",
                  f"Key decisions expected to be taken between {START.day} {START:%B %Y}",
                  "This is the first list published: every entry is new.",
                  "23/00098 – URGENT AND EMERGENCY CARE SUPPORT FUND NEW",
                  "Matter to be decided:", "Proposed decision: ACCEPT the Urgent",
                  "Decision maker: Cabinet Member for Adult Social Care and Public Health",
                  f"Date of decision: {DAY.day} {DAY:%B %Y}", f"Date of decision: {month}",
                  f"Committee consideration: {ASC} – 23 November 2023",
                  "Open: the decision will be taken in public.",
                  "Documents to be submitted:", "Where documents can be had: Democratic"
                  " Services, Sessions House", "Other documents relevant to the matter may be"
                  " submitted", "List of Forthcoming Executive Decisions – page 1"):
        assert words in text, words
    # The day's decision comes before the month's.
    assert text.index("23/00098 –") < text.index("23/00091 –")


def test_the_word_file_has_a_heading_and_a_table_per_decision(db: Path, capsys,
                                                              tmp_path: Path) -> None:
    doc = Document(str(_render(db, capsys, "docx", tmp_path)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["List of Forthcoming Executive Decisions",
                        "23/00098 – URGENT AND EMERGENCY CARE SUPPORT FUND NEW",
                        "23/00091 – Approval of the Kent and Medway Integrated Care Strategy"
                        " NEW"]
    rows = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert rows["Decision No:"] == "23/00098"
    assert rows["Date of decision:"] == f"{DAY.day} {DAY:%B %Y}"
    assert rows["Public or private:"] == "Open: the decision will be taken in public."
    assert doc.core_properties.author == "Kent County Council"


def test_the_csv_has_a_row_per_decision(db: Path, capsys, tmp_path: Path) -> None:
    data = _render(db, capsys, "csv", tmp_path).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["Decision No"], r["New"]) for r in rows] == [("23/00098", "NEW"),
                                                            ("23/00091", "NEW")]
    assert rows[0]["Committee consideration"] == f"{ASC} – 23 November 2023"
    assert rows[1]["Decision maker"] == "Cabinet"


def test_publishing_gives_the_notice_date_and_the_next_plan_marks_nothing_new(
        db: Path, capsys, tmp_path: Path) -> None:
    numbers = ("23/00098", "23/00091")
    with opened(db) as desk:
        # 23/00091 is on the demo with an earlier notice, which it keeps.
        decisions.update_decision(desk, "23/00091",
                                  {"notice_published_on": dt.date(2023, 10, 20)})
        had = {n: decisions.decision(desk, n).notice_published_on for n in numbers}
    assert had["23/00098"] is None
    said = _ok(db, capsys, "forward-plan", "publish", "--on", TODAY.isoformat())
    assert said == (f"Recorded the Forward Plan published on {TODAY.day} {TODAY:%B %Y}: 2"
                    " key decisions, 1 given that date as their notice date.\n")
    with opened(db) as desk:
        assert {n: decisions.decision(desk, n).notice_published_on for n in numbers} == {
            "23/00098": TODAY, "23/00091": dt.date(2023, 10, 20)}
        assert [p.on for p in forward_plan.publications(desk)] == [TODAY]
    out = tmp_path / "again.csv"
    _ok(db, capsys, "render", "forward-plan", *PERIOD, "--format", "csv", "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [r["New"] for r in rows] == ["", ""]


def test_refusals_are_one_sentence_and_change_nothing(db: Path, capsys,
                                                      tmp_path: Path) -> None:
    past = (TODAY - dt.timedelta(days=3)).isoformat()
    code, out, err = _run(db, capsys, "forward-plan", "publish", "--on", past)
    assert (code, out) == (1, "")
    assert err.startswith("forward-plan: the Forward Plan is recorded as published on")
    assert err.rstrip().endswith("(--late-reason)") and err.count("\n") == 1
    code, out, err = _run(db, capsys, "render", "forward-plan", "--from", "2031-01-01",
                          "--to", "2031-03-31", "--format", "pdf", "-o",
                          str(tmp_path / "none.pdf"))
    assert code == 1 and err.startswith("render: no key decision is expected between 1"
                                        " January 2031 and 31 March 2031")
    assert not (tmp_path / "none.pdf").exists()
    code, _out, err = _run(db, capsys, "forward-plan", "expect", "23/00098", "soon")
    assert code == 1 and "'soon' is not a date or a month" in err
    with opened(db) as desk:
        assert forward_plan.publications(desk) == []
    said = _ok(db, capsys, "forward-plan", "publish", "--on", past, "--late-reason",
               "The list went to the website late")
    assert said.startswith("Recorded the Forward Plan published on")
    with opened(db) as desk:
        assert forward_plan.publications(desk)[0].late_reason == \
            "The list went to the website late"


def test_the_decision_screen_edits_the_expected_date(open_window) -> None:
    window = open_window(dt.date(2019, 3, 1))
    window.open_decision("18/00067")
    view = window.decision_view
    panel = view.expected_panel
    panel.edit.setText("April 2019")
    assert view.save()
    assert decisions.decision(window.desk, "18/00067").expected_on == "2019-04"
    assert panel.edit.text() == "April 2019"
    panel.edit.setText("after Easter")
    assert not view.save()
    assert "Expected to be taken: 'after Easter' is not a date or a month" in \
        view.banner.text()
    assert decisions.decision(window.desk, "18/00067").expected_on == "2019-04"
    panel.edit.setText("")
    assert view.save()
    assert decisions.decision(window.desk, "18/00067").expected_on is None


def test_the_documents_screen_builds_previews_and_saves_the_plan(open_window, qtbot,
                                                                 tmp_path: Path) -> None:
    window = open_window(dt.date(2023, 11, 1))
    forward_plan.set_expected(window.desk, "23/00098", "2023-12-14")
    dialog = window.documents_view.open_forward_plan()
    assert _day(dialog.start) == dt.date(2023, 11, 1)
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=20000)
    assert dialog.data.startswith(b"%PDF")
    assert "23/00098 – URGENT AND EMERGENCY CARE SUPPORT FUND NEW" in \
        pdf_text(dialog.data)
    assert dialog.message.text() == "The Forward Plan: 1 page."
    out = tmp_path / "plan.pdf"
    assert dialog.save_to(out)
    assert dialog.message.text().startswith("Wrote the Forward Plan for 1 November 2023 to")
    assert pdf_text(out.read_bytes()) == pdf_text(dialog.data)
    # A period with nothing in it: one sentence, nothing to save.
    dialog.start.setDate(dialog.start.date().addYears(3))
    dialog.end.setDate(dialog.end.date().addYears(3))
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.data is None, timeout=20000)
    assert dialog.message.text().startswith("Could not build the Forward Plan: no key"
                                            " decision is expected between")
    assert not dialog.save_button.isEnabled()
