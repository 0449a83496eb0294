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

import hashlib
import io
import re
from collections.abc import Iterator, Mapping
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
from templates.frontsheet import (
    AgendaEntry,
    AgendaPlan,
    FrontSheet,
    StandIn,
    front_sheet,
    plan_agenda,
)
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
    #: The stand-in page of an exempt paper, not a paper.
    stand_in: bool = False


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
    #: "item 5, Minutes (Helvetica)": papers whose fonts are not in the file.
    unembedded: list[str] = field(default_factory=list)

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


def _stand_in(stand_in: StandIn, words: Mapping[str, Any]) -> PdfReader:
    """The one page that holds an exempt paper's place: why the document is restricted."""
    register_fonts()
    out = io.BytesIO()
    width, height = A4
    c = canvas.Canvas(out, pagesize=A4, invariant=1, initialFontName=FONT)
    paragraphs = _join_numbers(stand_in.paragraphs)
    c.setFont(FONT, 12)
    c.drawCentredString(width / 2, height / 2 + 24,
                        words["restricted_stand_in"].format(paragraphs=paragraphs))
    c.setFont(FONT, 16)
    c.drawCentredString(width / 2, height / 2 - 12, words["restricted_document"])
    c.showPage()
    c.save()
    return PdfReader(io.BytesIO(out.getvalue()))


def _join_numbers(numbers: tuple[int, ...]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


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
           open_q: IndirectObject, head: bool = False) -> None:
    """Print ``text`` centred at the foot of ``page`` as displayed (or, with ``head``,
    at its top right), whatever its /Rotate and crop box, in its own graphics state so
    the page's content cannot disturb it."""
    box = page.cropbox
    x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    width = pdfmetrics.stringWidth(text, FONT, STAMP_SIZE)
    rotation = page.rotation % 360
    # Where the displayed page's origin is in user space, its x axis (a, b) and its y
    # axis (c, d): the text runs along x and stands up along y.
    if rotation == 90:
        a, b, c, d, ox, oy = 0, 1, -1, 0, x1, y0
    elif rotation == 180:
        a, b, c, d, ox, oy = -1, 0, 0, -1, x1, y1
    elif rotation == 270:
        a, b, c, d, ox, oy = 0, -1, 1, 0, x0, y1
    else:
        a, b, c, d, ox, oy = 1, 0, 0, 1, x0, y0
    shown_w, shown_h = (y1 - y0, x1 - x0) if rotation in (90, 270) else (x1 - x0, y1 - y0)
    if head:
        u, v = shown_w - STAMP_MARGIN - width, shown_h - STAMP_MARGIN - STAMP_SIZE
    else:
        u, v = (shown_w - width) / 2, STAMP_MARGIN
    ex, ey = ox + a * u + c * v, oy + b * u + d * v
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

    readers: list[tuple[AgendaEntry, Paper | StandIn, PdfReader]]
    documents: list[PackDocument]
    ranges: dict[str, tuple[int, int]]
    pad_sizes: list[tuple[float, float]]
    unembedded: list[str] = field(default_factory=list)


def lay_out(plan: AgendaPlan, style: Mapping[str, Any] | None = None) -> Layout:
    """Count the pages of every paper the pack carries (padding each document to an
    even count) and give each entry its first and last numbered page."""
    with quiet_pypdf():
        return _lay_out(plan, (style or house_style())["agenda"])


def _lay_out(plan: AgendaPlan, words: Mapping[str, Any]) -> Layout:
    readers: list[tuple[AgendaEntry, Paper | StandIn, PdfReader]] = []
    documents: list[PackDocument] = []
    ranges: dict[str, tuple[int, int]] = {}
    pad_sizes: list[tuple[float, float]] = []
    unembedded: list[str] = []
    cursor = 1
    for entry in plan.pack_entries():
        for paper in entry.papers:
            reader = _stand_in(paper, words) if isinstance(paper, StandIn) \
                else _open_paper(paper, entry)
            missing = [] if isinstance(paper, StandIn) else _unembedded(reader)
            if missing:
                unembedded.append(f"item {entry.item}, {_paper_label(paper)}"
                                  f" ({', '.join(missing)})")
            count = len(reader.pages)
            padded = count % 2 == 1
            if padded:
                pad_sizes.append(_displayed_size(reader.pages[count - 1]))
            label = words["restricted_document"] if isinstance(paper, StandIn) \
                else _paper_label(paper)
            doc = PackDocument(entry.key, label, cursor,
                               cursor + count + int(padded) - 1, count, padded,
                               isinstance(paper, StandIn))
            documents.append(doc)
            readers.append((entry, paper, reader))
            first = ranges.get(entry.key, (doc.first, doc.last))[0]
            ranges[entry.key] = (first, doc.last)
            cursor = doc.last + 1
    return Layout(readers, documents, ranges, pad_sizes, unembedded)


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
    layout = lay_out(plan, style)
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

    font = _stamp_font(writer, words["page_stamp"].format(page="0123456789")
                       + words["item_stamp"].format(item="0123456789()abcdefghijklmnopqrstuvwxyz"))
    open_stream = DecodedStreamObject()
    open_stream.set_data(b"q\n")
    open_q = writer._add_object(open_stream)
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    for (entry, _paper, reader), doc in zip(readers, documents):
        stop_if_cancelled(proceed, "the agenda pack")
        first_of_item = entry.key not in starts
        starts.setdefault(entry.key, len(writer.pages))
        for source in reader.pages:
            page = writer.add_page(source)
            if first_of_item:  # "Agenda Item N" heads the first page of its papers
                _stamp(writer, page, words["item_stamp"].format(item=entry.item), font,
                       open_q, head=True)
                first_of_item = False
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

    _outline(writer, plan, starts, documents, front_pages, words,
             _listed_on(front, plan))
    # Papers are rid of active content when attached or imported; one kept before that
    # was done still brings none into a pack.
    strip_active_content(writer, title)
    _retag_subsets(writer)
    # No dates: the same meeting and papers make the same bytes, as before.
    meta = Metadata(title, style["council_name"], "Agenda pack", LANGUAGE, created=None)
    write_properties(writer, meta, "Decision Desk (reportlab, pypdf)", pdfua=False)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return Pack(out.getvalue(), sheet, plan, front_pages, ranges, documents,
                layout.unembedded)


#: A font subset's name: six capital letters, "+", the font's own name.
_SUBSET = re.compile(r"^/?[A-Z]{6}\+(.+)$")
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _fonts_of(resources: Any, seen: set[int]) -> Iterator[DictionaryObject]:
    """Every font dictionary reachable from ``resources``: its own fonts, and those of
    its form XObjects (and Type 3 fonts' resources), each once."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or DictionaryObject()).get_object().values():
        font_dict = font.get_object()
        if id(font_dict) in seen:
            continue
        seen.add(id(font_dict))
        yield font_dict
        for descendant in font_dict.get("/DescendantFonts") or ():
            yield descendant.get_object()
        yield from _fonts_of(font_dict.get("/Resources"), seen)
    for xobject in (resources.get("/XObject") or DictionaryObject()).get_object().values():
        form = xobject.get_object()
        if id(form) in seen or form.get("/Subtype") != "/Form":
            continue
        seen.add(id(form))
        yield from _fonts_of(form.get("/Resources"), seen)


def _page_fonts(page: Any, seen: set[int]) -> Iterator[DictionaryObject]:
    yield from _fonts_of(page.get("/Resources"), seen)
    for annotation in page.get("/Annots") or ():
        appearance = annotation.get_object().get("/AP")
        for stream in (appearance.get_object().values() if appearance else ()):
            stream = stream.get_object()
            if isinstance(stream, DictionaryObject) and "/Resources" in stream:
                yield from _fonts_of(stream.get("/Resources"), seen)


def _unembedded(reader: PdfReader) -> list[str]:
    """The names of the fonts a paper uses without carrying them (a reader draws them
    with a font of its own, which may not match)."""
    names: dict[str, None] = {}
    seen: set[int] = set()
    for page in reader.pages:
        for font in _page_fonts(page, seen):
            if font.get("/Subtype") in ("/Type0", "/Type3"):
                continue  # a Type 0 font's program is its descendant's; Type 3 is drawn
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else None
            if descriptor is None or not any(k in descriptor for k in _FONT_FILES):
                names[str(font.get("/BaseFont", "/unnamed")).lstrip("/")] = None
    return list(names)


def _retag_subsets(writer: PdfWriter) -> None:
    """Give every embedded font subset a tag of its own, from its program's bytes: the
    front sheet, the stamps and papers made by the same tool all arrive as
    ``AAAAAA+LiberationSans``, different subsets under one name (PDF wants each subset
    tagged apart). The same subset keeps the same tag, so the pack stays reproducible."""
    seen: set[int] = set()
    for page in writer.pages:
        for font in _page_fonts(page, seen):
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                continue
            descriptor = descriptor.get_object()
            program = next((descriptor[k] for k in _FONT_FILES if k in descriptor), None)
            subset = _SUBSET.match(str(font.get("/BaseFont", "")))
            if program is None or subset is None:
                continue
            digest = hashlib.sha256(program.get_object().get_data()).digest()
            tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
            name = NameObject(f"/{tag}+{subset.group(1)}")
            font[NameObject("/BaseFont")] = name
            descriptor[NameObject("/FontName")] = name
    for page in writer.pages:  # a Type 0 font takes its descendant's name
        for font in _page_fonts(page, set()):
            if font.get("/Subtype") == "/Type0" and font.get("/DescendantFonts"):
                descendant = font["/DescendantFonts"][0].get_object()
                if _SUBSET.match(str(descendant.get("/BaseFont", ""))):
                    font[NameObject("/BaseFont")] = descendant["/BaseFont"]


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
             documents: list[PackDocument], front_pages: int, words: Mapping[str, Any],
             listed: dict[str, int]) -> None:
    """A bookmark for the front sheet and one per item, in agenda order (sub-items under
    their item): at the item's first paper or, for an item without papers (a verbal
    update), at its line on the front sheet; and one per paper where an item has several.
    The public pack has none for exempt matter."""
    writer.add_outline_item(title=words["front_sheet_bookmark"], page_number=0)
    by_entry: dict[str, list[PackDocument]] = {}
    for doc in documents:
        by_entry.setdefault(doc.entry, []).append(doc)
    top_node = None
    entries = plan.pack_entries()
    for i, entry in enumerate(entries):
        label = f"{entry.number} {entry.title}"
        if entry.held_papers:  # an item's exempt papers, at the end: named for the item
            label = words["exempt_papers_bookmark" if entry.held_papers > 1
                          else "exempt_paper_bookmark"].format(item=entry.item)
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
