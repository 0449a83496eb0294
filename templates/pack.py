"""The agenda pack: one PDF with the front sheet, then every paper in agenda order.

Pages after the front sheet are numbered from 1 and stamped "Page N" at the foot. Every
document (and the front sheet) is padded to an even number of pages with a page that
reads "This page is intentionally left blank", so each paper starts on a right-hand
(odd) page when printed double-sided. The page ranges printed on the front sheet are
those of the assembled pack: the papers are counted first, the front sheet is written
with their ranges, and after assembly each range is checked against the page where its
papers really start and end. Each item gets a bookmark: at its first paper, or at its
line on the front sheet when it has none.

With ``public`` the exempt papers are not read at all: no text, no pages, no bookmark.

The pack is not a tagged PDF. The front sheet is (see :mod:`templates.agenda_pdf`), but
officers' papers usually are not, and a reader that follows a structure tree reads
nothing that is outside it: a tree of the front sheet alone would hide the papers, where
an untagged file is read (or tagged on the fly by the reader) whole. So the front sheet's
tree is left behind, and the pack claims neither ``/MarkInfo /Marked`` nor PDF/UA; it
has what a whole file can honestly carry: its language, its title (in the Info
dictionary and as XMP dc:title, shown in the viewer's title bar), the council as author,
and the bookmarks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from governance.agenda import MeetingDetails
from governance.errors import UserError
from governance.model import Paper
from governance.papers import PaperError
from templates.agenda_pdf import FONT, LANGUAGE, front_sheet_pdf, register_fonts
from templates.frontsheet import AgendaEntry, AgendaPlan, FrontSheet, front_sheet, plan_agenda
from templates.papers import check_paper, quiet_pypdf, strip_active_content
from templates.pdf_tagged import Metadata, Proceed, stop_if_cancelled, write_properties
from templates.style import day_date, house_style

STAMP_FONT = "/DDPageStamp"
STAMP_SIZE = 10
#: Distance of the stamp's baseline from the foot of the page, in points.
STAMP_MARGIN = 22


class PackError(UserError):
    """The pack cannot be built; the message names the paper and what to do."""


@dataclass
class PackDocument:
    """A paper's place in the pack (page numbers as stamped; padding included)."""

    entry: str
    label: str
    first: int
    last: int
    pages: int
    padded: bool


@dataclass
class Pack:
    pdf: bytes
    sheet: FrontSheet
    plan: AgendaPlan
    #: Pages of the front sheet, padding included (not numbered).
    front_pages: int
    #: Entry key -> (first, last) numbered page, as printed on the front sheet.
    ranges: dict[str, tuple[int, int]]
    documents: list[PackDocument] = field(default_factory=list)

    @property
    def numbered_pages(self) -> int:
        return self.documents[-1].last if self.documents else 0

    @property
    def total_pages(self) -> int:
        return self.front_pages + self.numbered_pages


def _paper_label(paper: Paper) -> str:
    return paper.title or paper.path


def _displayed_size(page: Any) -> tuple[float, float]:
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    return (height, width) if page.rotation % 180 else (width, height)


def _blank_pages(sizes: list[tuple[float, float]], text: str) -> PdfReader:
    """One "This page is intentionally left blank" page per size asked for."""
    register_fonts()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1, initialFontName=FONT)
    for width, height in sizes or [A4]:
        c.setPageSize((width, height))
        c.setFont(FONT, 12)
        c.drawCentredString(width / 2, height / 2, text)
        c.showPage()
    c.save()
    return PdfReader(io.BytesIO(out.getvalue()))


def _stamp_font(writer: PdfWriter, sample: str) -> IndirectObject:
    """Liberation Sans, subset to the characters of ``sample`` (the stamp with every
    digit), as an object of ``writer``. ReportLab keeps ASCII codes as they are in its
    first subset, so a stamp's text can be written as a plain string."""
    register_fonts()
    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1, initialFontName=FONT)
    c.setFont(FONT, STAMP_SIZE)
    c.drawString(10, 10, sample)
    c.showPage()
    c.save()
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    fonts = page["/Resources"]["/Font"].get_object()
    (name,) = [k for k, v in fonts.items() if "Liberation" in str(v.get_object()["/BaseFont"])]
    clone = fonts[name].get_object().clone(writer)
    assert clone.indirect_reference is not None
    return clone.indirect_reference


def _stamp(writer: PdfWriter, page: Any, text: str, font: IndirectObject,
           open_q: IndirectObject) -> None:
    """Print ``text`` centred at the foot of ``page`` as displayed (any /Rotate, any
    crop box), in its own graphics state so the page's content cannot disturb it."""
    box = page.cropbox
    x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    width = pdfmetrics.stringWidth(text, FONT, STAMP_SIZE)
    rotation = page.rotation % 360
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # Text direction (a, b) and its "up" (c, d) in user space, and the foot's centre.
    if rotation == 90:
        a, b, c, d = 0, 1, -1, 0
        px, py = x1 - STAMP_MARGIN, cy
    elif rotation == 180:
        a, b, c, d = -1, 0, 0, -1
        px, py = cx, y1 - STAMP_MARGIN
    elif rotation == 270:
        a, b, c, d = 0, -1, 1, 0
        px, py = x0 + STAMP_MARGIN, cy
    else:
        a, b, c, d = 1, 0, 0, 1
        px, py = cx, y0 + STAMP_MARGIN
    ex, ey = px - a * width / 2, py - b * width / 2
    literal = text.encode("ascii", "replace").replace(b"\\", b"\\\\") \
        .replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = DecodedStreamObject()
    stream.set_data(
        f"\nQ\nq 0 g BT {STAMP_FONT} {STAMP_SIZE} Tf {a} {b} {c} {d} {ex:.2f} {ey:.2f} Tm"
        .encode("ascii") + b" (" + literal + b") Tj ET Q\n")
    stamp_ref = writer._add_object(stream)

    contents: PdfObject | None = page.get("/Contents")
    parts = ArrayObject([open_q])
    if contents is not None:
        target = contents.get_object()
        if isinstance(target, ArrayObject):
            parts.extend(target)
        elif isinstance(contents, IndirectObject):
            parts.append(contents)
        else:
            parts.append(writer._add_object(target))
    parts.append(stamp_ref)
    page[NameObject("/Contents")] = parts

    resources = page.get("/Resources")
    if resources is None:
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is None:
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    fonts.get_object()[NameObject(STAMP_FONT)] = font


def _open_paper(paper: Paper, entry: AgendaEntry) -> PdfReader:
    where = f"item {entry.number.rstrip(')')} ({_paper_label(paper)})"
    if not paper.content:
        raise PackError(f"the paper {paper.path!r} of {where} has no content in the register;"
                        " attach it again")
    try:
        check_paper(paper.content, paper.path)
    except PaperError as exc:
        raise PackError(f"item {entry.number.rstrip(')')}: {exc}") from None
    return PdfReader(io.BytesIO(paper.content), strict=False)


@dataclass
class Layout:
    """Pass 1: where every paper falls, from the page counts alone."""

    readers: list[tuple[AgendaEntry, Paper, PdfReader]]
    documents: list[PackDocument]
    ranges: dict[str, tuple[int, int]]
    pad_sizes: list[tuple[float, float]]


def lay_out(plan: AgendaPlan) -> Layout:
    """Count the pages of every paper the pack carries (padding each document to an
    even count) and give each entry its first and last numbered page."""
    with quiet_pypdf():
        return _lay_out(plan)


def _lay_out(plan: AgendaPlan) -> Layout:
    readers: list[tuple[AgendaEntry, Paper, PdfReader]] = []
    documents: list[PackDocument] = []
    ranges: dict[str, tuple[int, int]] = {}
    pad_sizes: list[tuple[float, float]] = []
    cursor = 1
    for entry in plan.pack_entries():
        for paper in entry.papers:
            reader = _open_paper(paper, entry)
            count = len(reader.pages)
            padded = count % 2 == 1
            if padded:
                pad_sizes.append(_displayed_size(reader.pages[count - 1]))
            doc = PackDocument(entry.key, _paper_label(paper), cursor,
                               cursor + count + int(padded) - 1, count, padded)
            documents.append(doc)
            readers.append((entry, paper, reader))
            first = ranges.get(entry.key, (doc.first, doc.last))[0]
            ranges[entry.key] = (first, doc.last)
            cursor = doc.last + 1
    return Layout(readers, documents, ranges, pad_sizes)


def build_pack(
    details: MeetingDetails, public: bool = False, style: Mapping[str, Any] | None = None,
    proceed: Proceed | None = None,
) -> Pack:
    """The agenda pack of the meeting in ``details`` (see the module's docstring);
    ``proceed()`` is asked between steps (False: :class:`~governance.errors.Cancelled`)."""
    with quiet_pypdf():
        return _build_pack(details, public, style, proceed)


def _build_pack(details: MeetingDetails, public: bool, style: Mapping[str, Any] | None,
                proceed: Proceed | None = None) -> Pack:
    style = style or house_style()
    words = style["agenda"]
    blank_text = style["phrases"]["blank_page"]
    plan = plan_agenda(details, public, style)

    # Pass 1: count every paper's pages and work out the ranges.
    layout = lay_out(plan)
    readers, documents, ranges = layout.readers, layout.documents, layout.ranges
    pad_sizes = layout.pad_sizes

    committee = details.meeting.committee
    when = day_date(details.meeting.date)
    title = (words["public_pack_title"] if public else words["pack_title"]).format(
        committee=committee, date=when)
    sheet = front_sheet(details, plan, ranges, style)
    front = PdfReader(io.BytesIO(front_sheet_pdf(sheet, title=title, proceed=proceed)))
    front_count = len(front.pages)

    # Pass 2: assemble, stamping as the pages go in.
    writer = PdfWriter()
    blanks = _blank_pages([A4] * (front_count % 2) + pad_sizes, blank_text)
    blank_index = 0
    for page in front.pages:
        # pypdf leaves the page's /StructParents behind; the link's goes the same way.
        for annotation in writer.add_page(page).get("/Annots") or ():
            annotation.get_object().pop("/StructParent", None)
    if front_count % 2:
        writer.add_page(blanks.pages[blank_index])
        blank_index += 1
    front_pages = len(writer.pages)

    font = _stamp_font(writer, words["page_stamp"].format(page="0123456789"))
    open_stream = DecodedStreamObject()
    open_stream.set_data(b"q\n")
    open_q = writer._add_object(open_stream)
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    for (entry, _paper, reader), doc in zip(readers, documents):
        stop_if_cancelled(proceed, "the agenda pack")
        starts.setdefault(entry.key, len(writer.pages))
        for source in reader.pages:
            page = writer.add_page(source)
            _stamp(writer, page, words["page_stamp"].format(
                page=len(writer.pages) - front_pages), font, open_q)
        if doc.padded:
            page = writer.add_page(blanks.pages[blank_index])
            blank_index += 1
            _stamp(writer, page, words["page_stamp"].format(
                page=len(writer.pages) - front_pages), font, open_q)
        ends[entry.key] = len(writer.pages) - 1

    # The check of pass 1 against the assembled pack: printed range == real pages.
    for key, (first, last) in ranges.items():
        real = (starts[key] - front_pages + 1, ends[key] - front_pages + 1)
        if real != (first, last):  # pragma: no cover - a bug, not a user's error
            raise AssertionError(f"entry {key}: front sheet says {first}-{last}, the pack"
                                 f" has {real[0]}-{real[1]}")

    _outline(writer, plan, starts, documents, front_pages, words["front_sheet_bookmark"],
             _listed_on(front, plan))
    # Papers are rid of active content when attached or imported; one kept before that
    # was done still brings none into a pack.
    strip_active_content(writer, title)
    # No dates: the same meeting and papers make the same bytes, as before.
    meta = Metadata(title, style["council_name"], "Agenda pack", LANGUAGE, created=None)
    write_properties(writer, meta, "Decision Desk (reportlab, pypdf)", pdfua=False)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return Pack(out.getvalue(), sheet, plan, front_pages, ranges, documents)


def _listed_on(front: PdfReader, plan: AgendaPlan) -> dict[str, int]:
    """The front-sheet page (0-based) on which each entry is listed, found in its text in
    agenda order; an entry not found is taken to be on the page of the one before."""
    def squash(text: str) -> str:
        return re.sub(r"\s+", "", text)

    texts = [squash(page.extract_text() or "") for page in front.pages]
    found: dict[str, int] = {}
    page, at = 0, 0
    for entry in plan.unrestricted + plan.exempt:
        needle = squash(f"{entry.number} {entry.title}")[:40]
        for p in range(page, len(texts)):
            hit = texts[p].find(needle, at if p == page else 0)
            if hit >= 0:
                page, at = p, hit + len(needle)
                break
        found[entry.key] = page
    return found


def _outline(writer: PdfWriter, plan: AgendaPlan, starts: dict[str, int],
             documents: list[PackDocument], front_pages: int, front_label: str,
             listed: dict[str, int]) -> None:
    """A bookmark for the front sheet and one per item, in agenda order (sub-items under
    their item): at the item's first paper or, for an item without papers (a verbal
    update), at its line on the front sheet; and one per paper where an item has several.
    The public pack has none for exempt matter."""
    writer.add_outline_item(title=front_label, page_number=0)
    by_entry: dict[str, list[PackDocument]] = {}
    for doc in documents:
        by_entry.setdefault(doc.entry, []).append(doc)
    top_node = None
    entries = plan.pack_entries()
    for i, entry in enumerate(entries):
        label = f"{entry.number} {entry.title}"
        page = starts.get(entry.key)
        if page is None and not entry.sub:  # an item whose papers are its sub-items'
            subs = [e.key for e in entries[i + 1:]]
            subs = subs[:next((k for k, e in enumerate(entries[i + 1:]) if not e.sub),
                              len(subs))]
            page = next((starts[k] for k in subs if k in starts), None)
        if page is None:
            page = listed.get(entry.key, 0)
        if entry.sub and top_node is not None:
            node = writer.add_outline_item(title=label, page_number=page, parent=top_node)
        else:
            node = top_node = writer.add_outline_item(title=label, page_number=page)
        docs = by_entry.get(entry.key, [])
        if len(docs) > 1:
            for doc in docs:
                writer.add_outline_item(title=doc.label,
                                        page_number=front_pages + doc.first - 1, parent=node)
