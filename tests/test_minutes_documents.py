"""The minutes as documents (issue 15), from the minutes of two real meetings built by hand
(tests/minutes_samples.py): laid out as Kent's (heading, PRESENT / ALSO PRESENT / IN
ATTENDANCE, UNRESTRICTED ITEMS, each minute's number, title and "(Item. N)", its numbered
paragraphs and lettered points, EXEMPT ITEMS), read back from the tagged PDF and the Word
file; the public version without the exempt minute; draft and approved; a long minute
across pages; awkward titles; and the PDF attached to the next meeting's agenda pack."""

from __future__ import annotations

import dataclasses
import io
import json
import re

import pytest
from docx import Document
from pypdf import PdfReader

from governance import meetings
from governance.desk import Desk
from governance.minute_book import Minute, Minutes
from governance.model import Council
from templates.minutes import points
from templates.pack_samples import ASC, MEETING_2023
from templates.renderer import Renderer
from tests import minutes_samples as samples
from tests.hostile_inputs import words
from tests.pdf_text import pdf_pages
from tests.test_pdf_conformance import _broken, _validator
from tests.test_record_documents import in_order, norm

RENDERER = Renderer()


def pdf(minutes: Minutes) -> bytes:
    return RENDERER.minutes(minutes, None, "pdf")


def pdf_words(minutes: Minutes) -> str:
    return norm("\n".join(pdf_pages(pdf(minutes))))


def word(minutes: Minutes):
    return Document(io.BytesIO(RENDERER.minutes(minutes, None, "docx")))


def word_text(minutes: Minutes) -> str:
    return norm("\n".join(p.text.replace("\t", " ") for p in word(minutes).paragraphs))


SEPTEMBER_LAYOUT = [
    "KENT COUNTY COUNCIL", "ADULT SOCIAL CARE CABINET COMMITTEE",
    "MINUTES of a meeting of the Adult Social Care Cabinet Committee held at Council Chamber,"
    " Sessions House, County Hall, Maidstone on Wednesday, 13th September, 2023.",
    "PRESENT: Mr A M Ridgers (Chairman), Mrs P T Cole, Ms S Hamilton, Ms J Meade, Mr D Ross,"
    " Mr T L Shonk, Mr R G Streatfeild, MBE, Ms L Wright, Mr A Brady, Mrs L Game,"
    " Jenni Hawkins and Mr A Kennedy",
    "ALSO PRESENT: Mr D Watkins",
    "IN ATTENDANCE: Richard Smith (Corporate Director of Adult Social Care and Health),"
    " Michael Thomas-Sam (Strategic Business Adviser, Social Care) and Dominic Westhoff"
    " (Democratic Services Officer)",
    "UNRESTRICTED ITEMS",
    "148. Apologies and Substitutes (Item. 2) Apologies had been received from Mr Meade and"
    " Mrs Parfitt-Reid for whom Mr Cole and Mr Dendor would substitute.",
    "149. Election of Vice-Chair (Item. 3) RESOLVED: Ms Wright was nominated",
    "150. Declarations of Interest by Members in items on the agenda (Item. 4) Ms Meade noted",
    "151. Minutes of the meeting held on 6 July 2023 (Item. 5) 1. A Member noted that there"
    " was a spelling error on page 5. 2. RESOLVED, subject to the correction on page 5,",
    "152. Verbal Updates by Cabinet Member and Corporate Director (Item. 6) 1. The Cabinet"
    " Member for Adult Social Care and Public Health, Mr Dan Watkins,",
    "Market Sustainability and Improvement Fund – Mr Watkins said",
    "2. In response to comments and questions from Members, it was said.",
    "(a) A Member asked about the domestic abuse consultation", "(b) Asked for more",
    "(c) A Member asked for more transparency", "3. The corporate director",
    "4. In response to comments", "(a) A Member asked for further details",
    "At the end of this item the Chairman had to leave the meeting.",
    "153. 23/00074 - Property Security Element of the Countywide Sanctuary Access for Eligible"
    " Residents (SAFER) Scheme - Contract Award (Item. 7) Rachel Westlake, Senior"
    " Commissioner,",
    "3. RESOLVED the Adult Social Care Cabinet Committee agreed with the recommendations as"
    " outlined in the report.",
    "154. 23/00078 - Community Equipment Service (Item. 8)", "(f) It was said that the"
    " equality impact assessment",
    "3. RESOLVED The Adult Social Care Cabinet Committee agreed to the recommendations",
    "155. Adult Social Care and Health Performance Q1 2023/2024 (Item. 9)",
    "156. Local Account for Adult Social Care (January 2022 - December 2022) (Item. 10)",
    "157. Bespoke Support Service - Service Update (Item. 11)",
    "158. Enablement and Support Services Update (Item. 12)",
    "159. Work Programme (Item. 13) The Adult Social Care Cabinet Committee noted the work"
    " programme 2023/24.",
]

JANUARY_LAYOUT = [
    "KENT COUNTY COUNCIL", "ADULT SOCIAL CARE CABINET COMMITTEE",
    "MINUTES of a meeting of the Adult Social Care Cabinet Committee held at Darent Room -"
    " Sessions House on Tuesday, 22nd January, 2019.",
    "PRESENT: Mrs P T Cole (Chairman), Ms D Marsh (Vice-Chairman), Mrs A D Allen, MBE,",
    "Mrs T Dean, MBE (Substitute for Mr S J G Koowaree), Ms S Hamilton,",
    "Mr R A Pascoe and Dr L Sullivan", "ALSO PRESENT: Mr G Gibbens",
    "IN ATTENDANCE: Janice Duff (Head of Service Ashford & Shepway OPPD),",
    "Anne Tidmarsh (Director of Adult Social Care and Health Partnerships) and Emma West"
    " (Democratic Services Officer)",
    "UNRESTRICTED ITEMS",
    "123. Apologies and Substitutes (Item. 2) 1. Apologies had been received from"
    " Mr Koowaree, Mr Homewood and Ida Linfield. 2. Mrs Dean attended as a substitute for"
    " Mr Koowaree.",
    "124. Declarations of Interest by Members in items on the agenda (Item. 3) No"
    " declarations of interest were received.",
    "125. Minutes of the meeting held on 30 November 2018 (Item. 4) RESOLVED that the minutes",
    "126. Verbal Updates by Cabinet Member and Corporate Director (Item. 5) 1. Graham Gibbens",
    "a) Recent visits Mr Gibbens and the Chairman", "b) Adult Safeguarding Members Briefing",
    "2. Penny Southern", "a) Recent visits Ms Southern", "d) Thanks to Staff",
    "3. RESOLVED that the verbal updates be noted.",
    "127. 18/00054 - Adult Social Care and Health Being Digital Strategy 2019-2021 (Item. 6)"
    " Ms Tidmarsh (Director of Adult Social Care and Health Partnerships) and Ms Letchford",
    "1. Ms Tidmarsh and Ms Letchford introduced the report",
    "Ms Tidmarsh and Ms Letchford then responded to comments and questions from Members,"
    " including the following: - a) Ms Tidmarsh talked about",
    "j) Mr Gibbens reassured Members",
    "2. RESOLVED that the decision proposed to be taken by the Cabinet Member for Adult Social"
    " Care and Health, to a) approve the Adult Social Care and Health Being Digital Strategy",
    "c) note that an update will be presented", "be endorsed.",
]


@pytest.mark.parametrize(("minutes", "layout"), [
    (samples.september_2023(), SEPTEMBER_LAYOUT),
    (samples.january_2019(), JANUARY_LAYOUT),
], ids=["2023-09-13", "2019-01-22"])
def test_the_minutes_read_as_kents_in_pdf_and_word(minutes: Minutes, layout: list[str]) -> None:
    for text in (pdf_words(minutes), word_text(minutes)):
        in_order(text, layout)
        assert "EXEMPT ITEMS" not in text  # neither meeting had exempt business
        numbers = [int(n) for n in re.findall(r"\b(1[2-5]\d)\. [A-Z0-9]", text)]
        assert numbers == [m.number for m in minutes.unrestricted]


def test_the_word_file_has_the_kent_paragraphs_each_in_its_own_style() -> None:
    doc = word(samples.january_2019())
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[:4] == [
        ("Minutes Banner",
         "DRAFT – subject to approval as a correct record at the next meeting of the"
         " committee"),
        ("Minutes Council", "KENT COUNTY COUNCIL"),
        ("Heading 1", "ADULT SOCIAL CARE CABINET COMMITTEE"),
        ("Minutes Attendance", "MINUTES of a meeting of the Adult Social Care Cabinet Committee"
                               " held at Darent Room - Sessions House on Tuesday, 22nd"
                               " January, 2019.")]
    start = paragraphs.index(("Heading 3", "123.\tApologies and Substitutes"))
    assert paragraphs[start:start + 4] == [
        ("Heading 3", "123.\tApologies and Substitutes"),
        ("Minutes Item", "(Item. 2)"),
        ("Minutes Numbered", "1.\tApologies had been received from Mr Koowaree, Mr Homewood"
                             " and Ida Linfield."),
        ("Minutes Numbered", "2.\tMrs Dean attended as a substitute for Mr Koowaree.")]
    assert ("Minutes Lettered Under", "a)\tRecent visits\nMr Gibbens and the Chairman of Kent"
            " County Council, Mr Angell, had visited the Mental Health Unit at St Martins"
            " Hospital, Canterbury, the Disabled Children’s team in Brook House, Whitstable,"
            " and King Edward Court, Herne Bay, over the Christmas period to meet with staff"
            " and residents and wish everybody a Merry Christmas.") in paragraphs
    assert ("Minutes Text Under", "be endorsed.") in paragraphs
    assert [t for s, t in paragraphs if s == "Heading 2"] == ["UNRESTRICTED ITEMS"]
    resolved = next(p for p in doc.paragraphs if p.text.startswith("RESOLVED that the min"))
    assert resolved.runs[0].text == "RESOLVED" and resolved.runs[0].bold
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text == "Draft minutes of the Adult Social Care Cabinet Committee," \
                          " 22 January 2019 – page "  # then Word's PAGE field
    assert 'w:fldCharType="begin"' in footer._p.xml and " PAGE " in footer._p.xml


def test_typed_numbers_and_letters_set_the_indent() -> None:
    read = points(("Officers were in attendance.", "(a) before any number",
                   "1. First", "Carried on", "(a) Asked", "b) Said\nand more",
                   "2. RESOLVED that", "(iv) a roman one", "2023 was a year. It was."))
    assert [(p.kind, p.marker, p.under) for p in read] == [
        ("text", "", False), ("lettered", "(a)", False), ("numbered", "1.", False),
        ("text", "", True), ("lettered", "(a)", True), ("lettered", "b)", True),
        ("numbered", "2.", False), ("lettered", "(iv)", True), ("text", "", True)]
    assert read[5].text == "Said\nand more"
    assert [p.indent for p in read[:5]] == [(1.2, 0.0), (2.1, 0.9), (2.0, 0.8), (2.0, 0.0),
                                          (2.9, 0.9)]


def test_a_line_with_no_names_is_left_out() -> None:
    minutes = dataclasses.replace(samples.september_2023(), also_present=(),
                                  in_attendance=())
    for text in (pdf_words(minutes), word_text(minutes)):
        assert "ALSO PRESENT" not in text and "IN ATTENDANCE" not in text
        in_order(text, ["Jenni Hawkins and Mr A Kennedy", "UNRESTRICTED ITEMS"])


# --- exempt minutes, the public version ---------------------------------------------------------

SECRETS = ("Brook Farm", "23/00081", "District Valuer", "2,350,000", "160.")


def test_the_full_version_prints_the_exempt_minute_and_says_it_is_not_for_publication() -> None:
    full = samples.with_exempt(samples.september_2023(), public=False)
    for text in (pdf_words(full), word_text(full)):
        in_order(text, [
            "DRAFT – subject to approval", "NOT FOR PUBLICATION – these minutes include exempt"
            " information (EXEMPT ITEMS)", "UNRESTRICTED ITEMS", "159. Work Programme",
            "EXEMPT ITEMS", "160. 23/00081 - Disposal of Brook Farm Care Home, Ashford"
            " (Item. 15) (Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local"
            " Government Act 1972) 1. The Committee considered the bids received for Brook"
            " Farm", "2. RESOLVED that the proposed decision to sell Brook Farm"])


@pytest.mark.parametrize("handed", [False, True], ids=["left out", "handed in by mistake"])
def test_the_public_version_leaves_the_exempt_minute_out_and_says_so(handed: bool) -> None:
    public = samples.with_exempt(samples.september_2023(), public=True)
    if handed:  # the renderer never prints an exempt minute in a public version
        public = dataclasses.replace(public, exempt=(samples.EXEMPT_MINUTE,))
    data = pdf(public)
    doc = RENDERER.minutes(public, None, "docx")
    for text in (pdf_words(public), word_text(public)):
        in_order(text, ["UNRESTRICTED ITEMS", "159. Work Programme (Item. 13)",
                        "EXEMPT ITEMS", samples.WITHHELD])
        assert "NOT FOR PUBLICATION" not in text
        for secret in SECRETS[:-1]:
            assert secret not in text
        assert "160. " not in text
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Draft minutes of the Adult Social Care Cabinet" \
                                    " Committee, 13 September 2023 (public version)"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "Brook Farm" not in xmp
    assert all(secret.encode() not in doc for secret in SECRETS)


# --- draft and approved -------------------------------------------------------------------------


def test_a_draft_says_so_on_every_page_and_approved_minutes_print_their_approval() -> None:
    draft = samples.september_2023()
    pages = pdf_pages(pdf(draft))
    assert len(pages) == 7
    assert norm(pages[0]).startswith("DRAFT – subject to approval as a correct record at the"
                                     " next meeting of the committee KENT COUNTY COUNCIL")
    for n, page in enumerate(pages, 1):
        assert page.rstrip().endswith(
            f"Draft minutes of the Adult Social Care Cabinet Committee, 13 September 2023"
            f" – page {n}")
    approved = samples.approved(draft)
    pages = pdf_pages(pdf(approved))
    assert norm(pages[0]).startswith("KENT COUNTY COUNCIL ADULT SOCIAL CARE CABINET COMMITTEE")
    assert "DRAFT" not in norm(" ".join(pages)) and "Draft" not in norm(" ".join(pages))
    assert norm(pages[-1]).endswith(
        f"the work programme 2023/24. {samples.APPROVED} Minutes of the Adult Social Care"
        f" Cabinet Committee, 13 September 2023 – page {len(pages)}")
    text = word_text(approved)
    assert text.endswith(samples.APPROVED) and "DRAFT" not in text
    assert word(approved).core_properties.title == \
        "Minutes of the Adult Social Care Cabinet Committee, 13 September 2023"


# --- the files: fonts, tags, properties ---------------------------------------------------------


def _roles(node, depth: int = 0) -> list[str]:
    out = []
    for kid in (node.get("/K") if isinstance(node.get("/K"), list) else [node.get("/K")]):
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            out.append(kid["/S"][1:])
            out += _roles(kid, depth + 1)
    return out


def test_the_pdf_embeds_its_fonts_and_is_tagged() -> None:
    data = pdf(samples.with_exempt(samples.january_2019(), public=False))
    reader = PdfReader(io.BytesIO(data))
    assert data.startswith(b"%PDF-1.7\n")
    assert {tuple(round(float(v)) for v in p.mediabox[2:]) for p in reader.pages} == \
        {(595, 842)}
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert len(fonts) >= 3  # regular, bold, italic
    for name, font in fonts.items():
        assert "LiberationSans" in name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), f"{name} not embedded"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.title == \
        "Draft minutes of the Adult Social Care Cabinet Committee, 22 January 2019"
    assert reader.metadata.author == "Kent County Council"
    roles = _roles(root["/StructTreeRoot"].get_object()["/K"].get_object())
    assert roles[:6] == ["P", "P", "P", "H1", "P", "P"]  # banners, council, committee ...
    assert roles.count("H2") == 2  # UNRESTRICTED ITEMS, EXEMPT ITEMS
    assert roles.count("H3") == 6  # minutes 123-127 and 160
    assert {"Sect", "L", "LI", "Lbl", "LBody"} <= set(roles)


@pytest.mark.parametrize("version", ["draft", "full, approved", "public"])
def test_the_pdf_passes_the_independent_pdf_ua_validator(version: str) -> None:
    page = _validator()
    minutes = {"draft": samples.september_2023(),
               "full, approved": samples.approved(samples.with_exempt(
                   samples.january_2019(), public=False)),
               "public": samples.with_exempt(samples.january_2019(), public=True)}[version]
    report = page.validate_pdf_bytes(pdf(minutes), profile="ua1")
    assert _broken(report) == [] and report.is_compliant


def test_the_word_file_carries_its_own_properties() -> None:
    props = word(samples.september_2023()).core_properties
    assert props.title == "Draft minutes of the Adult Social Care Cabinet Committee," \
                          " 13 September 2023"
    assert props.author == "Kent County Council"
    assert props.subject == "Minutes of a meeting of the Adult Social Care Cabinet Committee" \
                            " held on 13 September 2023"
    assert props.language == "en-GB" and props.revision == 1
    assert props.comments == "" and props.created.year >= 2024


# --- long minutes and awkward text --------------------------------------------------------------


def test_a_long_minute_breaks_across_pages_cleanly() -> None:
    long_text = tuple(f"{n}. {words(220)}" for n in range(1, 9)) + tuple(
        f"({chr(96 + n)}) {words(150)}" for n in range(1, 9)) + ("9. RESOLVED that the"
                                                                  " report be noted.",)
    minutes = dataclasses.replace(samples.january_2019(), unrestricted=(
        *samples.JANUARY_2019_MINUTES[:2],
        Minute(125, "4", "A Very Long Minute", long_text),
        *samples.JANUARY_2019_MINUTES[3:]))
    pages = pdf_pages(pdf(minutes))
    assert len(pages) >= 5
    text = norm(" ".join(pages))
    body = [norm(p) for p in long_text]
    in_order(text, ["125. A Very Long Minute (Item. 4)", body[0][:200], "9. RESOLVED that the"
                    " report be noted.", "126. Verbal Updates by Cabinet Member and Corporate"
                    " Director (Item. 5)"])
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip()]
        body_lines = lines[:-1]  # the footer last
        # A minute's title never ends a page: its "(Item. N)" and text follow on the page.
        titles = [i for i, line in enumerate(body_lines)
                  if re.match(r"^12\d\. [A-Z]", line)]
        for i in titles:
            assert i + 2 < len(body_lines), page
            assert body_lines[i + 1].startswith("(Item. "), page


def test_a_title_with_ampersands_angle_brackets_and_other_scripts_renders() -> None:
    title = "Fish & Chips <Ltd> – Ελληνικά, Київ, Cymraeg: ŵŷ, Łódź"
    text = 'Mr "O\'Brien" said <b>not bold</b> & R&D > 5 %; Ελληνικά και Українська.'
    minutes = dataclasses.replace(samples.january_2019(), unrestricted=(
        Minute(123, "2", title, (text, "1. A & B <c>")),))
    for read in (pdf_words(minutes), word_text(minutes)):
        in_order(read, [f"123. {title} (Item. 2)", text, "1. A & B <c>"])


# --- as a paper of the next meeting's agenda ----------------------------------------------------


def test_the_pdf_is_a_paper_the_next_meetings_pack_takes(demo_without_papers: Desk) -> None:
    data = pdf(samples.september_2023())
    info = RENDERER.check_paper(data, "minutes-2023-09-13.pdf")
    assert info.pages == 7 and tuple(round(v) for v in info.first_page_size) == (595, 842)
    meetings.attach_papers(demo_without_papers, ASC, MEETING_2023, 4,
                           [("minutes-2023-09-13.pdf", data)])
    details = meetings.meeting(demo_without_papers, ASC, MEETING_2023)
    pack = RENDERER.pack(details, None)
    assert pack.numbered_pages == 8 and not pack.unembedded  # Kent's: pages 1 - 8
    pages = pdf_pages(pack.pdf)
    first = pack.front_pages
    assert "Minutes of the meeting held on 13 September 2023 (Pages 1 - 8)" in \
        norm(" ".join(pages[:first]))
    assert norm(pages[first]).startswith("Agenda Item 4 DRAFT – subject to approval")
    for n in range(1, 8):
        page = norm(pages[first + n - 1])
        assert page.endswith(f"13 September 2023 – page {n} Page {n}"), page
    assert "148. Apologies and Substitutes (Item. 2)" in norm(pages[first])
    assert "159. Work Programme (Item. 13)" in norm(pages[first + 6])


# --- the council's words, notes, nothing minuted yet --------------------------------------------


def test_the_wording_is_the_councils(tmp_path) -> None:
    (tmp_path / "house_style.json").write_text(json.dumps(
        {"council_name": "Borsetshire County Council",
         "council_name_upper": "BORSETSHIRE COUNTY COUNCIL",
         "minutes": {"present": "Present:", "item": "(Agenda item {item})",
                     "draft": "DRAFT MINUTES – not yet approved"}}), encoding="utf-8")
    renderer = Renderer(tmp_path)
    minutes = samples.january_2019()
    text = norm("\n".join(pdf_pages(renderer.minutes(minutes, None, "pdf"))))
    in_order(text, ["DRAFT MINUTES – not yet approved", "BORSETSHIRE COUNTY COUNCIL",
                    "Present: Mrs P T Cole (Chairman)", "ALSO PRESENT: Mr G Gibbens",
                    "123. Apologies and Substitutes (Agenda item 2)"])
    council = Council("Wychwood District Council")
    doc = Document(io.BytesIO(RENDERER.minutes(minutes, council, "docx")))
    assert doc.paragraphs[1].text == "WYCHWOOD DISTRICT COUNCIL"
    assert doc.core_properties.author == "Wychwood District Council"


def test_notes_print_after_the_attendance_and_a_draft_with_nothing_minuted_renders() -> None:
    note = "Mr D Ross attended virtually and did not vote."
    minutes = dataclasses.replace(samples.september_2023(), unrestricted=(), notes=(note,))
    for text in (pdf_words(minutes), word_text(minutes)):
        in_order(text, ["IN ATTENDANCE: Richard Smith", note, "UNRESTRICTED ITEMS"])
        assert "(Item." not in text
    empty = Minutes(ASC, MEETING_2023, None)
    for text in (pdf_words(empty), word_text(empty)):
        in_order(text, ["DRAFT", "KENT COUNTY COUNCIL", "MINUTES of a meeting of the Adult"
                        " Social Care Cabinet Committee held on Thursday, 23rd November, 2023.",
                        "UNRESTRICTED ITEMS"])
        assert "PRESENT" not in text


def test_only_the_word_resolved_is_bold() -> None:
    minutes = dataclasses.replace(samples.january_2019(), unrestricted=(
        Minute(123, "2", "Resolutions", ("RESOLVED: noted.", "RESOLVEDLY not a resolution.",
                                         "1. RESOLVED that it be noted.")),))
    runs = [[(r.text, bool(r.bold)) for r in p.runs] for p in word(minutes).paragraphs
            if "RESOLVED" in p.text]
    assert runs == [[("RESOLVED", True), (": noted.", False)],
                    [("RESOLVEDLY not a resolution.", False)],
                    [("1.\t", False), ("RESOLVED", True), (" that it be noted.", False)]]
