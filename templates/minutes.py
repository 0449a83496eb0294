"""A meeting's minutes as tagged PDF and Word, laid out as Kent's published minutes are
(13 September 2023; 22 January 2019):

    KENT COUNTY COUNCIL
    ADULT SOCIAL CARE CABINET COMMITTEE
    MINUTES of a meeting of the Adult Social Care Cabinet Committee held at ... on
    Wednesday, 13th September, 2023.
    PRESENT: Mr A M Ridgers (Chairman), Mrs P T Cole, ... and Mr A Kennedy
    ALSO PRESENT: ...            (a line with no names is left out)
    IN ATTENDANCE: ...
    UNRESTRICTED ITEMS
    148.  Apologies and Substitutes
          (Item. 2)
          Apologies had been received from ...
    151.  Minutes of the meeting held on 6 July 2023
          (Item. 5)
          1.  A Member noted that ...
              (a)  A Member asked ...
    EXEMPT ITEMS                 (the exempt minutes, or the public version's sentence)

The minute's paragraphs come worded (:class:`governance.minute_book.Minute`); the numbers
and letters the clerk typed ("1.", "(a)", "a)") are kept as typed and only set the indent:
a numbered paragraph hangs from the minute's margin, what follows it (unnumbered
paragraphs, lettered points) sits under its text. A draft says so at its head and in
every page's footer; approved minutes end with their approval. The PDF is A4 with room
above and below for the agenda pack's stamps ("Agenda Item 4", "Page 3"), so it is
attached to the next meeting's agenda as any other paper. The words are the house
style's (``minutes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from governance.minute_book import Minute, Minutes, heading, names_list
from templates.agenda_pdf import FONT, FONT_BOLD
from templates.pdf_tagged import (
    Artifact,
    LabelledParagraph,
    ListItemText,
    StructNode,
    Tagged,
    Tagger,
)
from templates.record import DocumentInfo
from templates.record_docx import _finish, _style
from templates.record_pdf import _render, _styles
from templates.style import long_date

#: The footer's baseline above the foot of the page: clear of the page number the agenda
#: pack stamps below it (its top 29 pt up), and still within the bottom 42 pt that a
#: reader takes as the page's furniture.
FOOTER_HEIGHT = 35.0
#: A typed paragraph number ("1.", "12.") or letter ("(a)", "a)", "(iv)") and the rest.
_NUMBER = re.compile(r"(\d{1,2}\.)\s+(.*)", re.S)
_LETTER = re.compile(r"(\((?:[a-z]|[ivx]{1,4})\)|[a-z]\))\s+(.*)", re.S)
#: The minute's margin: where its title, "(Item. N)" and unnumbered text start (cm).
MARGIN = 1.2
#: (kind, under a numbered paragraph) -> (left indent, hanging) in cm: the same in both
#: formats.
INDENTS = {("text", False): (MARGIN, 0.0), ("text", True): (2.0, 0.0),
           ("numbered", False): (2.0, 0.8), ("numbered", True): (2.0, 0.8),
           ("lettered", False): (2.1, 0.9), ("lettered", True): (2.9, 0.9)}


@dataclass(frozen=True)
class Point:
    """One paragraph of a minute: ``kind`` "text", "numbered" or "lettered", its
    ``marker`` as typed, and whether it sits ``under`` a numbered paragraph."""

    kind: str
    text: str
    marker: str = ""
    under: bool = False

    @property
    def indent(self) -> tuple[float, float]:
        return INDENTS[(self.kind, self.under)]


@dataclass(frozen=True)
class MinuteBlock:
    number: str
    title: str
    item: str
    exempt: str | None
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    minutes: tuple[MinuteBlock, ...]
    note: str | None = None


@dataclass(frozen=True)
class MinutesDocument:
    council: str
    committee: str
    #: The lines above the heading: a draft's, and a full version's "not for publication".
    banner: tuple[str, ...]
    opening: str
    #: (label, names joined "A, B and C"), only the lines with names.
    attendance: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    sections: tuple[Section, ...]
    closing: tuple[str, ...]
    resolved: str
    footer: str
    info: DocumentInfo


def points(paragraphs: tuple[str, ...]) -> tuple[Point, ...]:
    """A minute's paragraphs with their typed numbers and letters read: what follows a
    numbered paragraph (until the minute ends) sits under it."""
    out: list[Point] = []
    under = False
    for paragraph in paragraphs:
        text = "\n".join(line.strip() for line in paragraph.strip().splitlines())
        if match := _NUMBER.fullmatch(text):
            out.append(Point("numbered", match[2], match[1]))
            under = True
        elif match := _LETTER.fullmatch(text):
            out.append(Point("lettered", match[2], match[1], under))
        elif text:
            out.append(Point("text", text, under=under))
    return tuple(out)


def _block(minute: Minute, words: dict[str, Any]) -> MinuteBlock:
    exempt = (words["exempt_paragraph"].format(paragraph=minute.exempt_paragraph)
              if minute.exempt_paragraph else None)
    return MinuteBlock(f"{minute.number}.", minute.title,
                       words["item"].format(item=minute.item), exempt,
                       points(minute.paragraphs))


def minutes_document_of(m: Minutes, style: dict[str, Any]) -> MinutesDocument:
    words = style["minutes"]
    council = style["council_name"]
    date = long_date(m.date)
    draft = m.state != "approved"
    banner = ((words["draft"],) if draft else ()) + \
        ((words["not_for_publication"],) if m.exempt and not m.public else ())
    attendance = tuple((words[key], names_list(names)) for key, names in (
        ("present", m.present), ("also_present", m.also_present),
        ("in_attendance", m.in_attendance)) if names)
    sections = [Section(words["unrestricted_heading"],
                        tuple(_block(x, words) for x in m.unrestricted))]
    # The public version never prints an exempt minute, even one handed to it.
    exempt = () if m.public else m.exempt
    if exempt or m.withheld:
        sections.append(Section(words["exempt_heading"],
                                tuple(_block(x, words) for x in exempt), m.withheld))
    title = words["title_draft" if draft else "title"].format(committee=m.committee,
                                                              date=date)
    title += words["title_public"] if m.public else ""
    info = DocumentInfo(title, council,
                        words["subject"].format(committee=m.committee, date=date), "en-GB",
                        words["keywords"].format(committee=m.committee))
    return MinutesDocument(
        style["council_name_upper"], m.committee.upper(), banner, heading(m), attendance,
        tuple(m.notes), tuple(sections), (m.approved,) if m.approved else (),
        words["resolved"], words["footer"].replace("{title}", title), info)


def _resolved(text: str, resolved: str) -> bool:
    """Whether ``text`` opens with the word ``resolved`` ("RESOLVED that", "RESOLVED:")."""
    return text.startswith(resolved) and not text[len(resolved):][:1].isalnum()


def _markup(text: str, resolved: str) -> str:
    """The text for a reportlab paragraph: a resolution's first word in bold, the clerk's
    line breaks kept."""
    if _resolved(text, resolved):
        text = f"<b>{escape(resolved)}</b>{escape(text[len(resolved):])}"
    else:
        text = escape(text)
    return text.replace("\n", "<br/>")


# --- PDF ---------------------------------------------------------------------------------------


def _pdf_styles() -> dict[str, ParagraphStyle]:
    s = _styles()
    body = s["body"]

    def hanging(name: str, left: float, hang: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, body, leftIndent=left * cm, bulletIndent=(left - hang) * cm,
                              bulletFontSize=body.fontSize, **kw)

    return {
        "body": body,
        "banner": ParagraphStyle("minutes_banner", body, fontName=FONT_BOLD,
                                 alignment=TA_CENTER, spaceAfter=10),
        "council": ParagraphStyle("minutes_council", body, fontName=FONT_BOLD, fontSize=12,
                                  leading=15, alignment=TA_CENTER, spaceAfter=4),
        "committee": ParagraphStyle("minutes_committee", body, fontName=FONT_BOLD,
                                    fontSize=12, leading=15, alignment=TA_CENTER,
                                    spaceBefore=6, spaceAfter=14),
        "attendance": ParagraphStyle("minutes_attendance", body, spaceAfter=8),
        "section": ParagraphStyle("minutes_section", body, fontName=FONT_BOLD,
                                  spaceBefore=10, spaceAfter=6, keepWithNext=1),
        "title": hanging("minutes_title", MARGIN, MARGIN, fontName=FONT_BOLD,
                         bulletFontName=FONT_BOLD, spaceBefore=10, spaceAfter=0,
                         keepWithNext=1),
        "item": ParagraphStyle("minutes_item", body, fontName=f"{FONT}-Italic",
                               leftIndent=MARGIN * cm, spaceAfter=6),
        **{f"{kind}{int(under)}": hanging(f"minutes_{kind}{int(under)}", left, hang,
                                          bulletFontName=FONT)
           for (kind, under), (left, hang) in INDENTS.items()},
    }


class _Rule(Flowable):
    """The line under the council's name (as the 2019 minutes have it)."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 6

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.line(self.width * 0.2, 3, self.width * 0.8, 3)


class _PdfStory:
    def __init__(self, doc: MinutesDocument) -> None:
        self.doc = doc
        self.tagger = Tagger()
        self.s = _pdf_styles()
        self.flow: list[Flowable] = []

    def para(self, parent: StructNode, text: str, style: str, role: str = "P",
             bullet: str | None = None) -> StructNode:
        node = parent.child(role)
        self.flow.append(Tagged(self.tagger, node, Paragraph(text, self.s[style],
                                                             bulletText=bullet)))
        return node

    def build(self) -> list[Flowable]:
        doc, root = self.doc, self.tagger.root
        for line in doc.banner:
            self.para(root, escape(line), "banner")
        self.para(root, escape(doc.council), "council")
        self.flow.append(Artifact(_Rule()))
        self.para(root, escape(doc.committee), "committee", "H1")
        self.para(root, escape(doc.opening), "attendance")
        for label, names in doc.attendance:
            self.para(root, f"<b>{escape(label)}</b> {escape(names)}", "attendance")
        for note in doc.notes:
            self.para(root, f"<i>{escape(note)}</i>", "attendance")
        for section in doc.sections:
            sect = root.child("Sect")
            self.flow.append(CondPageBreak(4 * cm))
            self.para(sect, escape(section.heading), "section", "H2")
            if section.note:
                self.para(sect, escape(section.note), "body")
            for minute in section.minutes:
                self.minute(sect.child("Sect"), minute)
        for line in doc.closing:
            self.para(root, f"<i>{escape(line)}</i>", "attendance")
        return self.flow

    def minute(self, sect: StructNode, minute: MinuteBlock) -> None:
        # A title never ends a page: it moves on with its "(Item. N)" and a few lines.
        self.flow.append(CondPageBreak(3.2 * cm))
        self.para(sect, f"{escape(minute.title)}", "title", "H3", bullet=minute.number)
        self.para(sect, escape(minute.item), "item")
        if minute.exempt:
            self.para(sect, escape(minute.exempt), "item")
        numbered: StructNode | None = None  # the minute's list of numbered paragraphs
        body: StructNode | None = None      # the LBody of the last numbered paragraph
        letters: StructNode | None = None   # the lettered points now being listed
        for point in minute.points:
            text = _markup(point.text, self.doc.resolved)
            style = f"{point.kind}{int(point.under)}"
            if point.kind == "text":
                letters = None
                self.para(body or sect, text, style)
                continue
            if point.kind == "numbered":
                if numbered is None:
                    numbered = sect.child("L", attrs={"O": "List", "ListNumbering": "Decimal"})
                item = numbered.child("LI")
                letters = None
            else:
                if letters is None:
                    letters = (body or sect).child("L", attrs={"O": "List",
                                                               "ListNumbering": "LowerAlpha"})
                item = letters.child("LI")
            label, lbody = item.child("Lbl"), item.child("LBody")
            if point.kind == "numbered":
                body = lbody
            self.flow.append(ListItemText(
                self.tagger, label, lbody.child("P"),
                LabelledParagraph(text, self.s[style], bulletText=point.marker)))


def minutes_pdf(doc: MinutesDocument) -> bytes:
    story = _PdfStory(doc)
    return _render(story.build(), story.tagger, doc.info, doc.footer,
                   footer_height=FOOTER_HEIGHT)


# --- Word --------------------------------------------------------------------------------------


def _word_base() -> DocxDocument:
    """A4, 2 cm margins, Arial, and the minutes' own paragraph styles (a clerk restyles
    them in Word): the headings are Word's (navigation pane, screen readers)."""
    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.9)
    _style(word, "Normal", after=0)
    _style(word, "Heading 1", size=12, bold=True, align="center", before=6, after=14,
           keep_next=True)
    _style(word, "Heading 2", bold=True, before=10, after=6, keep_next=True)
    _style(word, "Heading 3", bold=True, left=MARGIN, hanging=MARGIN, before=10, after=0,
           keep_next=True, tabs=(MARGIN,))
    _style(word, "Minutes Council", size=12, bold=True, align="center", after=4)
    _style(word, "Minutes Banner", bold=True, align="center", after=10)
    _style(word, "Minutes Attendance", after=8)
    _style(word, "Minutes Item", left=MARGIN, after=6, keep_next=True)
    for (kind, under), (left, hang) in INDENTS.items():
        _style(word, _word_style(kind, under), left=left, hanging=hang, after=6,
               tabs=(left,) if hang else ())
    return word


def _word_style(kind: str, under: bool) -> str:
    return f"Minutes {kind.capitalize()}{' Under' if under else ''}"


def _runs(paragraph: Any, text: str, resolved: str) -> None:
    """``text`` as runs: a resolution's first word in bold, the clerk's line breaks kept."""
    if _resolved(text, resolved):
        paragraph.add_run(resolved).bold = True
        text = text[len(resolved):]
    first, *rest = text.split("\n")
    run = paragraph.add_run(first)
    for line in rest:
        run.add_break()
        run.add_text(line)


def _page_footer(word: DocxDocument, footer: str) -> None:
    """``footer`` with Word's PAGE field where it says ``{page}``."""
    before, _, after = footer.partition("{page}")
    for section in word.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(before).font.size = Pt(8.5)
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            run = paragraph.add_run()
            run.font.size = Pt(8.5)
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            else:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
        paragraph.add_run(after).font.size = Pt(8.5)


def minutes_docx(doc: MinutesDocument) -> bytes:
    word = _word_base()
    for line in doc.banner:
        word.add_paragraph(line, style="Minutes Banner")
    word.add_paragraph(doc.council, style="Minutes Council")
    word.add_paragraph(doc.committee, style="Heading 1")
    word.add_paragraph(doc.opening, style="Minutes Attendance")
    for label, names in doc.attendance:
        paragraph = word.add_paragraph(style="Minutes Attendance")
        paragraph.add_run(label).bold = True
        paragraph.add_run(f" {names}")
    for note in doc.notes:
        word.add_paragraph(style="Minutes Attendance").add_run(note).italic = True
    for section in doc.sections:
        word.add_paragraph(section.heading, style="Heading 2")
        if section.note:
            word.add_paragraph(section.note)
        for minute in section.minutes:
            word.add_paragraph(f"{minute.number}\t{minute.title}", style="Heading 3")
            for line in (minute.item, minute.exempt):
                if line:
                    word.add_paragraph(style="Minutes Item").add_run(line).italic = True
            for point in minute.points:
                paragraph = word.add_paragraph(style=_word_style(point.kind, point.under))
                if point.marker:
                    paragraph.add_run(f"{point.marker}\t")
                _runs(paragraph, point.text, doc.resolved)
    for line in doc.closing:
        word.add_paragraph(style="Minutes Attendance").add_run(line).italic = True
    _page_footer(word, doc.footer)
    return _finish(word, doc.info)


def minutes_document(minutes: Minutes, style: dict[str, Any], fmt: str) -> bytes:
    document = minutes_document_of(minutes, style)
    return minutes_pdf(document) if fmt == "pdf" else minutes_docx(document)
