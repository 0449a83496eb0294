"""The agenda pack: front sheet, then every paper in agenda order; pages after the front
sheet numbered from 1 and stamped, the first page of each item's papers headed "Agenda
Item N"; each document padded to an even page count; the page ranges printed on the
front sheet are the pages of the assembled pack; a bookmark per item; an exempt paper's
place held by a stand-in page in both packs, the paper itself at the end of the full pack
only, so every page has the same number in both."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from governance import exchange, meetings
from governance.desk import Desk
from main import main
from templates.demo_papers import demo_papers as all_demo_papers
from templates.demo_papers import paper_pdf, papers_of
from templates.frontsheet import StandIn
from templates.pack import Pack, build_pack
from templates.pack_samples import ASC, MEETING_2019, MEETING_2023, sample_paper
from templates.style import house_style
from tests.conftest import load_demo_without_papers, open_desk

BLANK = house_style()["phrases"]["blank_page"]
WORDS = house_style()["agenda"]


def stand_in(paragraphs: str) -> list[str]:
    """What an exempt paper's stand-in page draws (as the content stream writes it)."""
    def written(text: str) -> str:
        return text.replace("(", "\\(").replace(")", "\\)")

    return [written(WORDS["restricted_stand_in"].format(paragraphs=paragraphs)),
            written(WORDS["restricted_document"])]
RANGES_2023 = {"4": (1, 8), "5": (9, 86), "7": (87, 148), "8": (149, 214),
               "9": (215, 242), "10": (243, 278), "11": (279, 282)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[Desk]:
    """The demo register as ``demo`` loads it: the 2019 and 2023 papers attached."""
    desk = open_desk(tmp_path_factory.mktemp("pack") / "register.sqlite")
    exchange.load_demo(desk)
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def packs(demo) -> dict[tuple[int, bool], Pack]:
    return {(date.year, public): build_pack(meetings.meeting(demo, ASC, date), public)
            for date in (MEETING_2023, MEETING_2019) for public in (False, True)}


def strings(page) -> list[str]:
    """The text a page draws, from its content stream (fast; the stand-in papers, the
    blank pages and the stamps all write plain strings)."""
    data = page.get_contents().get_data()
    return [s.decode("latin-1") for s in re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", data)]


@pytest.fixture(scope="module")
def pages(packs) -> dict[tuple[int, bool], list[list[str]]]:
    return {key: [strings(p) for p in PdfReader(io.BytesIO(pack.pdf)).pages]
            for key, pack in packs.items()}


def numbered(pack: Pack, texts: list[list[str]], n: int) -> list[str]:
    """What numbered page ``n`` draws."""
    return texts[pack.front_pages + n - 1]


@pytest.fixture(scope="module")
def paper_pages() -> dict[str, list[list[str]]]:
    """What each page of each demo paper draws, read from the paper itself."""
    return {p.file_name: [strings(page) for page in PdfReader(io.BytesIO(paper_pdf(p))).pages]
            for p in all_demo_papers()}


def shows(drawn: list[str], page_of_paper: list[str], n: int, item: str | None = None) -> bool:
    """Numbered page ``n`` is that page of the paper, stamped with its number (and, on
    the first page of an item's papers, headed with the item)."""
    head = [f"Agenda Item {item}"] if item else []
    return bool(page_of_paper) and drawn == [*page_of_paper, *head, f"Page {n}"]


def drawn_by(paper, paper_pages) -> list[list[str]]:
    """The pages a paper of the plan draws (a stand-in: its one page)."""
    if isinstance(paper, StandIn):
        return [stand_in(", ".join(str(p) for p in paper.paragraphs))]
    return paper_pages[paper.path]


def in_pack_order(papers, plan) -> list:
    """The sample papers in the order the pack carries them (its entries' order)."""
    order = [e.key for e in plan.pack_entries()]
    keyed = [((p.item + "x") if p.exempt_paragraph else p.item, p) for p in papers]
    return [p for key in order for k, p in keyed if k == key]


# --- page ranges -----------------------------------------------------------------------


def test_the_2023_pack_has_the_ranges_of_the_real_one(packs):
    pack = packs[(2023, False)]
    assert pack.ranges == RANGES_2023
    assert (pack.front_pages, pack.numbered_pages, pack.total_pages) == (4, 282, 286)
    assert packs[(2023, True)].ranges == RANGES_2023


@pytest.mark.parametrize("key", [(2023, False), (2019, False), (2019, True)])
def test_every_range_on_the_front_sheet_is_where_its_papers_are_in_the_pack(
    packs, pages, paper_pages, key,
):
    """Read the ranges off the front sheet as printed; each starts on its item's first
    paper's first page and ends on its last paper's last page (or the blank after it),
    and the next range starts on the next page."""
    pack, texts = packs[key], pages[key]
    reader = PdfReader(io.BytesIO(pack.pdf))
    front = " ".join(reader.pages[i].extract_text() for i in range(pack.front_pages))
    printed = [(int(a), int(b)) for a, b in re.findall(r"\(Pages\s(\d+)\s-\s(\d+)\)", front)]
    entries = [e for e in pack.plan.pack_entries() if e.papers]
    assert len(printed) == len(entries) > 0
    for (first, last), entry, following in zip(printed, entries, [*printed[1:], None]):
        first_paper = drawn_by(entry.papers[0], paper_pages)
        last_paper = drawn_by(entry.papers[-1], paper_pages)
        assert shows(numbered(pack, texts, first), first_paper[0], first, entry.item), (
            entry.key, first)
        end = numbered(pack, texts, last)
        assert (shows(end, last_paper[-1], last, entry.item if last == first else None)
                or end == [BLANK, f"Page {last}"]), (entry.key, last)
        if following:
            assert following[0] == last + 1
    assert printed[-1][1] == pack.numbered_pages


def test_each_document_starts_on_an_odd_page_and_is_padded_with_a_blank_page(
    packs, pages, paper_pages,
):
    """Every page of every 2023 paper is in the pack, in order, each paper starting on an
    odd page; a paper of an odd number of pages is followed by the blank page."""
    pack, texts = packs[(2023, False)], pages[(2023, False)]
    expected_blanks, page, items = set(), 1, set()
    for paper in in_pack_order(papers_of(MEETING_2023), pack.plan):
        assert page % 2 == 1
        head = None if paper.item in items else paper.item  # its item's first paper
        items.add(paper.item)
        for k, drawn in enumerate(paper_pages[paper.file_name]):
            assert shows(numbered(pack, texts, page + k), drawn, page + k,
                         head if k == 0 else None), (paper, k)
        page += paper.pages
        if paper.pages % 2:
            expected_blanks.add(page)
            page += 1
    blanks = {n for n in range(1, pack.numbered_pages + 1)
              if numbered(pack, texts, n) == [BLANK, f"Page {n}"]}
    # 16, where the real pack has them (with the front sheet's, its 17 blank pages).
    assert blanks == expected_blanks and len(blanks) == 16
    # The front sheet (3 pages of text) is padded to 4, with an unnumbered blank page.
    assert pack.front_pages == 4
    assert texts[3] == [BLANK]
    assert BLANK in PdfReader(io.BytesIO(pack.pdf)).pages[3].extract_text()


def test_every_page_after_the_front_sheet_is_numbered_from_1(packs, pages):
    pack, texts = packs[(2023, False)], pages[(2023, False)]
    assert [t[-1] for t in texts[pack.front_pages:]] == [
        f"Page {n}" for n in range(1, 283)]
    assert not any(s.startswith("Page ") for t in texts[:pack.front_pages] for s in t)
    reader = PdfReader(io.BytesIO(pack.pdf))
    landscape = pack.front_pages + 129 - 1  # the proposal form, item 7's Appendix 4
    assert reader.pages[landscape].mediabox.width > reader.pages[landscape].mediabox.height
    text = reader.pages[landscape].extract_text()
    assert text.split("\n")[-1] == "Page 129"
    assert "Urgent and Emergency Care" in " ".join(text.split())


def test_each_item_has_a_bookmark_at_its_first_page(packs):
    pack = packs[(2023, False)]
    reader = PdfReader(io.BytesIO(pack.pdf))
    top = [o for o in reader.outline if not isinstance(o, list)]
    assert [o.title for o in top] == [
        "Agenda front sheet",
        "1 Introduction/Webcasting Announcement",
        "2 Apologies and Substitutes",
        "3 Declarations of Interest by Members in items on the agenda",
        "4 Minutes of the meeting held on 13 September 2023",
        "5 Initial Draft Budget 2024-25 and Medium Term Financial Plan 2024-27",
        "6 Verbal Updates by Cabinet Member and Corporate Director",
        "7 23/00098 - Adult Social Care Pressures Plan 2023/2024 including Urgent and"
        " Emergency Care Grant Funding",
        "8 23/00091 - Kent and Medway Integrated Care Strategy",
        "9 Adult Social Care and Health Performance Q2 2023/2024",
        "10 Adult Social Care and Health Annual Complaint's Report 2022/2023",
        "11 Work Programme"]
    # Items 1-3 and 6 have no paper: their bookmarks open the front sheet where they are
    # listed (its second page, after the cover).
    papers = [pack.front_pages + first - 1 for first, _ in RANGES_2023.values()]
    assert [reader.get_destination_page_number(o) for o in top] == [
        0, 1, 1, 1, *papers[:2], 1, *papers[2:]]
    item_5, item_7, item_8, item_10 = [o for o in reader.outline if isinstance(o, list)]
    assert [reader.get_destination_page_number(c) - pack.front_pages + 1
            for c in item_5] == [9, 35, 39, 41, 67, 83]
    assert [c.title for c in item_10][0] == "Annual Complaints Report"
    assert [c.title for c in item_7] == [
        "Report", "Appendix 1 - Proposed Record of Decision", "Appendix 2 - Pressures Plan",
        "Appendix 3 - DHSC letter", "Appendix 4 - Proposal form", "Appendix 5 - EqIA"]
    assert [reader.get_destination_page_number(c) - pack.front_pages + 1
            for c in item_7] == [87, 97, 99, 123, 129, 137]
    # Item 8 as the real pack has it: the stamps that survived in the published text put
    # the strategy (Appendix B) at page 161 and the consultation report at 177.
    assert [c.title for c in item_8] == [
        "Report", "Appendix A - Proposed Record of Decision",
        "Appendix B - Draft Kent and Medway Integrated Care Strategy",
        "Appendix C - Consultation report", "Appendix D - Equality Impact Assessment"]
    assert [reader.get_destination_page_number(c) - pack.front_pages + 1
            for c in item_8] == [149, 159, 161, 177, 205]
    assert reader.metadata.title == (f"{ASC}, Thursday, 23 November 2023: agenda pack")


# --- accessibility properties ----------------------------------------------------------


@pytest.mark.parametrize("year, public", [(2023, False), (2023, True), (2019, False)])
def test_the_pack_has_its_language_and_title_but_claims_no_tagging(packs, year, public):
    """The papers are not tagged, so neither is the pack: no structure tree (the front
    sheet's stays behind), no /MarkInfo, no PDF/UA claim; but the language, the title
    shown in the title bar and the author are the whole file's."""
    reader = PdfReader(io.BytesIO(packs[(year, public)].pdf))
    root = reader.trailer["/Root"]
    when = {2023: "Thursday, 23 November 2023", 2019: "Tuesday, 12 March 2019"}[year]
    title = f"{ASC}, {when}: agenda pack" + (" (public)" if public else "")
    assert (reader.metadata.title, reader.metadata.author) == (title, "Kent County Council")
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li>' in xmp
    assert "<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>" in xmp
    assert "<pdfuaid:part>" not in xmp
    assert "/StructTreeRoot" not in root
    assert not ("/MarkInfo" in root and bool(root["/MarkInfo"].get("/Marked")))
    assert not any("/StructParents" in page for page in reader.pages)
    assert root["/PageMode"] == "/UseOutlines"


def test_the_front_sheet_keeps_the_clerks_mailto_link_in_the_pack(packs):
    pack = packs[(2023, False)]
    reader = PdfReader(io.BytesIO(pack.pdf))
    links = [a.get_object() for page in reader.pages[:pack.front_pages]
             for a in page.get("/Annots") or ()]
    assert [a["/A"]["/URI"] for a in links] == ["mailto:dominic.westhoff@kent.gov.uk"]
    assert "/StructParent" not in links[0]  # there is no structure tree for it to point into


# --- exempt papers ----------------------------------------------------------------------


EXEMPT_FILES = ("appendix-b-scores.pdf", "appendix-d-outcomes.pdf")
#: What only the exempt appendices say (the demo's stand-ins for them).
EXEMPT_WORDS = ("Applications received and moderated evaluation scores by Lot",
                "Summary of the application outcome for all current Providers",
                "EXEMPT – NOT FOR PUBLICATION")


def test_exempt_papers_are_in_the_full_pack_after_the_unrestricted_ones(
    packs, pages, paper_pages,
):
    pack, texts = packs[(2019, False)], pages[(2019, False)]
    assert pack.ranges["10x"] == (171, 176)
    appendix_b, appendix_d = (paper_pages[name] for name in EXEMPT_FILES)
    assert shows(numbered(pack, texts, 171), appendix_b[0], 171, "10")
    assert numbered(pack, texts, 174) == [BLANK, "Page 174"]
    assert shows(numbered(pack, texts, 176), appendix_d[1], 176)
    full_text = " ".join(" ".join(p.extract_text().split())
                         for p in PdfReader(io.BytesIO(pack.pdf)).pages)
    assert all(words in full_text for words in EXEMPT_WORDS)
    titles = [o.title for o in PdfReader(io.BytesIO(pack.pdf)).outline
              if not isinstance(o, list)]
    # The last bookmark is named for the item the appendices belong to, at their pages.
    assert titles[-1] == "Item 10 – exempt appendices"


@pytest.mark.parametrize("public", [False, True])
def test_an_exempt_papers_place_holds_a_stand_in_in_both_packs(packs, pages, public):
    """Item 10's report (55-70), then a stand-in for Appendix B and one for Appendix D,
    each padded to two pages; the items after it have the same pages in both packs."""
    pack, texts = packs[(2019, public)], pages[(2019, public)]
    assert pack.ranges["10"] == (55, 74) and pack.ranges["11"] == (75, 82)
    for first in (71, 73):
        assert numbered(pack, texts, first) == [*stand_in("3"), f"Page {first}"]
        assert numbered(pack, texts, first + 1) == [BLANK, f"Page {first + 1}"]
    outline = PdfReader(io.BytesIO(pack.pdf)).outline
    at = next(i for i, o in enumerate(outline) if not isinstance(o, list)
              and o.title.startswith("10 Community Navigations"))
    assert [o.title for o in outline[at + 1]] == [
        "Report and Appendices A, C and E", "Document is Restricted", "Document is Restricted"]


def test_exempt_papers_are_absent_from_the_public_pack(packs, pages, paper_pages):
    full, public = packs[(2019, False)], packs[(2019, True)]
    assert public.numbered_pages == full.numbered_pages - 6 == 170
    # The public pages keep their numbers: the exempt papers come after them.
    assert {k: v for k, v in full.ranges.items() if k != "10x"} == public.ranges
    extracted = " ".join(" ".join(p.extract_text().split())
                         for p in PdfReader(io.BytesIO(public.pdf)).pages)
    for words in EXEMPT_WORDS:
        assert words not in extracted
    exempt_pages = [page for name in EXEMPT_FILES for page in paper_pages[name]]
    assert not any(drawn[:-1] in exempt_pages for drawn in pages[(2019, True)])
    for name in EXEMPT_FILES:
        assert name.encode() not in public.pdf
    outline = [o.title for o in PdfReader(io.BytesIO(public.pdf)).outline
               if not isinstance(o, list)]
    assert not any("Appendix B" in title or "Appendix D" in title for title in outline)
    assert "Exempt papers withheld from the public: 2 (paragraph 3 of Part 1 of Schedule 12A)"\
        in extracted


def test_a_wholly_exempt_item_leaves_no_trace_but_its_number(register, make_pdf):
    load_demo_without_papers(register)
    meetings.attach_papers(register, ASC, MEETING_2023, 4, [("minutes.pdf", make_pdf("minutes"))])
    meetings.add_item(register, ASC, MEETING_2023, "Disposal of the Sandwich Depot Freehold",
                      exempt_paragraph=3, before=None)
    meetings.attach_papers(register, ASC, MEETING_2023, 12,
                           [("bids.pdf", make_pdf("Bidder Quillfeather"))], title="Tender scores")
    details = meetings.meeting(register, ASC, MEETING_2023)
    full, public = build_pack(details), build_pack(details, public=True)
    assert (full.ranges, public.ranges) == ({"4": (1, 2), "12": (3, 4)}, {"4": (1, 2)})
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(public.pdf)).pages)
    for secret in ("Sandwich", "Quillfeather", "Tender scores", "bids.pdf"):
        assert secret not in text and secret.encode() not in public.pdf
    # The motion to exclude the press and public takes the number after the last open
    # item; the exempt item is numbered after it.
    assert "12 Motion to Exclude the Press and Public for Exempt Business" in \
        " ".join(text.split())
    assert "13 Exempt item: its title and papers are withheld from the public" in \
        " ".join(text.split())
    full_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(full.pdf)).pages)
    assert "Bidder Quillfeather" in full_text and "Sandwich Depot" in full_text


# --- stamping and padding of awkward papers ---------------------------------------------


def test_rotated_pages_are_stamped_at_their_foot_as_displayed(register):
    load_demo_without_papers(register)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sample_paper("rotated.pdf", 3))))
    writer.pages[0].rotate(90)
    writer.pages[1].rotate(270)
    out = io.BytesIO()
    writer.write(out)
    meetings.attach_papers(register, ASC, MEETING_2023, 4, [("rotated.pdf", out.getvalue())])
    pack = build_pack(meetings.meeting(register, ASC, MEETING_2023))
    reader = PdfReader(io.BytesIO(pack.pdf))
    matrices = []
    for n in (1, 2, 3, 4):
        data = reader.pages[pack.front_pages + n - 1].get_contents().get_data()
        (tm,) = re.findall(rb"([-\d. ]+) Tm \(Page %d\) Tj" % n, data)
        matrices.append([float(x) for x in tm.split()])
    width, height = 595.2756, 841.8898
    (a, b, c, d, x, y) = matrices[0]  # /Rotate 90: the foot is the right-hand edge
    assert (a, b, c, d) == (0, 1, -1, 0) and x == pytest.approx(width - 22, abs=0.01)
    assert height / 2 - 40 < y < height / 2
    (a, b, c, d, x, y) = matrices[1]  # /Rotate 270: the left-hand edge, read downwards
    assert (a, b, c, d) == (0, -1, 1, 0) and x == pytest.approx(22, abs=0.01)
    assert height / 2 < y < height / 2 + 40
    (a, b, c, d, x, y) = matrices[2]
    assert (a, b, c, d) == (1, 0, 0, 1) and y == pytest.approx(22, abs=0.01)
    assert width / 2 - 40 < x < width / 2
    assert matrices[3][:4] == [1, 0, 0, 1]  # the padding page
    assert pack.ranges == {"4": (1, 4)}


def test_a_paper_with_an_even_page_count_is_not_padded(register):
    load_demo_without_papers(register)
    meetings.attach_papers(register, ASC, MEETING_2023, 4, [("a.pdf", sample_paper("a.pdf", 2))])
    meetings.attach_papers(register, ASC, MEETING_2023, 5, [("b.pdf", sample_paper("b.pdf", 1))])
    pack = build_pack(meetings.meeting(register, ASC, MEETING_2023))
    assert pack.ranges == {"4": (1, 2), "5": (3, 4)}
    assert [(d.pages, d.padded) for d in pack.documents] == [(2, False), (1, True)]


# --- the command -----------------------------------------------------------------------


@pytest.mark.parametrize("public", [False, True])
def test_render_pack_writes_the_pack(demo, tmp_path: Path, capsys, public):
    out = tmp_path / "pack.pdf"
    args = ["--db", str(demo.store.path), "render", "pack", "--committee", ASC, "--date",
            "2019-03-12", "-o", str(out)] + (["--public"] if public else [])
    assert main(args) == 0
    captured = capsys.readouterr()
    kind = "public agenda pack" if public else "agenda pack"
    numbered_pages = 170 if public else 176
    expected = (f"Wrote the {kind} of {ASC}, Tuesday, 12 March 2019 to {out}: front sheet 4"
                f" pages, then {numbered_pages} numbered pages from {11 if public else 13}"
                f" papers ({numbered_pages + 4} pages in all).\n")
    if public:
        expected += "Exempt papers left out (item 10); the front sheet says which.\n"
    assert (captured.out, captured.err) == (expected, "")
    assert len(PdfReader(out).pages) == numbered_pages + 4


def test_render_pack_of_a_meeting_with_no_papers_is_just_the_front_sheet(register, tmp_path,
                                                                          capsys):
    load_demo_without_papers(register)
    meetings.create_meeting(register, ASC, dt.date(2024, 1, 18), time="14:00")
    out = tmp_path / "pack.pdf"
    assert main(["--db", str(register.store.path), "render", "pack", "--committee", ASC,
                 "--date", "2024-01-18", "-o", str(out)]) == 0
    assert "then 0 numbered pages from 0 papers" in capsys.readouterr().out
    assert len(PdfReader(out).pages) % 2 == 0


def test_papers_imported_with_sub_items_follow_the_agenda_and_nest_in_the_outline(
    register, sample_doc, write_doc, tmp_path, make_pdf,
):
    """The conftest sample: item 3's sub-item a) gets its paper after item 2's; an exempt
    sub-item b) goes to EXEMPT ITEMS and out of the public pack."""
    items = sample_doc["meetings"][0]["items"]
    items[1]["papers"] = [{"path": "papers/report.pdf", "title": "Report"}]
    items[2]["items"][0]["papers"] = ["papers/record.pdf"]
    items[2]["items"].append({"title": "Settlement with Provider Marrowby",
                              "exempt_paragraph": 2,
                              "papers": [{"path": "papers/settlement.pdf",
                                          "title": "Heads of terms"}]})
    exchange.import_file(register, write_doc(tmp_path / "in", sample_doc, papers={
        "papers/report.pdf": make_pdf("report"), "papers/record.pdf": make_pdf("record"),
        "papers/settlement.pdf": make_pdf("Marrowby settlement terms")}))
    details = meetings.meeting(register, ASC, MEETING_2023)
    full, public = build_pack(details), build_pack(details, public=True)
    assert full.ranges == {"2": (1, 2), "3a": (3, 4), "3x": (5, 6)}
    assert public.ranges == {"2": (1, 2), "3a": (3, 4)}
    lines = full.sheet.lines()
    assert "a) 23/00077 - Care Home Beds Framework Extension (Pages 3 - 4)" in lines
    assert ("3 Decisions Taken Outside of the Cabinet Committee Cycle – Exempt b) Settlement"
            " with Provider Marrowby (Pages 5 - 6)") in lines
    reader = PdfReader(io.BytesIO(full.pdf))
    titles = [o.title if not isinstance(o, list) else [c.title for c in o]
              for o in reader.outline]
    assert titles == [
        "Agenda front sheet", "1 Apologies and Substitutes",
        "2 23/00098 - Adult Social Care Pressures Plan 2023/2024",
        "3 Decisions Taken Outside of the Cabinet Committee Cycle",
        ["a) 23/00077 - Care Home Beds Framework Extension"],
        "3 Decisions Taken Outside of the Cabinet Committee Cycle – Exempt b) Settlement with"
        " Provider Marrowby"]
    # Item 1 has no paper: its bookmark is its line on the front sheet. Item 3 has no
    # paper of its own: it opens at its sub-item's.
    pages = [reader.get_destination_page_number(o) for o in reader.outline
             if not isinstance(o, list)]
    assert pages == [0, 1, full.front_pages, full.front_pages + 2, full.front_pages + 4]
    listing = " ".join(reader.pages[1].extract_text().split())
    assert "1 Apologies and Substitutes" in listing
    assert "Apologies" not in reader.pages[0].extract_text()  # the cover page
    public_outline = [o.title for o in PdfReader(io.BytesIO(public.pdf)).outline
                      if not isinstance(o, list)]
    assert public_outline == ["Agenda front sheet", "1 Apologies and Substitutes",
                              "2 23/00098 - Adult Social Care Pressures Plan 2023/2024",
                              "3 Decisions Taken Outside of the Cabinet Committee Cycle"]
    public_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(public.pdf)).pages)
    assert "Marrowby" not in public_text and b"Marrowby" not in public.pdf


def test_an_exempt_paper_of_a_sub_item_is_named_with_its_letter_and_withheld_on_its_line(
    register, sample_doc, write_doc, tmp_path, make_pdf,
):
    """Item 3's sub-item a) has a public paper and an exempt one: the full front sheet
    names the exempt one with the sub-item's letter; the public one says, on a)'s own
    line, that one paper is withheld."""
    sub = sample_doc["meetings"][0]["items"][2]["items"][0]
    sub["papers"] = ["papers/record.pdf", {"path": "papers/prices.pdf",
                                           "title": "Lot 2 prices", "exempt_paragraph": 3}]
    exchange.import_file(register, write_doc(tmp_path / "in", sample_doc, papers={
        "papers/record.pdf": make_pdf("record"), "papers/prices.pdf": make_pdf("prices")}))
    details = meetings.meeting(register, ASC, MEETING_2023)
    full, public = build_pack(details), build_pack(details, public=True)
    # a)'s exempt paper leaves a stand-in at its place (3-4) in both packs.
    assert full.ranges == public.ranges | {"3x": (5, 6)} and public.ranges == {"3a": (1, 4)}
    assert ("3 Decisions Taken Outside of the Cabinet Committee Cycle – Exempt a) Lot 2"
            " prices (Pages 5 - 6)") in full.sheet.lines()
    lines = public.sheet.lines()
    at = lines.index("a) 23/00077 - Care Home Beds Framework Extension (Pages 1 - 4)")
    assert lines[at + 1] == ("Exempt papers withheld from the public: 1 (paragraph 3 of Part"
                             " 1 of Schedule 12A); see EXEMPT ITEMS")
    item_3 = lines.index("3 Decisions Taken Outside of the Cabinet Committee Cycle")
    assert not lines[item_3 + 1].startswith("Exempt papers withheld")


def test_a_paper_pypdf_must_repair_builds_without_its_notes_on_the_terminal(
    register, tmp_path,
):
    """A paper whose cross-reference table points one object at another's place (pypdf
    repairs it, as viewers do) is read silently: the command prints its one line and
    nothing of pypdf's repairs."""
    good = sample_paper("report.pdf", 3)
    at = good.rindex(b"\nxref\n")
    offsets = re.findall(rb"(\d{10}) 00000 n", good[at:])
    shifted = good[:at] + good[at:].replace(offsets[2] + b" 00000 n",
                                            offsets[3] + b" 00000 n", 1)
    load_demo_without_papers(register)
    meetings.attach_papers(register, ASC, MEETING_2023, 9, [("report.pdf", shifted)])
    out = tmp_path / "pack.pdf"
    # As a clerk runs it (pytest would catch the log records a terminal shows).
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parent.parent / "main.py"), "--db",
         str(register.store.path), "render", "pack", "--committee", ASC, "--date", "2023-11-23",
         "-o", str(out)], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Wrote the agenda pack of") and done.stdout.count("\n") == 1
    assert len(PdfReader(out).pages) == 4 + 4  # the front sheet, the paper and its blank


# --- fonts ---------------------------------------------------------------------------------


def _fonts(pdf: bytes) -> list[tuple[str, bytes | None]]:
    """Each font of the pack: its name and its program's bytes (None: not embedded)."""
    found = []
    reader = PdfReader(io.BytesIO(pdf))
    seen: set[int] = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            ref = font.idnum if hasattr(font, "idnum") else id(font)
            if ref in seen:
                continue
            seen.add(ref)
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            program = None
            if descriptor is not None:
                descriptor = descriptor.get_object()
                key = next((k for k in ("/FontFile", "/FontFile2", "/FontFile3")
                            if k in descriptor), None)
                program = descriptor[key].get_object().get_data() if key else None
                assert descriptor["/FontName"] == font["/BaseFont"]
            found.append((str(font["/BaseFont"]), program))
    return found


def test_every_font_of_the_demo_pack_is_embedded_and_each_subset_has_its_own_tag(packs):
    for pack in packs.values():
        fonts = _fonts(pack.pdf)
        assert fonts and all(program for _name, program in fonts)
        names: dict[str, bytes] = {}
        for name, program in fonts:
            assert re.fullmatch(r"/[A-Z]{6}\+[A-Za-z-]+", name), name
            # One name, one subset: two different programs never share a tag.
            assert names.setdefault(name, program) == program, name
        assert len({n.split("+")[0] for n in names}) == len(names) > 2


def test_a_paper_without_its_fonts_is_named_when_the_pack_is_written(register, tmp_path,
                                                                     capsys, make_pdf):
    load_demo_without_papers(register)
    meetings.attach_papers(register, ASC, MEETING_2023, 4, [("minutes.pdf", make_pdf("m"))],
                           title="Minutes")
    meetings.attach_papers(register, ASC, MEETING_2023, 5,
                           [("budget.pdf", sample_paper("budget.pdf", 2))], title="Budget")
    out = tmp_path / "pack.pdf"
    assert main(["--db", str(register.store.path), "render", "pack", "--committee", ASC,
                 "--date", "2023-11-23", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert ("Fonts not embedded in their papers, so a reader shows its own in their place:"
            " item 4, Minutes (Helvetica).") in said
    assert "Budget" not in said  # its fonts are in the file
