"""The agenda front sheet never leaves its last page holding only the proper officer's
sign-off (issue 13): the sign-off goes over with the block before it. Checked on the
two demo meetings (the 2019 and 2023 packs) and on each with more items, so that the page
breaks fall in other places."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from docx import Document

from governance import meetings
from governance.desk import Desk
from governance.model import AgendaItem
from templates.frontsheet import front_sheet, plan_agenda
from templates.pack import lay_out
from templates.pack_samples import ASC, MEETING_2019, MEETING_2023
from templates.renderer import Renderer


@pytest.fixture(scope="module")
def demo(demo_without_papers: Desk) -> Desk:
    return demo_without_papers


def page_lines(data: bytes) -> list[list[str]]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [[line.strip() for line in pdf[i].get_textpage().get_text_range().splitlines()
                 if line.strip()] for i in range(len(pdf))]
    finally:
        pdf.close()


def sign_off_lines(details) -> set[str]:
    """Every line the sign-off can print (words joined as the extractor gives them)."""
    plan = plan_agenda(details)
    sheet = front_sheet(details, plan, lay_out(plan).ranges)
    return {" ".join(x.split()) for x in (*sheet.officer, sheet.date)}


@pytest.mark.parametrize("date", [MEETING_2019, MEETING_2023], ids=["2019", "2023"])
@pytest.mark.parametrize("extra", [0, 1, 17, 18, 19, 20])
def test_the_last_page_holds_more_than_the_sign_off(demo: Desk, date: dt.date,
                                                    extra: int) -> None:
    base = meetings.meeting(demo, ASC, date)
    items = [*base.meeting.items, *(
        AgendaItem(f"Market Sustainability Plan, part {i + 1}",
                   description="To receive a report on the care market.")
        for i in range(extra))]
    details = dataclasses.replace(base, meeting=dataclasses.replace(base.meeting, items=items))
    pages = page_lines(Renderer().front_sheet(details, None, "pdf"))
    last = pages[-1]
    signed = sign_off_lines(details)
    first_sign_off = next(i for i, line in enumerate(last) if " ".join(line.split()) in signed)
    assert first_sign_off > 0, f"page {len(pages)} holds only the sign-off: {last}"
    assert any("ITEMS" in line or "Market Sustainability" in line or "Exclude" in line
               for line in last[:first_sign_off])


def test_word_keeps_the_sign_off_with_the_paragraph_before_it(demo: Desk) -> None:
    details = meetings.meeting(demo, ASC, MEETING_2023)
    doc = Document(io.BytesIO(Renderer().front_sheet(details, None, "docx")))
    paras = [p for p in doc.paragraphs if p.text.strip()]
    start = next(i for i, p in enumerate(paras) if p.text == "Benjamin Watts")
    assert paras[start - 1].text.startswith("(At the time of preparing the agenda")
    assert all(p.paragraph_format.keep_with_next for p in paras[start - 1:-1])
    assert paras[-1].text.startswith("Please note that any background documents")
