"""The statutory notices' documents from notices made by hand (issue 15): each kind's
tagged PDF passes the independent PDF/UA validator, the Word file carries its title and
particulars, and the wording is the council's (house style)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from docx import Document

from governance.notice import KINDS, Notice, NoticeMeeting
from templates.renderer import Renderer
from tests.pdf_text import pdf_text
from tests.test_pdf_conformance import _broken, _validator

MEETING = NoticeMeeting("Cabinet", dt.date(2024, 3, 14), "10:00", "Council Chamber")


def _notice(kind: str) -> Notice:
    private = kind.startswith("private")
    return Notice(kind, "24/00013", "Sale of Brook Farm", "Cabinet", None, "14 March 2024",
                  paragraph=3, meeting=MEETING if private else None,
                  reason=None if private else "The buyer's offer lapses on 20 March 2024;"
                  " the Chairman of the Scrutiny Committee agreed.",
                  informed="Mr P Cole" if kind == "general-exception" else None,
                  dated=dt.date(2024, 2, 8), proper_officer="Ben Watts, General Counsel",
                  earliest=dt.date(2024, 2, 14) if kind == "general-exception" else None)


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdf_passes_the_independent_pdf_ua_validator(kind: str) -> None:
    page = _validator()
    report = page.validate_pdf_bytes(Renderer().notice(_notice(kind), None, "pdf"),
                                     profile="ua1")
    assert _broken(report) == [] and report.is_compliant


@pytest.mark.parametrize(("kind", "title", "row"), [
    ("private", "Notice of Intention to Hold Part of a Meeting in Private",
     ("Meeting:", "Cabinet, 14 March 2024 at 10:00, Council Chamber")),
    ("private-confirmation", "Confirmation that Part of a Meeting will be Held in Private",
     ("Representations received:", "None have been received about why this part of the"
                                   " meeting should be open to the public.")),
    ("general-exception", "General Exception Notice",
     ("Not to be taken before:", "14 February 2024")),
    ("special-urgency", "Special Urgency Notice",
     ("Why the decision is urgent and cannot reasonably be deferred, and who agreed:",
      "The buyer's offer lapses on 20 March 2024; the Chairman of the Scrutiny Committee"
      " agreed.")),
])
def test_each_kind_in_word_and_pdf(kind: str, title: str, row: tuple[str, str]) -> None:
    word = Document(io.BytesIO(Renderer().notice(_notice(kind), None, "docx")))
    assert [p.text for p in word.paragraphs[:2]] == ["Kent County Council", title]
    rows = {r.cells[0].text: r.cells[1].text for r in word.tables[0].rows}
    assert rows[row[0]] == row[1]
    assert rows["Matter to be decided:"] == "Sale of Brook Farm"
    assert word.paragraphs[-1].text == "Date of notice: 8 February 2024"
    assert word.sections[0].footer.paragraphs[0].text == title
    text = " ".join(pdf_text(Renderer().notice(_notice(kind), None, "pdf")).split())
    assert f"{title} " in text and f"{row[0]} {row[1]}" in text
    assert f"{title} – page 1" in text


def test_the_wording_is_the_councils(tmp_path: Path) -> None:
    (tmp_path / "house_style.json").write_text(json.dumps(
        {"council_name": "Borsetshire County Council",
         "notice": {"kinds": {"private": {"title": "Private Meeting Notice"}}}}),
        encoding="utf-8")
    text = " ".join(pdf_text(Renderer(tmp_path).notice(_notice("private"), None,
                                                       "pdf")).split())
    assert text.startswith("Borsetshire County Council Private Meeting Notice")
    assert "Regulation 5(2) of The Local Authorities" in text  # the rest stays the default
