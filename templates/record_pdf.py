"""The Record of Decision and the report cover sheet as tagged PDF (reportlab), laid out
as Kent's forms: the heading, the boxed "DECISION TO BE TAKEN BY:" / "DECISION NO:"
header, each field's label with its text beneath, the lettered parts with their
upper-case verbs, and the signature block with "signed" and "date".

Liberation Sans (metric-compatible with Arial, which the council's papers use) is
embedded. The structure tree (headings, the header table with its header row, lists,
paragraphs), the language, the title and the XMP metadata are written by
:mod:`templates.pdf_tagged`; rules, borders and the page footer are artifacts.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from templates.agenda_pdf import FONT, FONT_BOLD, register_fonts
from templates.pdf_tagged import (
    Metadata,
    Proceed,
    SignatureArea,
    SignatureField,
    StructNode,
    Tagged,
    Tagger,
    cancellable,
    finish,
    fit_together,
    fits_a_page,
)
from templates.record import CoverSheet, DocumentInfo, Para, RecordOfDecision

MARGIN = 2 * cm
TOP_MARGIN, BOTTOM_MARGIN = 1.8 * cm, 1.9 * cm
#: The height of the page's frame (its own padding, 6 pt top and bottom, taken off).
FRAME_HEIGHT = A4[1] - TOP_MARGIN - BOTTOM_MARGIN - 12
WIDTH = A4[0] - 2 * MARGIN - 12  # the frame's own padding, 6 pt a side
SIGNATURE_FIELD = "Signature"
#: Height of the space kept for the digital signature's visible stamp.
STAMP_HEIGHT = 2.3 * cm


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=14.5,
                          bulletFontName=FONT)
    return {
        "body": ParagraphStyle("body_text", base, spaceAfter=6),
        "heading": ParagraphStyle("heading", base, fontName=FONT_BOLD, fontSize=13,
                                  leading=17, alignment=TA_CENTER, spaceAfter=12),
        "council": ParagraphStyle("council", base, fontName=FONT_BOLD, fontSize=12,
                                  alignment=TA_RIGHT, spaceAfter=14),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD, spaceBefore=8,
                                spaceAfter=3, keepWithNext=1),
        "cell_label": ParagraphStyle("cell_label", base, fontName=FONT_BOLD, fontSize=10.5),
        "cell": ParagraphStyle("cell", base, fontName=FONT_BOLD),
        "cell_plain": ParagraphStyle("cell_plain", base),
        "part": ParagraphStyle("part", base, leftIndent=0.9 * cm, bulletIndent=0,
                               spaceAfter=5, bulletFontName=FONT_BOLD),
        "bullet": ParagraphStyle("bullet", base, leftIndent=0.9 * cm, bulletIndent=0.3 * cm,
                                 spaceAfter=3),
        "sign": ParagraphStyle("sign", base, fontSize=10.5, leading=13),
        "sign_label": ParagraphStyle("sign_label", base, fontSize=10.5, leading=13),
        "stamp": ParagraphStyle("stamp", base, fontSize=9.5, leading=12.5,
                                textColor=colors.HexColor("#1F3864")),
        "cover_value": ParagraphStyle("cover_value", base, leftIndent=5.2 * cm,
                                      bulletIndent=0, spaceAfter=7,
                                      bulletFontName=FONT_BOLD),
        "cover_more": ParagraphStyle("cover_more", base, leftIndent=5.2 * cm, spaceAfter=7),
        "footer": ParagraphStyle("footer", base, fontSize=8.5, alignment=TA_CENTER),
        "notice": ParagraphStyle("notice", base, fontName=FONT_BOLD, fontSize=12,
                                 leading=16, alignment=TA_CENTER, spaceAfter=12),
    }


def _markup(para: Para, caps_bold: bool = False) -> str:
    text = escape(para.text)
    if caps_bold:
        text = re.sub(r"\b([A-Z]{3,})\b", r"<b>\1</b>", text)
    return f"<b>{escape(para.strong)}</b> {text}" if para.strong else text


def _paragraph_flow(tagger: Tagger, parent: StructNode, paras: tuple[Para, ...],
                    s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Paragraphs, bullet lists (L/LI/LBody) and lettered parts (an ordered list)."""
    flow: list[Flowable] = []
    current_list: StructNode | None = None
    list_kind = ""
    for para in paras:
        if para.kind in ("bullet", "part"):
            if current_list is None or list_kind != para.kind:
                attrs = {"O": "List", "ListNumbering":
                         "LowerAlpha" if para.kind == "part" else "Disc"}
                current_list = parent.child("L", attrs=attrs)
                list_kind = para.kind
            body = current_list.child("LI").child("LBody")
            style = s["part"] if para.kind == "part" else s["bullet"]
            flow.append(Tagged(tagger, body, Paragraph(_markup(para), style,
                                                       bulletText=para.marker)))
        else:
            current_list = None
            flow.append(Tagged(tagger, parent.child("P"), Paragraph(_markup(para), s["body"])))
    return flow


def _is_line(text: str) -> bool:
    return bool(text) and set(text) == {"."}


def _dots(text: str, width: float, font: str, size: float) -> str:
    """A dotted line (the form's place to sign) as long as the column is wide."""
    if not _is_line(text):
        return text
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return "." * int(width / stringWidth(".", font, size))


def _footer(text: str, height: float = 1.1 * cm):
    """Draw ``text`` (its ``{page}`` the page's number) centred ``height`` above the foot."""
    def draw(canvas, doc) -> None:
        canvas.saveState()
        Tagger.begin_artifact(canvas, "Pagination", "Footer")
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawCentredString(A4[0] / 2, height, text.replace("{page}",
                                                                    str(doc.page)))
        Tagger.end(canvas)
        canvas.restoreState()
    return draw


def _render(story: list[Flowable], tagger: Tagger, info: DocumentInfo, footer: str,
            signature_field: SignatureField | None = None,
            proceed: Proceed | None = None, footer_height: float = 1.1 * cm) -> bytes:
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN, title=info.title, author=info.author, subject=info.subject,
        creator="Decision Desk", lang=info.language, initialFontName=FONT)
    draw = _footer(footer, footer_height)
    cancellable(doc, proceed, info.title)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    meta = Metadata(info.title, info.author, info.subject, info.language, info.keywords)
    return finish(out.getvalue(), tagger, meta, signature_field)


def record_story(record: RecordOfDecision, tagger: Tagger,
                 with_signature_field: bool = False) -> list[Flowable]:
    s = _styles()
    root = tagger.root
    story: list[Flowable] = [
        Tagged(tagger, root.child("H1"), Paragraph(escape(record.heading), s["heading"]))]

    header_cells = [[Paragraph(escape(record.maker_label), s["cell_label"]),
                     Paragraph(escape(record.number_label), s["cell_label"])],
                    [Paragraph("<br/>".join(escape(line) for line in record.maker_lines),
                               s["cell"]),
                     Paragraph(escape(record.number), s["cell"])]]
    header = Table(header_cells, colWidths=[WIDTH * 0.62, WIDTH * 0.38], hAlign="LEFT")
    if fits_a_page(header, WIDTH, FRAME_HEIGHT):
        table = root.child("Table", alt=None)
        head_row, value_row = table.child("TR"), table.child("TR")
        scope = {"O": "Table", "Scope": "Column"}
        cells = [[head_row.child("TH", attrs=scope), head_row.child("TH", attrs=scope)],
                 [value_row.child("TD"), value_row.child("TD")]]
        header._renderCB = tagger.table_callback(cells)
        header.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("LINEAFTER", (0, 0), (0, -1), 0.8, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
            ("TOPPADDING", (0, 1), (-1, 1), 2), ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ]))
        story += [header, Spacer(1, 6)]
    else:  # a decision-maker longer than a page: label and value as paragraphs
        for col in (0, 1):
            story += [Tagged(tagger, root.child("P"), header_cells[row][col])
                      for row in (0, 1)]
        story.append(Spacer(1, 6))

    last: list[Flowable] = []
    for i, f in enumerate(record.fields):
        sect = root.child("Sect")
        flow = [Tagged(tagger, sect.child("H2"), Paragraph(escape(f.label), s["label"]))]
        flow += _paragraph_flow(tagger, sect, f.paragraphs, s)
        if i == len(record.fields) - 1:
            last = flow  # kept on the page of the signature block
        else:
            story += flow

    sig = record.signature
    block = root.child("Div")
    flow = [Spacer(1, 16)]
    if with_signature_field and sig.signed:
        stamp = block.child("P")
        form = block.child("Form", alt=f"Digital signature field of {sig.signer_name}")
        text = Paragraph("<br/>".join(escape(line) for line in (sig.stamp or "").split("\n")),
                         s["stamp"])
        flow.append(SignatureArea(tagger, WIDTH * 0.62, STAMP_HEIGHT, stamp, form, text))
    blank = {sig.signature: "Space for the signature", sig.date: "Space for the date"}
    sign_cells = [[block.child("P", actual_text=blank[sig.signature] if _is_line(sig.signature)
                                else None),
                   block.child("P", actual_text=blank[sig.date] if _is_line(sig.date)
                               else None)],
                  [block.child("P"), block.child("P")]]
    # Reading order: what is signed, "signed", the date, "date" (cells are drawn row by
    # row, so the structure order is set here rather than by drawing order).
    block.kids = block.kids[:2] if with_signature_field and sig.signed else []
    block.kids += [sign_cells[0][0], sign_cells[1][0], sign_cells[0][1], sign_cells[1][1]]
    left, right = WIDTH * 0.62 - 18, WIDTH * 0.38 - 18
    sign_paragraphs = [[Paragraph(escape(_dots(sig.signature, left, FONT, 10.5)), s["sign"]),
                        Paragraph(escape(_dots(sig.date, right, FONT, 10.5)), s["sign"])],
                       [Paragraph(escape(sig.signed_label), s["sign_label"]),
                        Paragraph(escape(sig.date_label), s["sign_label"])]]
    signature = Table(sign_paragraphs, colWidths=[WIDTH * 0.62, WIDTH * 0.38], hAlign="LEFT")
    if fits_a_page(signature, WIDTH, FRAME_HEIGHT):
        signature._renderCB = tagger.table_callback(sign_cells)
        rules = [("FONTNAME", (0, 0), (-1, -1), FONT),
                 ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                 ("RIGHTPADDING", (0, 0), (-1, -1), 18)]
        if sig.signed:
            rules.append(("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black))
        signature.setStyle(TableStyle(rules))
        flow.append(signature)
    else:  # a signer's name longer than a page: what is signed, then the date
        flow += [Tagged(tagger, sign_cells[row][col], sign_paragraphs[row][col])
                 for col in (0, 1) for row in (0, 1)]
    if not fit_together(last + flow, WIDTH, FRAME_HEIGHT):
        story += last  # the last field is longer than a page: it breaks as any other
        last = []
    story.append(KeepTogether(last + flow))
    return story


def record_pdf(record: RecordOfDecision, with_signature_field: bool = False,
               proceed: Proceed | None = None) -> bytes:
    """The record as PDF bytes. ``with_signature_field`` places an empty signature field
    (named :data:`SIGNATURE_FIELD`) over the signature block, for :mod:`templates.signing`."""
    tagger = Tagger()
    story = record_story(record, tagger, with_signature_field)
    field = None
    if with_signature_field and record.signature.signed:
        field = SignatureField(SIGNATURE_FIELD,
                               f"Digital signature of {record.signature.signer_name}")
    return _render(story, tagger, record.info, record.footer, field, proceed)


def cover_pdf(cover: CoverSheet, proceed: Proceed | None = None) -> bytes:
    """The report cover sheet as PDF bytes."""
    s = _styles()
    tagger = Tagger()
    root = tagger.root
    story: list[Flowable] = [
        Tagged(tagger, root.child("H1"), Paragraph(escape(cover.council), s["council"]))]
    if cover.notice:
        story.append(Tagged(tagger, root.child("P"),
                            Paragraph(escape(cover.notice), s["notice"])))
    for line in cover.lines:
        values = line.values or ("",)
        para = root.child("P")
        first = f"<b>{escape(values[0])}</b>" if line.strong else escape(values[0])
        story.append(Tagged(tagger, para, Paragraph(
            first, s["cover_value"], bulletText=line.label)))
        for more in values[1:]:
            story.append(Tagged(tagger, root.child("P"),
                                Paragraph(escape(more), s["cover_more"])))
    summary = root.child("Sect")
    story.append(Tagged(tagger, summary.child("H2"),
                        Paragraph(escape(cover.summary_label), s["label"])))
    story += _paragraph_flow(tagger, summary, cover.summary, s)
    recommendation = root.child("Sect")
    story.append(Tagged(tagger, recommendation.child("H2"),
                        Paragraph(escape(cover.recommendation_label), s["label"])))
    story.append(Tagged(tagger, recommendation.child("P"), Paragraph(
        _markup(Para(cover.recommendation), caps_bold=True), s["body"])))
    story += _paragraph_flow(tagger, recommendation, cover.parts, s)
    return _render(story, tagger, cover.info, f"Decision No: {cover.number}  –  page {{page}}",
                   proceed=proceed)
