"""The agenda front sheet as PDF (reportlab), laid out as Kent's papers: a cover page
with the committee, date, time and venue, then the agenda itself. Liberation Sans
(metric-compatible with Arial) is embedded, so the PDF looks the same everywhere."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from templates.frontsheet import FrontSheet, ItemLine
from templates.style import FONT_FILES

FONT = "LiberationSans"
FONT_BOLD = "LiberationSans-Bold"
_registered = False


def register_fonts() -> None:
    """Register Liberation Sans with reportlab once (regular, bold, italic, both)."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping

    names = {"regular": FONT, "bold": FONT_BOLD, "italic": f"{FONT}-Italic",
             "bolditalic": f"{FONT}-BoldItalic"}
    for key, name in names.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_FILES[key])))
    addMapping(FONT, 0, 0, names["regular"])
    addMapping(FONT, 1, 0, names["bold"])
    addMapping(FONT, 0, 1, names["italic"])
    addMapping(FONT, 1, 1, names["bolditalic"])
    _registered = True


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=14)
    return {
        "body": base,
        "council": ParagraphStyle("council", base, fontName=FONT_BOLD, fontSize=12,
                                  alignment=TA_CENTER, spaceAfter=0),
        "cover_committee": ParagraphStyle("cover_committee", base, fontName=FONT_BOLD,
                                          fontSize=20, leading=26, alignment=TA_CENTER,
                                          spaceAfter=28),
        "cover": ParagraphStyle("cover", base, fontSize=15, leading=20, alignment=TA_CENTER,
                                spaceAfter=14),
        "cover_venue": ParagraphStyle("cover_venue", base, fontName=FONT_BOLD, fontSize=15,
                                      leading=20, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", base, fontName=FONT_BOLD, fontSize=16,
                                  leading=20, alignment=TA_CENTER, spaceAfter=6),
        "committee": ParagraphStyle("committee", base, fontName=FONT_BOLD, fontSize=13,
                                    leading=17, alignment=TA_CENTER, spaceAfter=12),
        "section": ParagraphStyle("section", base, fontName=FONT_BOLD, fontSize=12,
                                  leading=15, alignment=TA_CENTER, spaceBefore=14),
        "section_notice": ParagraphStyle("section_notice", base, fontSize=10, leading=13,
                                         alignment=TA_CENTER, spaceAfter=10),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD),
        "small": ParagraphStyle("small", base, fontSize=9.5, leading=12),
        "item": ParagraphStyle("item", base, leftIndent=1.2 * cm, bulletIndent=0,
                               spaceBefore=7, bulletFontName=FONT_BOLD),
        "sub": ParagraphStyle("sub", base, leftIndent=2.0 * cm, bulletIndent=1.2 * cm,
                              spaceBefore=5, bulletFontName=FONT_BOLD),
        "item_text": ParagraphStyle("item_text", base, fontSize=10.5, leading=13.5,
                                    leftIndent=1.2 * cm, spaceBefore=2),
        "sub_text": ParagraphStyle("sub_text", base, fontSize=10.5, leading=13.5,
                                   leftIndent=2.0 * cm, spaceBefore=2),
        "note": ParagraphStyle("note", base, fontName=f"{FONT}-Italic", fontSize=10,
                               leading=13, leftIndent=1.2 * cm, spaceBefore=2),
        "notice_heading": ParagraphStyle("notice_heading", base, fontName=FONT_BOLD,
                                         fontSize=10.5, spaceBefore=8),
        "notice": ParagraphStyle("notice", base, fontSize=10, leading=13, spaceBefore=3),
    }


def _p(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    return Paragraph(escape(text), style, bulletText=bullet)


def _item(line: ItemLine, s: dict[str, ParagraphStyle]) -> KeepTogether:
    # "(Pages 55 - 70)" never breaks across lines.
    pages = escape(line.pages).replace(" ", "&nbsp;")
    head = f"<b>{escape(line.title)}</b>" + (f" {pages}" if line.pages else "")
    style, text_style = (s["sub"], s["sub_text"]) if line.sub else (s["item"], s["item_text"])
    flow = [Paragraph(head, style, bulletText=line.number)]
    flow += [_p(d, text_style) for d in line.description]
    flow += [_p(n, s["note"]) for n in line.notes]
    return KeepTogether(flow)


def _story(sheet: FrontSheet) -> list:
    s = _styles()
    width = A4[0] - 4 * cm - 12  # the frame's own padding, 6 pt a side
    story: list = [
        _p(sheet.council.upper(), s["council"]),
        Spacer(1, 6.5 * cm),
        _p(sheet.committee, s["cover_committee"]),
        _p(sheet.cover_date, s["cover"]),
    ]
    if sheet.time:
        story.append(_p(sheet.time, s["cover"]))
    story += [_p(sheet.venue, s["cover_venue"]), PageBreak()]

    story += [_p(sheet.heading, s["heading"]), _p(sheet.committee, s["committee"])]
    left = [_p(sheet.when, s["label"]), _p(sheet.venue, s["body"])]
    right = []
    if sheet.ask_for:
        right.append(Paragraph(escape(sheet.ask_for), s["body"]))
    if sheet.telephone:
        right.append(Paragraph(escape(sheet.telephone), s["body"]))
    if sheet.email:
        right.append(Paragraph(escape(sheet.email), s["body"]))
    table = Table([[left, right]], colWidths=[width * 0.58, width * 0.42], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
    story += [table, Spacer(1, 8)]
    story += [_p(n, s["notice"]) for n in sheet.header_notices]
    story += [Spacer(1, 6), _p(sheet.membership, s["label"]), Spacer(1, 4)]
    if sheet.groups:
        rows = [[_p(label, s["body"]), _p(names, s["body"])] for label, names in sheet.groups]
        groups = Table(rows, colWidths=[4.6 * cm, width - 4.6 * cm], hAlign="LEFT")
        groups.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        story.append(groups)
    for notice in sheet.notices:
        block = [_p(notice.heading, s["notice_heading"])] if notice.heading else []
        block += [_p(text, s["notice"]) for text in notice.paragraphs]
        story.append(KeepTogether(block))

    story += [CondPageBreak(3 * cm), _p(sheet.unrestricted_heading, s["section"]),
              _p(sheet.unrestricted_notice, s["section_notice"])]
    story += [_item(line, s) for line in sheet.unrestricted]
    if sheet.motion:
        story.append(KeepTogether([Spacer(1, 8), _p(sheet.motion_heading or "", s["label"]),
                                   _p(sheet.motion, s["notice"])]))
    story += [CondPageBreak(3 * cm), _p(sheet.exempt_heading, s["section"]),
              _p(sheet.exempt_notice, s["section_notice"])]
    story += [_item(line, s) for line in sheet.exempt]
    closing = [Spacer(1, 22)]
    closing += [_p(x, s["body"]) for x in sheet.officer]
    closing += [Spacer(1, 14), _p(sheet.date, s["body"])]
    if sheet.late_note:
        closing += [Spacer(1, 8), _p(sheet.late_note, s["note"])]
    closing += [Spacer(1, 14), _p(sheet.background, s["small"])]
    story.append(KeepTogether(closing))
    return story


def front_sheet_pdf(sheet: FrontSheet, title: str | None = None) -> bytes:
    """The front sheet as PDF bytes (A4)."""
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.8 * cm,
        bottomMargin=1.8 * cm, title=title or f"{sheet.committee.title()}: agenda",
        author=sheet.council, subject="Agenda", creator="Decision Desk",
        invariant=1, initialFontName=FONT)  # keeps Helvetica out of the file altogether
    doc.build(_story(sheet))
    return out.getvalue()
