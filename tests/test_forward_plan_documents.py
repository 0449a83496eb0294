"""The Forward Plan's documents from a plan made by hand (issue 15): the tagged PDF passes
the independent PDF/UA validator, a body is named with its members, an exempt entry is its
number, title and paragraph only, and the wording is the council's (house style)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from docx import Document

from governance.plan import ForwardPlan, PlanEntry
from templates.renderer import Renderer
from tests.pdf_text import pdf_text
from tests.test_pdf_conformance import _broken, _validator

OPEN = PlanEntry(
    "24/00012", "Home Care Framework", None, "March 2024",
    proposal=("AWARD the framework", "DELEGATE authority to the Corporate Director"),
    decision_maker="Cabinet", maker_members=("Mr R Gough", "Mr P Oakford"),
    key_criteria=("expenditure",), documents=("Report", "Appendix A - EqIA"),
    considerations=(("Adult Social Care Cabinet Committee", dt.date(2024, 1, 18)),),
    private_paragraph=3, new=True)
EXEMPT = PlanEntry("24/00013", "Sale of Brook Farm", 3, "14 February 2024")
PLAN = ForwardPlan(dt.date(2024, 1, 1), dt.date(2024, 4, 30), (EXEMPT, OPEN),
                   last_published=dt.date(2023, 12, 1), published_on=dt.date(2024, 1, 2))


def test_the_pdf_passes_the_independent_pdf_ua_validator() -> None:
    page = _validator()
    report = page.validate_pdf_bytes(Renderer().forward_plan(PLAN, None, "pdf"),
                                     profile="ua1")
    assert _broken(report) == [] and report.is_compliant


def test_a_body_with_its_members_and_an_exempt_entry_with_its_paragraph_only() -> None:
    text = " ".join(pdf_text(Renderer().forward_plan(PLAN, None, "pdf")).split())
    assert "Published on 2 January 2024" in text
    assert "Entries marked NEW were not on the last list, published on 1 December 2023." \
        in text
    assert "Decision maker: Cabinet, whose members are Mr R Gough, Mr P Oakford" in text
    assert "Key decision: Yes expenditure or savings in excess of £1,000,000" in text
    assert "Partly private: an exempt document under paragraph 3 of Part 1 of Schedule 12A" \
        in text
    exempt = text[text.index("24/00013 – Sale of Brook Farm"):text.index("24/00012 –")]
    assert exempt == ("24/00013 – Sale of Brook Farm Decision No: 24/00013 Public or private:"
                      " Private: exempt under paragraph 3 of Part 1 of Schedule 12A to the"
                      " Local Government Act 1972. No other details are published. ")
    assert "14 February 2024" not in text


def test_the_wording_is_the_councils(tmp_path: Path) -> None:
    (tmp_path / "house_style.json").write_text(json.dumps(
        {"council_name": "Borsetshire County Council",
         "forward_plan": {"title": "Forward Plan of Key Decisions", "new_mark": "(new)"}}),
        encoding="utf-8")
    renderer = Renderer(tmp_path)
    text = pdf_text(renderer.forward_plan(PLAN, None, "pdf"))
    assert "Forward Plan of Key Decisions" in text and "24/00012 – Home Care Framework (new)" \
        in text
    doc = Document(io.BytesIO(renderer.forward_plan(PLAN, None, "docx")))
    assert doc.paragraphs[0].text == "Borsetshire County Council"
    assert doc.core_properties.title.startswith("Forward Plan of Key Decisions: 1 January")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "csv"])
def test_each_format_is_the_kind_of_file_it_says(fmt: str) -> None:
    data = Renderer().forward_plan(PLAN, None, fmt)
    assert data[:4] in (b"%PDF", b"PK\x03\x04", b"\xef\xbb\xbfD")
