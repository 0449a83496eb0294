"""The demo register's papers: the published text of each 2019 and 2023 paper, laid out
on the number of pages it had in the real pack, attached when the demo is loaded."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from governance import meetings
from main import main
from templates.demo_papers import (
    READABLE,
    _segments,
    demo_papers,
    paper_pdf,
    papers_of,
)
from templates.pack_samples import ASC, MEETING_2019, MEETING_2023
from tests.conftest import open_desk
from tests.pdf_text import pdf_text

WORD = re.compile(r"[A-Za-z]{4,}")


def test_the_demo_has_the_papers_of_both_packs_in_agenda_order():
    assert [(p.item, p.file_name) for p in papers_of(MEETING_2023)][:3] == [
        ("4", "minutes-2023-09-13.pdf"), ("5", "draft-budget-2024-25.pdf"),
        ("5", "budget-appendix-a.pdf")]
    assert len(papers_of(MEETING_2023)) == 24 and len(papers_of(MEETING_2019)) == 13
    # Padded to even page counts, the 2023 papers fill the 282 numbered pages of the pack,
    # with a blank page where the real pack has one: 16 (6 in item 5, 1 in item 7 after
    # the Pressures Plan, 4 in item 8, 1 in item 9, 4 in item 10).
    assert sum(p.pages + p.pages % 2 for p in papers_of(MEETING_2023)) == 282
    odd = [p.item for p in papers_of(MEETING_2023) if p.pages % 2]
    assert odd == ["5"] * 6 + ["7"] + ["8"] * 4 + ["9"] + ["10"] * 4
    exempt = [(p.file_name, p.exempt_paragraph) for p in demo_papers() if p.exempt_paragraph]
    assert exempt == [("appendix-b-scores.pdf", 3), ("appendix-d-outcomes.pdf", 3)]


@pytest.mark.parametrize("paper", demo_papers(), ids=lambda p: p.file_name)
def test_each_paper_has_its_pages_its_words_and_a_readable_size(paper):
    reader = PdfReader(io.BytesIO(paper_pdf(paper)))
    assert len(reader.pages) == paper.pages
    box = reader.pages[0].mediabox
    assert (box.width > box.height) == paper.landscape
    assert reader.metadata.title == paper.title
    sizes = {float(m) for page in reader.pages
             for m in re.findall(rb"/F\d+\+?\d* ([\d.]+) Tf", page.get_contents().get_data())}
    assert sizes and min(sizes) >= READABLE, sizes
    # Every word of the published text is on the pages (PDFium's reading, so nothing
    # fell off a page).
    # (A word hyphenated at a line end is joined on both sides, as pdftotext does: the
    # published text has some.)
    shown = re.sub(r"-[ \t]*\n", "", pdf_text(paper_pdf(paper)))
    published = re.sub(r"-[ \t]*\n", "", paper.text)
    missing = set(WORD.findall(published)) - set(WORD.findall(shown))
    assert missing == set()


def test_a_page_break_line_starts_a_new_page_run():
    assert _segments("one\n\f\ntwo\nthree") == [["one"], ["two", "three"]]


def test_demo_command_attaches_the_papers_and_the_pack_has_the_real_ranges(
    tmp_path: Path, capsys,
):
    db = tmp_path / "demo.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    assert capsys.readouterr().out == (
        "Loaded the demo register: 14 decisions, 2 meetings, 7 committees, 35 members,"
        " 20 posts, 37 papers.\n")
    desk = open_desk(db)
    try:
        items = meetings.meeting(desk, ASC, MEETING_2023).meeting.items
        assert [p.title for p in items[6].papers] == [
            "Report", "Appendix 1 - Proposed Record of Decision",
            "Appendix 2 - Pressures Plan", "Appendix 3 - DHSC letter",
            "Appendix 4 - Proposal form", "Appendix 5 - EqIA"]
    finally:
        desk.close()
    out = tmp_path / "pack.pdf"
    assert main(["--db", str(db), "render", "pack", "--committee", ASC, "--date",
                 "2023-11-23", "-o", str(out)]) == 0
    assert capsys.readouterr().out.endswith(
        "front sheet 4 pages, then 282 numbered pages from 24 papers (286 pages in all).\n")
    reader = PdfReader(out)
    front = " ".join(" ".join(reader.pages[i].extract_text().split()) for i in range(4))
    for line in ("4 Minutes of the meeting held on 13 September 2023 (Pages 1 - 8)",
                 "8 23/00091 - Kent and Medway Integrated Care Strategy (Pages 149 - 214)",
                 "11 Work Programme (Pages 279 - 282)"):
        assert line in front
    # Page 1 is the real minutes' first page.
    first = " ".join(reader.pages[4].extract_text().split())
    assert first.startswith("KENT COUNTY COUNCIL ADULT SOCIAL CARE CABINET COMMITTEE MINUTES"
                            " of a meeting of the Adult Social Care Cabinet Committee held at"
                            " Council Chamber")
    assert first.endswith("Page 1")
