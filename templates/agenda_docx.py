"""The agenda front sheet as a Word document (python-docx), for the clerk to finish by
hand when something needs saying that the register does not hold.

The look comes from ``agenda_template.docx`` beside this module, or the clerk's copy in
``<config>/templates/``: its paragraph styles ("Agenda Heading", "Agenda Item" ...),
fonts and margins. A clerk can restyle it in Word; the text comes from the register. A
style missing from the template is created with the house defaults, so an edited
template never breaks the document.

The headings are real headings for Word's navigation pane and screen readers, as the PDF's
H1/H2/H3 are: the heading styles carry an outline level (the committee on the cover and
AGENDA level 1, the sections under them level 2), Membership and the motion to exclude
the press and public have theirs on the paragraph (their style, "Agenda Label", is not
only for headings). An outline level changes nothing on the page. The document's
language is en-GB (core properties and the default run language, as the records have).
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from governance.files import atomic_write
from templates.docx_properties import set_properties
from templates.frontsheet import FrontSheet, ItemLine, front_sheet_title
from templates.record_docx import LANGUAGE, TemplateError, set_language
from templates.style import user_config_dir

TEMPLATE = Path(__file__).resolve().parent / "agenda_template.docx"
FONT = "Arial"

#: name -> (size pt, bold, italic, alignment, left indent cm, hanging cm, space before pt,
#: space after pt)
STYLES: dict[str, tuple[float, bool, bool, str, float, float, float, float]] = {
    "Agenda Council": (12, True, False, "center", 0, 0, 0, 0),
    "Agenda Cover Committee": (20, True, False, "center", 0, 0, 180, 24),
    "Agenda Cover": (15, False, False, "center", 0, 0, 0, 12),
    "Agenda Cover Venue": (15, True, False, "center", 0, 0, 0, 0),
    "Agenda Heading": (16, True, False, "center", 0, 0, 0, 6),
    "Agenda Committee": (13, True, False, "center", 0, 0, 0, 12),
    "Agenda Body": (11, False, False, "left", 0, 0, 0, 0),
    "Agenda Label": (11, True, False, "left", 0, 0, 8, 4),
    "Agenda Section": (12, True, False, "center", 0, 0, 14, 0),
    "Agenda Section Notice": (10, False, False, "center", 0, 0, 0, 10),
    "Agenda Item": (11, False, False, "left", 1.2, 1.2, 7, 0),
    "Agenda Sub-item": (11, False, False, "left", 2.0, 0.8, 5, 0),
    "Agenda Item Text": (10.5, False, False, "left", 1.2, 0, 2, 0),
    "Agenda Sub-item Text": (10.5, False, False, "left", 2.0, 0, 2, 0),
    "Agenda Note": (10, False, True, "left", 1.2, 0, 2, 0),
    "Agenda Notice Heading": (10.5, True, False, "left", 0, 0, 8, 0),
    "Agenda Notice": (10, False, False, "left", 0, 0, 3, 0),
    "Agenda Small": (9.5, False, False, "left", 0, 0, 0, 0),
}
_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT}
#: The heading styles' outline levels (w:outlineLvl: 0 is Word's level 1, a PDF's H1).
OUTLINE_LEVELS = {"Agenda Cover Committee": 0, "Agenda Heading": 0, "Agenda Section": 1,
                  "Agenda Notice Heading": 1}
#: Outline levels of headings in a style that is not only for headings ("Agenda Label").
MEMBERSHIP_LEVEL, MOTION_LEVEL = 1, 2


def _ensure_styles(doc: DocxDocument) -> None:
    existing = {s.name for s in doc.styles}
    for name, (size, bold, italic, align, left, hanging, before, after) in STYLES.items():
        if name in existing:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        fmt = style.paragraph_format
        fmt.alignment = _ALIGN[align]
        fmt.left_indent = Cm(left)
        fmt.first_line_indent = Cm(-hanging) if hanging else None
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        if hanging:
            fmt.tab_stops.add_tab_stop(Cm(left))
    styles = {s.name: s for s in doc.styles}
    for name, level in OUTLINE_LEVELS.items():
        ppr = styles[name].element.get_or_add_pPr()
        if ppr.outlineLvl is None:  # a level the clerk gave the style in Word is kept
            ppr.get_or_add_outlineLvl().set(qn("w:val"), str(level))


def _outline(paragraph, level: int) -> None:
    """Make ``paragraph`` a heading of outline ``level`` without changing its style."""
    paragraph._p.get_or_add_pPr().get_or_add_outlineLvl().set(qn("w:val"), str(level))


def build_template(path: Path = TEMPLATE) -> None:
    """Write the template (A4, 2 cm margins, Arial, the agenda styles). The shipped
    ``agenda_template.docx`` was made with this."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)
    _ensure_styles(doc)
    out = io.BytesIO()
    doc.save(out)
    atomic_write(path, out.getvalue())


def _no_borders(table) -> None:
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    props.append(borders)


def _item(doc: DocxDocument, line: ItemLine) -> None:
    style = "Agenda Sub-item" if line.sub else "Agenda Item"
    para = doc.add_paragraph(style=style)
    para.paragraph_format.keep_with_next = bool(line.description or line.notes)
    para.add_run(f"{line.number}\t").bold = True
    para.add_run(line.title).bold = True
    if line.pages:
        para.add_run(" " + line.pages.replace(" ", "\u00a0"))  # never split the range
    text_style = "Agenda Sub-item Text" if line.sub else "Agenda Item Text"
    for text in line.description:
        doc.add_paragraph(text, style=text_style)
    for text in line.notes:
        doc.add_paragraph(text, style="Agenda Note")


def agenda_template(config_dir: Path | None = None) -> Path:
    """The clerk's copy (``<config>/templates/agenda_template.docx``) if there is one,
    else the shipped one."""
    folder = config_dir if config_dir is not None else user_config_dir()
    own = folder / "templates" / TEMPLATE.name
    return own if own.is_file() else TEMPLATE


def _open_template(path: Path) -> DocxDocument:
    if not path.is_file():
        raise TemplateError(f"Word template {path} is missing; reinstall Decision Desk or"
                            " put a copy there")
    try:
        return Document(str(path))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kinds
        raise TemplateError(f"Word template {path} is damaged or not a Word (.docx) file"
                            f" ({type(exc).__name__}: {exc}); restore it from the shipped"
                            " copy") from None


def front_sheet_docx(sheet: FrontSheet, template: Path | None = None,
                     config_dir: Path | None = None, language: str = LANGUAGE) -> bytes:
    """The front sheet as .docx bytes, styled by ``template`` (default: the clerk's copy
    in the configuration folder, else the shipped one), in ``language``."""
    doc = _open_template(template or agenda_template(config_dir))
    _ensure_styles(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    set_properties(doc, title=front_sheet_title(sheet), author=sheet.council,
                   subject="Agenda", language=language,
                   keywords="Agenda")
    set_language(doc, language)

    doc.add_paragraph(sheet.council.upper(), style="Agenda Council")
    doc.add_paragraph(sheet.committee, style="Agenda Cover Committee")
    doc.add_paragraph(sheet.cover_date, style="Agenda Cover")
    if sheet.time:
        doc.add_paragraph(sheet.time, style="Agenda Cover")
    venue = doc.add_paragraph(sheet.venue, style="Agenda Cover Venue")
    venue.add_run().add_break(WD_BREAK.PAGE)

    doc.add_paragraph(sheet.heading, style="Agenda Heading")
    doc.add_paragraph(sheet.committee, style="Agenda Committee")
    header = doc.add_table(rows=1, cols=2)
    _no_borders(header)
    left, right = header.rows[0].cells
    left.paragraphs[0].style = doc.styles["Agenda Body"]
    left.paragraphs[0].add_run(sheet.when).bold = True
    left.add_paragraph(sheet.venue, style="Agenda Body")
    contact = [x for x in (sheet.ask_for, sheet.telephone, sheet.email) if x]
    right.paragraphs[0].style = doc.styles["Agenda Body"]
    right.paragraphs[0].text = contact[0] if contact else ""
    for text in contact[1:]:
        right.add_paragraph(text, style="Agenda Body")
    for text in sheet.header_notices:
        doc.add_paragraph(text, style="Agenda Notice")
    _outline(doc.add_paragraph(sheet.membership, style="Agenda Label"), MEMBERSHIP_LEVEL)
    if sheet.groups:
        groups = doc.add_table(rows=0, cols=2)
        _no_borders(groups)
        for label, names in sheet.groups:
            cells = groups.add_row().cells
            cells[0].width, cells[1].width = Cm(4.6), Cm(12.4)
            cells[0].paragraphs[0].text = label
            cells[0].paragraphs[0].style = doc.styles["Agenda Body"]
            cells[1].paragraphs[0].text = names
            cells[1].paragraphs[0].style = doc.styles["Agenda Body"]
    for notice in sheet.notices:
        if notice.heading:
            doc.add_paragraph(notice.heading, style="Agenda Notice Heading")
        for text in notice.paragraphs:
            doc.add_paragraph(text, style="Agenda Notice")

    doc.add_paragraph(sheet.unrestricted_heading, style="Agenda Section")
    doc.add_paragraph(sheet.unrestricted_notice, style="Agenda Section Notice")
    for line in sheet.unrestricted:
        _item(doc, line)
    if sheet.motion:
        motion_heading = doc.add_paragraph(sheet.motion_heading or "", style="Agenda Label")
        if sheet.motion_heading:
            _outline(motion_heading, MOTION_LEVEL)
        doc.add_paragraph(sheet.motion, style="Agenda Notice")
    doc.add_paragraph(sheet.exempt_heading, style="Agenda Section")
    doc.add_paragraph(sheet.exempt_notice, style="Agenda Section Notice")
    for line in sheet.exempt:
        _item(doc, line)

    # The sign-off never stands alone on the last page: Word keeps it, and the paragraph
    # before it, with what follows.
    before_sign_off = len(doc.paragraphs) - 1
    first = True
    for text in sheet.officer:
        para = doc.add_paragraph(text, style="Agenda Body")
        if first:
            para.paragraph_format.space_before = Pt(22)
            first = False
    date = doc.add_paragraph(sheet.date, style="Agenda Body")
    date.paragraph_format.space_before = Pt(14)
    if sheet.late_note:
        doc.add_paragraph(sheet.late_note, style="Agenda Note")
    background = doc.add_paragraph(sheet.background, style="Agenda Small")
    background.paragraph_format.space_before = Pt(14)
    for para in doc.paragraphs[before_sign_off:-1]:
        para.paragraph_format.keep_with_next = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
