"""The agenda front sheet as a tagged PDF (reportlab), laid out as Kent's papers: a cover
page with the committee, date, time and venue, then the agenda itself. Liberation Sans
(metric-compatible with Arial) is embedded, so the PDF looks the same everywhere.

The structure tree (headings, the membership table, the items as numbered lists, the
clerk's e-mail address as a link), the language, the title and the XMP metadata are
written by :mod:`templates.pdf_tagged`, as for the Record of Decision."""

from __future__ import annotations

import datetime as dt
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
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from templates.frontsheet import FrontSheet, ItemLine, front_sheet_title
from templates.pdf_tagged import (
    LabelledParagraph,
    LinkText,
    ListItemText,
    Metadata,
    Proceed,
    StructNode,
    Tagged,
    Tagger,
    cancellable,
    finish,
    fits_a_page,
)
from templates.style import FONT_FILES

FONT = "LiberationSans"
FONT_BOLD = "LiberationSans-Bold"
#: The language of the council's papers (the catalog's /Lang, XMP dc:language).
LANGUAGE = "en-GB"
SUBJECT = "Agenda"
#: reportlab's date for an ``invariant`` file, which the XMP metadata repeats.
INVARIANT_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
#: The height of the front sheet's frame (A4, 1.8 cm margins, 6 pt padding each end).
FRAME_HEIGHT = A4[1] - 2 * 1.8 * cm - 12
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


class _Story:
    """The story and its structure tree, built side by side: every flowable that draws
    text is tagged with the element it belongs to, in reading order."""

    def __init__(self) -> None:
        self.tagger = Tagger()
        self.s = _styles()

    def tag(self, node: StructNode, flowable: Flowable) -> Tagged:
        return Tagged(self.tagger, node, flowable)

    def para(self, parent: StructNode, text: str, style: str, role: str = "P") -> Tagged:
        return self.tag(parent.child(role), _p(text, self.s[style]))

    def items(self, parent: StructNode, lines: list[ItemLine]) -> list[list[Flowable]]:
        """The numbered items as a list (``L``/``LI``/``Lbl``/``LBody``); lettered
        sub-items are a list of their own in their item's ``LBody``. Each item's flowables
        are one group, to be kept together on a page."""
        flow: list[list[Flowable]] = []
        top: StructNode | None = None
        last_body: StructNode | None = None
        sub_list: StructNode | None = None
        for line in lines:
            if line.sub and last_body is not None:
                if sub_list is None:
                    sub_list = last_body.child("L", attrs={"O": "List",
                                                            "ListNumbering": "LowerAlpha"})
                item = sub_list.child("LI")
            else:
                if top is None:
                    top = parent.child("L", attrs={"O": "List", "ListNumbering": "Decimal"})
                item = top.child("LI")
                sub_list = None
            label = item.child("Lbl")
            body = item.child("LBody")
            if not line.sub:
                last_body = body
            flow.append(self._item(line, label, body))
        return flow

    def _item(self, line: ItemLine, label: StructNode, body: StructNode) -> list[Flowable]:
        s = self.s
        # "(Pages 55 - 70)" never breaks across lines.
        pages = escape(line.pages).replace(" ", "&nbsp;")
        head = f"<b>{escape(line.title)}</b>" + (f" {pages}" if line.pages else "")
        style, text_style = (s["sub"], s["sub_text"]) if line.sub else (s["item"], s["item_text"])
        flow: list[Flowable] = [ListItemText(self.tagger, label, body.child("P"),
                                             LabelledParagraph(head, style,
                                                               bulletText=line.number))]
        flow += [self.tag(body.child("P"), _p(d, text_style)) for d in line.description]
        flow += [self.tag(body.child("P"), _p(n, s["note"])) for n in line.notes]
        return flow


def _section(heading: Flowable, notice: Flowable,
             items: list[list[Flowable]]) -> list[Flowable]:
    """UNRESTRICTED or EXEMPT ITEMS: each item kept together on a page, and the heading and
    its explanation never end a page without the first item (they move on with it). One
    flat KeepTogether: nested in another, a KeepTogether claims the whole page."""
    first = items[0] if items else []
    return [CondPageBreak(3 * cm), KeepTogether([heading, notice, *first]),
            *(KeepTogether(group) for group in items[1:])]


def _story(sheet: FrontSheet) -> tuple[list, Tagger]:
    """The front sheet's flowables and, in the tagger, its structure: the council, the
    committee (H1) and the meeting on the cover; then AGENDA (H2) with the meeting and
    the clerk (the e-mail address a link), Membership (H2) as a table of party groups
    with their row headers, each notice (H2), UNRESTRICTED ITEMS and EXEMPT ITEMS (H2)
    with their items as numbered lists, and the proper officer's sign-off."""
    b = _Story()
    s, root = b.s, b.tagger.root
    width = A4[0] - 4 * cm - 12  # the frame's own padding, 6 pt a side
    story: list = [
        b.para(root, sheet.council.upper(), "council"),
        Spacer(1, 6.5 * cm),
        b.para(root, sheet.committee, "cover_committee", "H1"),
        b.para(root, sheet.cover_date, "cover"),
    ]
    if sheet.time:
        story.append(b.para(root, sheet.time, "cover"))
    story += [b.para(root, sheet.venue, "cover_venue"), PageBreak()]

    agenda = root.child("Sect")
    story += [b.para(agenda, sheet.heading, "heading", "H2"),
              b.para(agenda, sheet.committee, "committee")]
    # A layout table, not a data table: its paragraphs are tagged one by one, the left
    # column (when, where) read before the right (whom to ask).
    left = [b.para(agenda, sheet.when, "label"), b.para(agenda, sheet.venue, "body")]
    right: list[Flowable] = []
    if sheet.ask_for:
        right.append(b.para(agenda, sheet.ask_for, "body"))
    if sheet.telephone:
        right.append(b.para(agenda, sheet.telephone, "body"))
    if sheet.email:
        link = agenda.child("P").child("Link")
        right.append(LinkText(b.tagger, link, _p(sheet.email, s["body"]),
                              f"mailto:{sheet.email}", f"E-mail {sheet.email}"))
    table = Table([[left, right]], colWidths=[width * 0.58, width * 0.42], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
    if fits_a_page(table, width, FRAME_HEIGHT):
        story += [table, Spacer(1, 8)]
    else:  # a venue or a name longer than a page: one column after the other
        story += [*left, *right, Spacer(1, 8)]
    story += [b.para(agenda, n, "notice") for n in sheet.header_notices]

    membership = root.child("Sect")
    story += [Spacer(1, 6), b.para(membership, sheet.membership, "label", "H2"),
              Spacer(1, 4)]
    rows = [[_p(label, s["body"]), _p(names, s["body"])] for label, names in sheet.groups]
    groups = Table(rows, colWidths=[4.6 * cm, width - 4.6 * cm], hAlign="LEFT") \
        if rows else None
    if groups is not None and all(
            fits_a_page(Table([row], colWidths=[4.6 * cm, width - 4.6 * cm]), width,
                        FRAME_HEIGHT) for row in rows):
        grid = membership.child("Table")
        cells = []
        for label, _names in sheet.groups:
            row = grid.child("TR")
            # Each party group heads its row; a row of seats with no group has no header.
            head = row.child("TH", attrs={"O": "Table", "Scope": "Row"}) if label \
                else row.child("TD")
            cells.append([head, row.child("TD")])
        groups._renderCB = b.tagger.table_callback(cells)
        groups.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        story.append(groups)
    elif groups is not None:  # a group or a name longer than a page: group after group
        for label, names in sheet.groups:
            story += [b.para(membership, label, "label"), b.para(membership, names, "body")]
    for notice in sheet.notices:
        section = root.child("Sect")
        block = [b.para(section, notice.heading, "notice_heading", "H2")] \
            if notice.heading else []
        block += [b.para(section, text, "notice") for text in notice.paragraphs]
        story.append(KeepTogether(block))

    unrestricted = root.child("Sect")
    story += _section(b.para(unrestricted, sheet.unrestricted_heading, "section", "H2"),
                      b.para(unrestricted, sheet.unrestricted_notice, "section_notice"),
                      b.items(unrestricted, sheet.unrestricted))
    if sheet.motion:
        motion = unrestricted.child("Sect")
        heading = [b.para(motion, sheet.motion_heading, "label", "H3")] \
            if sheet.motion_heading else []
        story.append(KeepTogether([Spacer(1, 8), *heading,
                                   b.para(motion, sheet.motion, "notice")]))
    exempt = root.child("Sect")
    story += _section(b.para(exempt, sheet.exempt_heading, "section", "H2"),
                      b.para(exempt, sheet.exempt_notice, "section_notice"),
                      b.items(exempt, sheet.exempt))
    sign_off = root.child("Div")
    closing: list[Flowable] = [Spacer(1, 22)]
    closing += [b.para(sign_off, x, "body") for x in sheet.officer]
    closing += [Spacer(1, 14), b.para(sign_off, sheet.date, "body")]
    if sheet.late_note:
        closing += [Spacer(1, 8), b.para(sign_off, sheet.late_note, "note")]
    closing += [Spacer(1, 14), b.para(sign_off, sheet.background, "small")]
    # The sign-off never stands alone on the last page: it goes with the last block before
    # it (the last item, the EXEMPT ITEMS heading and its note, or the motion).
    last = story.pop() if story and isinstance(story[-1], KeepTogether) else None
    story.append(KeepTogether([*(last._content if last is not None else []), *closing]))
    return story, b.tagger


def front_sheet_pdf(sheet: FrontSheet, title: str | None = None,
                    language: str = LANGUAGE, proceed: Proceed | None = None) -> bytes:
    """The front sheet as a tagged PDF (A4): the structure tree of :func:`_story`, the
    language, the title (shown in the viewer's title bar), the council as author, and
    the PDF/UA identification."""
    register_fonts()
    title = title or front_sheet_title(sheet)
    story, tagger = _story(sheet)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.8 * cm,
        bottomMargin=1.8 * cm, title=title, author=sheet.council, subject=SUBJECT,
        creator="Decision Desk", lang=language,
        invariant=1, initialFontName=FONT)  # keeps Helvetica out of the file altogether
    cancellable(doc, proceed, title)
    doc.build(story)
    # The same bytes for the same front sheet: dated as reportlab's invariant files are.
    meta = Metadata(title, sheet.council, SUBJECT, language, created=INVARIANT_DATE)
    return finish(out.getvalue(), tagger, meta)
