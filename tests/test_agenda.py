"""The agenda front sheet: the 2023 and 2019 meetings of the demo register rebuilt item
by item as the published papers print them, in Word and PDF; exempt items, the motion
to exclude the press and public, and late publication."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from governance import exchange, meetings
from governance.desk import Desk
from main import main
from templates.agenda_docx import front_sheet_docx
from templates.agenda_pdf import front_sheet_pdf
from templates.frontsheet import FrontSheet, ItemLine, front_sheet, plan_agenda
from templates.pack import lay_out
from templates.pack_samples import ASC, MEETING_2019, MEETING_2023
from templates.style import house_style
from tests.conftest import load_demo_without_papers, open_desk

PHRASES = house_style()["phrases"]

#: The 2023 front sheet (seed-notes/2023-11-23-pack-notes.md §1.1), items verbatim.
ITEMS_2023 = [
    "1 Introduction/Webcasting Announcement",
    "2 Apologies and Substitutes",
    "3 Declarations of Interest by Members in items on the agenda",
    "4 Minutes of the meeting held on 13 September 2023 (Pages 1 - 8)",
    "5 Initial Draft Budget 2024-25 and Medium Term Financial Plan 2024-27 (Pages 9 - 86)",
    "6 Verbal Updates by Cabinet Member and Corporate Director",
    "7 23/00098 - Adult Social Care Pressures Plan 2023/2024 including Urgent and Emergency"
    " Care Grant Funding (Pages 87 - 148)",
    "8 23/00091 - Kent and Medway Integrated Care Strategy (Pages 149 - 214)",
    "9 Adult Social Care and Health Performance Q2 2023/2024 (Pages 215 - 242)",
    "10 Adult Social Care and Health Annual Complaint's Report 2022/2023 (Pages 243 - 278)",
    "11 Work Programme (Pages 279 - 282)",
]

FRONT_SHEET_2023 = [
    "ADULT SOCIAL CARE CABINET COMMITTEE",
    "Thursday, 23rd November, 2023",
    "2.00 pm",
    "Council Chamber, Sessions House, County Hall, Maidstone",
    "AGENDA",
    "ADULT SOCIAL CARE CABINET COMMITTEE",
    "Thursday, 23 November 2023 at 2.00 pm",
    "Council Chamber, Sessions House, County Hall, Maidstone",
    "Ask for: Dominic Westhoff",
    "Telephone: 03000 412188",
    "dominic.westhoff@kent.gov.uk",
    "Membership (17)",
    # The paper printed "Conservative (12):" above 11 names; the register says which seat
    # is empty.
    "Conservative (12): Mr A M Ridgers (Chairman), Mrs P T Cole, Mr N J Collor,"
    " Ms S Hamilton, Mr J Meade, Mr D Ross, Mr T L Shonk, Ms L Wright (Vice-Chairman),"
    " Mrs L Game, Mrs L Parfitt-Reid, Mr A Kennedy and 1 Vacancy",
    "Labour (2): Ms J Meade and Mr A Brady",
    "Liberal Democrat (1): Mr R G Streatfeild, MBE",
    "Green and Independent (2): Mr S R Campkin and Jenni Hawkins",
    "UNRESTRICTED ITEMS",
    "(During these items the meeting is likely to be open to the public)",
    *ITEMS_2023,
    "EXEMPT ITEMS",
    "(At the time of preparing the agenda there were no exempt items. During any such items"
    " which may arise the meeting is likely NOT to be open to the public)",
    "Benjamin Watts",
    "General Counsel",
    "03000 416814",
    "Wednesday, 15 November 2023",
    "Please note that any background documents referred to in the accompanying papers maybe"
    " inspected by arrangement with the officer responsible for preparing the relevant"
    " report.",
]

#: The 2019 front sheet's item lines as printed (seed-notes/2019-03-12-pack-notes.md §1):
#: that pack numbered its front sheet as pages 1-6, so its papers start at page 7.
ITEMS_2019_PRINTED = {
    "5": "5 Minutes of the meeting held on 22 January 2019 (Pages 7 - 14)",
    "6": "6 Verbal Updates by Cabinet Member and Corporate Director (Pages 15 - 16)",
    "7": "7 18/00067 - Proposed Revision of Rates Payable and Charges Levied for Adult"
         " Services in 2019-20 (Pages 17 - 32)",
    "8": "8 19/00011 - Partnership Arrangements for the Provision of Mental Health Social"
         " Care and Health Services in Kent (Pages 33 - 42)",
    "9": "9 Care and Support in the Home Services (Phase 1) (Pages 43 - 60)",
    "10": "10 Community Navigations (Care Navigation and Social Prescribing Service)"
          " (Pages 62 - 76)",
    "11": "11 Community Day Opportunities for Individuals with Disabilities (SS15087)"
          " (Pages 77 - 84)",
    "12": "12 Development of the Strategic Delivery Plan (Pages 85 - 114)",
    "13": "13 Risk Management - Adult Social Care (Pages 115 - 140)",
    "14": "14 Adult Social Care Performance Dashboard (Pages 141 - 166)",
    "15": "15 Work Programme 2019/20 (Pages 167 - 172)",
}
FRONT_SHEET_OFFSET_2019 = 6


def norm(text: str) -> str:
    return " ".join(text.split())


def in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in ``haystack`` in this order (empty when all are)."""
    missing, at = [], 0
    text = norm(haystack)
    for needle in needles:
        found = text.find(norm(needle), at)
        if found < 0:
            missing.append(needle)
        else:
            at = found + len(norm(needle))
    return missing


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[Desk]:
    """The demo register as ``demo`` loads it, with the papers of both meetings."""
    desk = open_desk(tmp_path_factory.mktemp("agenda") / "register.sqlite")
    exchange.load_demo(desk)
    yield desk
    desk.close()


def sheet_for(register: Desk, date: dt.date, public: bool = False) -> FrontSheet:
    details = meetings.meeting(register, ASC, date)
    plan = plan_agenda(details, public)
    return front_sheet(details, plan, lay_out(plan).ranges)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return "\n".join("".join(" " if t.tag == qn("w:tab") else t.text or ""
                             for t in p.iter(qn("w:t"), qn("w:tab")))
                     for p in doc.element.body.iter(qn("w:p")))


# --- 2023 ------------------------------------------------------------------------------


def test_the_2023_front_sheet_is_rebuilt_line_by_line(demo):
    assert sheet_for(demo, MEETING_2023).lines() == FRONT_SHEET_2023


def test_the_2023_front_sheet_pdf_reads_as_the_paper(demo):
    data = front_sheet_pdf(sheet_for(demo, MEETING_2023))
    reader = PdfReader(io.BytesIO(data))
    assert reader.pages[0].extract_text().split("\n")[0] == "KENT COUNTY COUNCIL"
    assert in_order(pdf_text(data), FRONT_SHEET_2023) == []
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+LiberationSans(-Bold|-Italic)?", f)
                         for f in fonts), fonts


def test_the_2023_front_sheet_docx_reads_as_the_paper(demo):
    data = front_sheet_docx(sheet_for(demo, MEETING_2023))
    assert in_order(docx_text(data), FRONT_SHEET_2023) == []
    doc = Document(io.BytesIO(data))
    items = [p for p in doc.paragraphs if p.style.name == "Agenda Item"]
    assert [norm(p.text) for p in items] == ITEMS_2023
    assert items[3].runs[0].bold and items[3].runs[1].bold and not items[3].runs[2].bold


# --- 2019 ------------------------------------------------------------------------------


def test_the_2019_items_are_those_printed_with_pages_numbered_from_the_first_paper(demo):
    sheet = sheet_for(demo, MEETING_2019)
    ours = {line.number: line.heading for line in sheet.unrestricted}
    assert ours["1"] == "1 Introduction/Webcasting Announcement"
    assert ours["2"] == "2 Membership"
    assert ours["4"] == "4 Declarations of Interest by Members in items on the agenda"
    for number, printed in ITEMS_2019_PRINTED.items():
        first, last = (int(x) for x in re.search(r"\(Pages (\d+) - (\d+)\)", printed).groups())
        expected = printed.replace(f"(Pages {first} - {last})",
                                   f"(Pages {first - FRONT_SHEET_OFFSET_2019} -"
                                   f" {last - FRONT_SHEET_OFFSET_2019})")
        if number == "10":  # the printed pack skipped page 61; this one does not
            expected = expected.replace("(Pages 56 -", "(Pages 55 -")
        # The printed pack left Appendices B and D of item 10 out; this one holds each
        # place with a two-page stand-in (so the public and the full pack number every
        # page alike): item 10 ends 4 pages later, and every later item starts 4 later.
        if int(number) >= 10:
            start, end = (int(x) for x in re.search(r"\(Pages (\d+) - (\d+)\)",
                                                     expected).groups())
            expected = expected.replace(
                f"(Pages {start} - {end})",
                f"(Pages {start + (4 if int(number) > 10 else 0)} - {end + 4})")
        assert ours[number] == expected


def test_the_2019_front_sheet_has_its_notices_membership_and_descriptions(demo):
    lines = sheet_for(demo, MEETING_2019).lines()
    assert in_order("\n".join(lines), [
        "Tuesday, 12 March 2019 at 10.00 am", "Darent Room - Sessions House",
        "Ask for: Emma West", "Telephone: 03000 412421",
        "Tea/Coffee will be available 15 minutes before the start of the meeting",  # as printed
        "Membership (15)",
        "Conservative (12): Mrs P T Cole (Chairman), Mrs C Bell (Vice-Chairman),"
        " Mr D L Brazier, Ms D Marsh, Mrs A D Allen, MBE, Mrs P M Beresford, Mrs S Chandler,"
        " Ms S Hamilton, Mr P J Homewood, Mrs L Hurst, Mr D D Monk and 1 Vacancy",
        "Liberal Democrat (2): Mrs T Dean, MBE, and Ida Linfield",  # as printed
        "Labour (1): Dr L Sullivan",
        "Webcasting Notice", PHRASES["notices"]["webcasting"],
        "By entering into this room, you are consenting to being filmed.",
        "2 Membership",
        "Mr D Pascoe has resigned from his post as a Committee Member on the Adult Social Care"
        " Cabinet Committee.",
        "Mrs C Bell has replaced Ms D Marsh as the Vice Chairman of the Adult Social Care"
        " Cabinet Committee.",
        "3 Apologies and Substitutes",
        "To receive apologies for absence and notification of any substitutes present.",
        "15 Work Programme 2019/20 (Pages 165 - 170)",
        "To receive a report from General Counsel on the Committee’s work programme.",
        "Benjamin Watts", "General Counsel", "03000 416814", "Monday, 4 March 2019",
    ]) == []
    # The refreshments notice and the end of the webcasting notice are the 2019 paper's
    # lines, word for word and nothing added (not even a full stop).
    assert "Tea/Coffee will be available 15 minutes before the start of the meeting" in lines
    assert ("By entering into this room, you are consenting to being filmed. If you do not"
            " wish to have your image captured, please let the Clerk know immediately"
            in lines)


def test_with_exempt_papers_the_agenda_carries_the_motion_and_exempt_items(demo):
    sheet = sheet_for(demo, MEETING_2019)
    assert sheet.motion == (
        "That under Section 100A of the Local Government Act 1972 the press and public be"
        " excluded from the meeting for the following business on the grounds that it"
        " involves the likely disclosure of exempt information as defined in paragraph 3 of"
        " Part 1 of Schedule 12A of the Act.")
    # What there is, never "Exempt Exempt appendix".
    assert sheet.exempt_notice == (
        "(At the time of preparing the agenda there were exempt appendices relating to item"
        " 10. During these items the meeting is likely NOT to be open to the public)")
    assert sheet.motion_heading == ("16 Motion to Exclude the Press and Public for Exempt"
                                    " Business")
    assert [(x.heading, x.notes) for x in sheet.exempt] == [(
        "10 Community Navigations (Care Navigation and Social Prescribing Service) – Exempt"
        " Appendix B and Appendix D (Pages 171 - 176)",
        ["(Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act"
         " 1972)"])]
    text = pdf_text(front_sheet_pdf(sheet))
    assert in_order(text, ["UNRESTRICTED ITEMS", "15 Work Programme 2019/20",
                           "16 Motion to Exclude the Press and Public for Exempt Business",
                           sheet.motion, "EXEMPT ITEMS", sheet.exempt_notice,
                           sheet.exempt[0].heading]) == []
    assert PHRASES["no_exempt_items"] not in norm(text)


def test_the_public_front_sheet_says_which_items_have_exempt_papers_withheld(demo):
    sheet = sheet_for(demo, MEETING_2019, public=True)
    item_10 = next(x for x in sheet.unrestricted if x.number == "10")
    assert item_10.heading.endswith("(Pages 55 - 74)")  # the stand-ins for B and D
    assert item_10.notes == ["Exempt papers withheld from the public: 2 (paragraph 3 of Part 1"
                             " of Schedule 12A); see EXEMPT ITEMS"]
    assert [x.heading for x in sheet.exempt] == [
        "10 Community Navigations (Care Navigation and Social Prescribing Service) – exempt"
        " papers withheld from the public (2)"]
    text = norm("\n".join(sheet.lines()))
    assert "Appendix B" not in text and "Appendix D" not in text


# --- exempt items made in the register ----------------------------------------------------


@pytest.fixture
def small(register, make_pdf) -> Desk:
    """The demo register with one-page papers on items 4 and 7 of 2023."""
    load_demo_without_papers(register)
    meetings.attach_papers(register, ASC, MEETING_2023, 4, [("minutes.pdf", make_pdf("minutes"))])
    meetings.attach_papers(register, ASC, MEETING_2023, 7, [("report.pdf", make_pdf("report"))],
                           title="Report")
    return register


def test_seats_not_allocated_to_a_group_are_vacancies_of_their_own(small):
    """19 seats and no party split: the 16 members by party group, then the 3 seats
    nobody holds on a line of their own (not tacked onto a party's list)."""
    small.store.db.execute("UPDATE committees SET seats = 19, party_seats = NULL WHERE"
                           " name = ?", [ASC])
    # The published 2023 agenda keeps the membership it printed; a new one has today's.
    assert sheet_for(small, MEETING_2023).membership == "Membership (17)"
    meetings.create_meeting(small, ASC, dt.date(2026, 12, 15))
    sheet = sheet_for(small, dt.date(2026, 12, 15))
    assert sheet.membership == "Membership (19)"
    assert sheet.groups[0][0] == "Conservative (11):"
    assert sheet.groups[-1] == ("Seats not allocated to a group (3):", "3 Vacancies")


def test_an_exempt_item_is_listed_under_exempt_items_and_withheld_in_public(small, make_pdf):
    meetings.add_item(small, ASC, MEETING_2023, "Disposal of the Sandwich Depot Freehold",
                      exempt_paragraph=3, description="To consider the bids received.",
                      before=None)
    meetings.attach_papers(small, ASC, MEETING_2023, 12, [("bids.pdf", make_pdf("bids"))])
    meetings.attach_papers(small, ASC, MEETING_2023, 7, [("advice.pdf", make_pdf("legal advice"))],
                           title="Appendix 2 - Legal advice", exempt_paragraph=5)
    full = sheet_for(small, MEETING_2023)
    assert "paragraphs 3 and 5 of Part 1 of Schedule 12A" in full.motion
    # Item 4's minutes are pages 1-2, item 7's report 3-4 and the stand-in for its exempt
    # appendix 5-6; the motion is item 12, so the exempt item that was 12th is printed 13.
    assert [x.heading for x in full.exempt] == [
        "7 23/00098 - Adult Social Care Pressures Plan 2023/2024 including Urgent and"
        " Emergency Care Grant Funding – Exempt Appendix 2 - Legal advice (Pages 7 - 8)",
        "13 Disposal of the Sandwich Depot Freehold (Pages 9 - 10)"]
    assert full.motion_heading.startswith("12 Motion to Exclude")
    assert full.exempt[1].description == ["To consider the bids received."]
    public = sheet_for(small, MEETING_2023, public=True)
    assert [x.heading for x in public.exempt][1] == (
        "13 Exempt item: its title and papers are withheld from the public")
    text = norm("\n".join(public.lines()))
    for secret in ("Sandwich Depot", "bids received", "Legal advice"):
        assert secret not in text
    assert "paragraphs 3 and 5" in public.motion


def test_an_item_on_an_exempt_decision_is_exempt_and_its_number_stays_out_of_public(small):
    """Item 8 is not marked exempt, but the decision it considers is: the item goes under
    EXEMPT ITEMS with the motion to exclude the press and public, and the public front
    sheet names neither the decision nor the item."""
    small.store.db.execute("UPDATE decisions SET exempt_paragraph = 3 WHERE number = '23/00091'")
    full, public = sheet_for(small, MEETING_2023), sheet_for(small, MEETING_2023, True)
    assert "8" not in {x.number for x in full.unrestricted}
    assert [x.heading for x in full.exempt] == [
        "8 23/00091 - Kent and Medway Integrated Care Strategy"]
    assert "paragraph 3 of Part 1 of Schedule 12A of the Act" in full.motion
    public_text = "\n".join(public.lines())
    assert "23/00091" not in public_text and "Integrated Care Strategy" not in public_text
    assert [x.heading for x in public.exempt] == [
        "8 Exempt item: its title and papers are withheld from the public"]


def test_a_late_agenda_says_so_with_its_reason(small):
    # An agenda is published once: the 2023 one as if it had not been yet.
    small.store.db.execute("UPDATE meetings SET published_on = NULL WHERE date = ?",
                           [MEETING_2023.isoformat()])
    meetings.publish(small, ASC, MEETING_2023, dt.date(2023, 11, 17), "urgent grant conditions")
    sheet = sheet_for(small, MEETING_2023)
    assert sheet.date == "Friday, 17 November 2023"
    assert sheet.late_note == (
        "This agenda was published on Friday, 17 November 2023, after the statutory deadline"
        " of Wednesday, 15 November 2023, for the following reason: urgent grant conditions")
    assert sheet.late_note in norm(pdf_text(front_sheet_pdf(sheet)))


# --- the command -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_render_agenda_writes_the_front_sheet(demo, tmp_path: Path, capsys, fmt):
    out = tmp_path / f"agenda.{fmt}"
    code = main(["--db", str(demo.store.path), "render", "agenda", "--committee", ASC, "--date",
                 "2023-11-23", "--format", fmt, "-o", str(out)])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert captured.out == (f"Wrote the agenda front sheet of {ASC}, Thursday, 23 November"
                            f" 2023 ({fmt.upper()}) to {out}.\n")
    text = pdf_text(out.read_bytes()) if fmt == "pdf" else docx_text(out.read_bytes())
    assert in_order(text, ITEMS_2023) == []


def test_render_agenda_for_a_meeting_that_does_not_exist_fails_cleanly(demo, tmp_path,
                                                                        capsys):
    code = main(["--db", str(demo.store.path), "render", "agenda", "--committee", ASC, "--date",
                 "2023-11-30", "--format", "pdf", "-o", str(tmp_path / "a.pdf")])
    assert code == 1
    assert capsys.readouterr().err == (f"render: {ASC} has no meeting on 2023-11-30 (its"
                                       " meetings: 2019-03-12, 2023-11-23)\n")
    assert not (tmp_path / "a.pdf").exists()


def test_an_unpublished_agenda_is_dated_with_its_deadline_and_the_command_says_so(
    small, tmp_path, capsys,
):
    small.store.db.execute("UPDATE meetings SET published_on = NULL")
    assert sheet_for(small, MEETING_2023).date == "Wednesday, 15 November 2023"
    code = main(["--db", str(small.store.path), "render", "agenda", "--committee", ASC, "--date",
                 "2023-11-23", "--format", "pdf", "-o", str(tmp_path / "a.pdf")])
    assert code == 0
    assert capsys.readouterr().err == ("note: the agenda is not published yet: it is dated"
                                       " with the publication deadline, Wednesday, 15"
                                       " November 2023\n")


def test_a_template_without_the_agenda_styles_still_gives_the_document(demo, tmp_path):
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    data = front_sheet_docx(sheet_for(demo, MEETING_2023), template=plain)
    doc = Document(io.BytesIO(data))
    assert [norm(p.text) for p in doc.paragraphs if p.style.name == "Agenda Item"] == \
        ITEMS_2023


def test_the_shipped_template_carries_the_agenda_styles():
    from templates.agenda_docx import STYLES, TEMPLATE

    names = {s.name for s in Document(str(TEMPLATE)).styles}
    assert set(STYLES) <= names


def _clerks_copy(config: Path, data: bytes) -> Path:
    own = config / "DecisionDesk" / "templates" / "agenda_template.docx"
    own.parent.mkdir(parents=True)
    own.write_bytes(data)
    return own


def test_the_clerks_restyled_template_in_the_configuration_folder_is_used(
    small, tmp_path, monkeypatch
):
    from templates.agenda_docx import TEMPLATE

    doc = Document(str(TEMPLATE))
    doc.styles["Agenda Item"].font.size = doc.styles["Agenda Heading"].font.size
    buffer = io.BytesIO()
    doc.save(buffer)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    _clerks_copy(tmp_path / "config", buffer.getvalue())
    out = tmp_path / "agenda.docx"
    assert main(["--db", str(small.store.path), "render", "agenda", "--committee", ASC, "--date",
                 "2023-11-23", "--format", "docx", "-o", str(out)]) == 0
    result = Document(str(out))
    assert result.styles["Agenda Item"].font.size == doc.styles["Agenda Heading"].font.size
    items = [norm(p.text) for p in result.paragraphs if p.style.name == "Agenda Item"]
    assert items[:3] == ITEMS_2023[:3]


def test_a_damaged_agenda_template_is_named_and_nothing_is_written(
    small, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    own = _clerks_copy(tmp_path / "config", b"PK\x03\x04 this is not a Word file")
    out = tmp_path / "out" / "agenda.docx"
    out.parent.mkdir()
    code = main(["--db", str(small.store.path), "render", "agenda", "--committee", ASC, "--date",
                 "2023-11-23", "--format", "docx", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"Word template {own} is damaged" in err and "Traceback" not in err
    assert list(out.parent.iterdir()) == []


# --- the PDF as a tagged PDF --------------------------------------------------------------


@dataclass
class Element:
    """A structure element read back from the file: its role, the text of its marked
    content and of its descendants in tree order, its kids, and the PDF object."""

    role: str
    text: str
    kids: list[Element]
    obj: Any
    ref: Any = None

    def walk(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def find(self, role: str) -> list[Element]:
        return [e for e in self.walk() if e.role == role]

    def kid(self, role: str) -> Element:
        (found,) = [k for k in self.kids if k.role == role]
        return found


def _page_marked_text(page: Any, index: int, by_mcid: dict[tuple[int, int], str],
                      loose: list[str]) -> None:
    stack: list[int | None] = []  # the MCID of each open sequence (None: an artifact)

    def before(op: bytes, args: list, cm: Any, tm: Any) -> None:
        if op == b"BMC":
            stack.append(None)
        elif op == b"BDC":
            props = args[1] if len(args) > 1 and isinstance(args[1], dict) else {}
            stack.append(None if args[0] == "/Artifact" else props.get("/MCID"))
        elif op == b"EMC":
            stack.pop()

    def text(t: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not t.strip():
            return
        if not stack:
            loose.append(t)
        elif stack[-1] is not None:
            key = (index, int(stack[-1]))
            by_mcid[key] = by_mcid.get(key, "") + " " + t

    page.extract_text(visitor_operand_before=before, visitor_text=text)


def structure(data: bytes) -> tuple[Element, list[str]]:
    """The structure tree of ``data`` with each element's text, and the text drawn outside
    any marked content (none in a tagged file)."""
    reader = PdfReader(io.BytesIO(data))
    by_mcid: dict[tuple[int, int], str] = {}
    loose: list[str] = []
    for index, page in enumerate(reader.pages):
        _page_marked_text(page, index, by_mcid, loose)
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}

    def build(ref: Any, page: int | None) -> Element:
        obj = ref.get_object()
        if "/Pg" in obj:
            page = pages[obj.raw_get("/Pg").idnum]
        k = obj.get("/K")
        kids_in = list(k) if isinstance(k, list) else ([] if k is None else [k])
        parts, kids = [], []
        for kid in kids_in:
            if isinstance(kid, int):
                parts.append(by_mcid.get((page, kid), ""))
                continue
            o = kid.get_object()
            if o.get("/Type") == "/MCR":
                parts.append(by_mcid.get((pages[o.raw_get("/Pg").idnum], o["/MCID"]), ""))
            elif o.get("/Type") == "/OBJR":
                kids.append(Element("OBJR", "", [], o))
            else:
                element = build(kid, page)
                kids.append(element)
                parts.append(element.text)
        return Element(str(obj["/S"])[1:], norm(" ".join(parts)), kids, obj,
                       obj.indirect_reference)

    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    return build(tree["/K"], None), loose


def headings(document: Element) -> list[tuple[str, str]]:
    return [(e.role, e.text) for e in document.walk() if re.fullmatch(r"H[1-6]", e.role)]


def section(document: Element, heading: str) -> Element:
    (found,) = [e for e in document.find("Sect")
                if any(re.fullmatch(r"H[1-6]", k.role) and k.text == heading
                       for k in e.kids)]
    return found


def test_the_front_sheet_pdf_is_tagged_with_its_language_title_and_pdfua_claim(demo):
    sheet = sheet_for(demo, MEETING_2023)
    data = front_sheet_pdf(sheet)
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert "/StructTreeRoot" in root
    info = reader.metadata
    assert info.title == ("Adult Social Care Cabinet Committee, Thursday, 23 November 2023"
                          " at 2.00 pm: agenda")
    assert (info.author, info.subject) == ("Kent County Council", "Agenda")
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{info.title}</rdf:li>' in xmp
    assert "<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert front_sheet_pdf(sheet) == data  # the same bytes for the same front sheet
    # The Word front sheet carries the same title.
    props = Document(io.BytesIO(front_sheet_docx(sheet))).core_properties
    assert (props.title, props.author) == (info.title, info.author)


def test_the_front_sheet_structure_reads_as_the_paper(demo):
    """Headings, the membership table, the items as a numbered list, in the paper's
    reading order; every word drawn is in the tree (or an artifact)."""
    document, loose = structure(front_sheet_pdf(sheet_for(demo, MEETING_2023)))
    assert document.role == "Document" and loose == []
    assert in_order(document.text, FRONT_SHEET_2023) == []
    assert headings(document) == [("H1", "ADULT SOCIAL CARE CABINET COMMITTEE"),
                                  ("H2", "AGENDA"), ("H2", "Membership (17)"),
                                  ("H2", "UNRESTRICTED ITEMS"), ("H2", "EXEMPT ITEMS")]

    (table,) = section(document, "Membership (17)").find("Table")
    rows = [[(c.role, c.text) for c in tr.kids] for tr in table.kids]
    assert [r[0] for r in rows] == [
        ("TH", "Conservative (12):"), ("TH", "Labour (2):"), ("TH", "Liberal Democrat (1):"),
        ("TH", "Green and Independent (2):")]
    assert rows[1][1] == ("TD", "Ms J Meade and Mr A Brady")
    assert {str(th.obj["/A"]["/Scope"]) for th in table.find("TH")} == {"/Row"}

    (items,) = section(document, "UNRESTRICTED ITEMS").find("L")
    assert str(items.obj["/A"]["/ListNumbering"]) == "/Decimal"
    assert [f"{li.kid('Lbl').text} {li.kid('LBody').text}" for li in items.kids] == ITEMS_2023
    assert all(li.role == "LI" for li in items.kids)
    assert section(document, "EXEMPT ITEMS").find("L") == []


def test_the_clerks_email_address_is_a_mailto_link_in_the_tree(demo):
    data = front_sheet_pdf(sheet_for(demo, MEETING_2023))
    document, _ = structure(data)
    (link,) = document.find("Link")
    assert link.text == "dominic.westhoff@kent.gov.uk"
    (objr,) = link.find("OBJR")
    annotation = objr.obj["/Obj"].get_object()
    assert annotation["/Subtype"] == "/Link"
    assert annotation["/A"]["/URI"] == "mailto:dominic.westhoff@kent.gov.uk"
    assert annotation["/Contents"] == "E-mail dominic.westhoff@kent.gov.uk"
    reader = PdfReader(io.BytesIO(data))
    assert [a.idnum for a in reader.pages[1]["/Annots"]] == [objr.obj.raw_get("/Obj").idnum]
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = dict(zip(nums[::2], nums[1::2], strict=True))
    assert parents[annotation["/StructParent"]].idnum == link.ref.idnum
    # The annotation lies over the address as printed.
    words = []
    reader.pages[1].extract_text(visitor_text=lambda t, cm, tm, font, size: words.append(
        (t.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])))
    ((x, y),) = [(wx, wy) for t, wx, wy in words if t == "dominic.westhoff@kent.gov.uk"]
    x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
    assert abs(x0 - x) <= 1 and y0 < y < y1 and x1 > x + 100


def test_a_front_sheet_with_sub_items_and_exempt_items_nests_its_lists(small, make_pdf):
    meetings.add_item(small, ASC, MEETING_2023, "Urgent care grant conditions", parent=7,
                      description="To note the conditions.")
    meetings.add_item(small, ASC, MEETING_2023, "Disposal of the Sandwich Depot Freehold",
                      exempt_paragraph=3, description="To consider the bids received.",
                      before=None)
    document, loose = structure(front_sheet_pdf(sheet_for(small, MEETING_2023)))
    assert loose == []
    motion = "12 " + house_style()["agenda"]["motion_heading"]
    assert headings(document)[-3:] == [("H2", "UNRESTRICTED ITEMS"), ("H3", motion),
                                       ("H2", "EXEMPT ITEMS")]
    (items, subs) = section(document, "UNRESTRICTED ITEMS").find("L")
    item_7 = items.kids[6].kid("LBody")
    assert item_7.kids[-1] is subs  # the sub-items' list is in item 7's body
    assert str(subs.obj["/A"]["/ListNumbering"]) == "/LowerAlpha"
    (sub,) = subs.kids
    assert (sub.kid("Lbl").text, [p.text for p in sub.kid("LBody").kids]) == (
        "a)", ["Urgent care grant conditions", "To note the conditions."])
    (exempt,) = section(document, "EXEMPT ITEMS").find("L")
    (item_12,) = exempt.kids  # the 12th item, numbered 13 after the motion
    assert item_12.kid("Lbl").text == "13"
    assert [p.text for p in item_12.kid("LBody").kids] == [
        "Disposal of the Sandwich Depot Freehold", "To consider the bids received.",
        "(Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act"
        " 1972)"]


# --- section headings kept with their first item -------------------------------------------


def _page_of(data: bytes, needle: str) -> int:
    pages = [norm(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]
    (found,) = [i for i, text in enumerate(pages) if norm(needle) in text]
    return found


def test_exempt_items_heading_never_ends_a_page_without_its_first_item(demo):
    """More and more unrestricted items push EXEMPT ITEMS down page 2 and over to page
    3: at every step the heading, its explanation and the first exempt item share a page.
    The item is long enough that, left to itself, it would break away from the heading."""
    base = sheet_for(demo, MEETING_2023)
    exempt = ItemLine(
        "12", "Disposal of the Sandwich Depot Freehold", "(Pages 283 - 290)",
        ["To consider the bids received for the freehold of the depot.",
         "To agree the preferred bidder and the terms of the sale.",
         "To delegate the completion of the sale to the Corporate Director."],
        ["(Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act"
         " 1972)"])
    pages_seen = set()
    # From fewer items than the demo's (the sign-off goes over with the exempt section, so
    # page 2 holds them only when there is room for both) to more.
    for extra in range(-6, 12):
        fillers = [ItemLine(str(12 + i), f"Further item {i}") for i in range(extra)]
        unrestricted = base.unrestricted[:len(base.unrestricted) + min(extra, 0)] + fillers
        sheet = dataclasses.replace(
            base, unrestricted=unrestricted, exempt=[exempt],
            exempt_notice=PHRASES["exempt_items"])
        data = front_sheet_pdf(sheet)
        heading = _page_of(data, "EXEMPT ITEMS")
        assert _page_of(data, PHRASES["exempt_items"]) == heading, extra
        assert _page_of(data, "Disposal of the Sandwich Depot Freehold") == heading, extra
        if heading not in pages_seen:  # the tagging is untouched, moved or not
            document, loose = structure(data)
            assert loose == []
            assert headings(document)[-1] == ("H2", "EXEMPT ITEMS")
            (items,) = section(document, "EXEMPT ITEMS").find("L")
            assert [p.text for p in items.kids[0].kid("LBody").kids][::4] == [
                "Disposal of the Sandwich Depot Freehold (Pages 283 - 290)", exempt.notes[0]]
        pages_seen.add(heading)
    assert pages_seen == {1, 2}  # page 2 filled up, and the section moved on


def test_unrestricted_items_heading_never_ends_a_page_without_its_first_item(demo):
    """More and more notices above it push UNRESTRICTED ITEMS down page 2 and over to
    page 3: at every step the heading, its explanation and item 1 share a page."""
    base = sheet_for(demo, MEETING_2023)
    first = dataclasses.replace(base.unrestricted[0], description=[
        "The Chairman will announce that the meeting is being filmed.",
        "Members of the public who do not wish to be filmed should say so.",
        "The recording will be available on the council's website.",
        "Members are reminded to speak into their microphones."])
    pages_seen = set()
    for extra in range(0, 30):
        sheet = dataclasses.replace(
            base, unrestricted=[first, *base.unrestricted[1:]],
            header_notices=base.header_notices + [f"Notice {i}." for i in range(extra)])
        data = front_sheet_pdf(sheet)
        heading = _page_of(data, "UNRESTRICTED ITEMS")
        assert _page_of(data, PHRASES["unrestricted_items"]) == heading, extra
        assert _page_of(data, "Introduction/Webcasting Announcement") == heading, extra
        if heading not in pages_seen:  # the tagging is untouched, moved or not
            document, loose = structure(data)
            assert loose == [] and in_order(document.text, sheet.lines()) == []
        pages_seen.add(heading)
    assert pages_seen == {1, 2}


# --- the Word front sheet's headings and language -----------------------------------------


def _outline_levels(data: bytes) -> list[tuple[int, str]]:
    """Word's view of the headings: each paragraph's outline level (its own, else its
    style's, else the style's base's) with its text, for those that have one."""
    doc = Document(io.BytesIO(data))

    def level(ppr: Any) -> int | None:
        found = None if ppr is None else ppr.find(qn("w:outlineLvl"))
        return None if found is None else int(found.get(qn("w:val")))

    out = []
    for p in doc.paragraphs:
        found = level(p._p.pPr)
        style = p.style
        while found is None and style is not None:
            found = level(style.element.pPr)
            style = style.base_style
        if found is not None and found < 9:
            out.append((found, norm(p.text)))
    return out


@pytest.mark.parametrize("template", ["shipped", "without the styles"])
def test_the_word_front_sheet_has_headings_and_its_language(small, tmp_path, template):
    """The navigation pane and a screen reader find the front sheet's headings, nested as
    the PDF's H1/H2/H3 are, and the document is in en-GB; the look is the styles' own."""
    from templates.agenda_docx import STYLES

    meetings.add_item(small, ASC, MEETING_2023, "Disposal of the Sandwich Depot Freehold",
                      exempt_paragraph=3, before=None)
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    data = front_sheet_docx(sheet_for(small, MEETING_2023),
                            template=plain if template != "shipped" else None)
    doc = Document(io.BytesIO(data))
    assert doc.core_properties.language == "en-GB"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    styles = {s.name: s for s in doc.styles}
    expected = {"Agenda Cover Committee": "0", "Agenda Heading": "0", "Agenda Section": "1",
                "Agenda Notice Heading": "1"}
    levels = {name: [x.get(qn("w:val")) for x in styles[name].element.pPr.iterchildren(
        qn("w:outlineLvl"))] for name in expected}
    assert levels == {name: [level] for name, level in expected.items()}
    motion = "12 " + house_style()["agenda"]["motion_heading"]
    assert _outline_levels(data) == [
        (0, "ADULT SOCIAL CARE CABINET COMMITTEE"), (0, "AGENDA"), (1, "Membership (17)"),
        (1, "UNRESTRICTED ITEMS"), (2, motion), (1, "EXEMPT ITEMS")]
    # Nothing else about the heading styles changed: size, weight, alignment, spacing.
    for name in expected:
        size, bold, _italic, align, _left, _hanging, before, after = STYLES[name]
        style = styles[name]
        fmt = style.paragraph_format
        assert (style.font.size.pt, style.font.bold) == (size, bold)
        assert fmt.alignment == {"center": 1, "left": 0}[align]
        assert (fmt.space_before.pt, fmt.space_after.pt) == (before, after)
        assert style.base_style.name == "Normal"
