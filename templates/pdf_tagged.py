"""Tagged PDF with reportlab: marked content while drawing, the structure tree after.

reportlab draws; it does not tag. Here the story's flowables are wrapped so that what
each draws is a marked-content sequence (``/P <</MCID 3>> BDC ... EMC``) belonging to a
structure element (H1, P, Table/TR/TH/TD, L/LI/LBody ...), and what is decoration (rules,
cell borders, the page footer) is marked ``/Artifact``. :func:`finish` then writes the
structure tree, the parent tree, ``/MarkInfo``, ``/Lang``, ``DisplayDocTitle`` and the
XMP metadata (dc:title, dc:creator, dc:description, dc:language, pdfuaid:part) into the
file with pypdf, the link annotations of :class:`LinkText` (each inside its ``Link``
element), and optionally an empty signature field tagged as a ``Form`` element, ready for
the signer to fill in. :func:`write_properties` gives a file that is not tagged (the
agenda pack) the same document-level properties, without the PDF/UA claim.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from governance.errors import Cancelled
from templates.pdf_conformance import conform

Kid = Any  # StructNode | ("mcid", page, mcid) | ("annot", page, None) | ("link", page, index)


class StructNode:
    """A structure element. Kids are other nodes or marked-content references."""

    def __init__(self, role: str, parent: StructNode | None = None, *,
                 alt: str | None = None, attrs: dict[str, str] | None = None,
                 actual_text: str | None = None):
        self.role = role
        self.parent = parent
        self.alt = alt
        self.attrs = attrs or {}
        self.actual_text = actual_text
        self.kids: list[Kid] = []
        if parent is not None:
            parent.kids.append(self)

    def child(self, role: str, **kwargs: Any) -> StructNode:
        return StructNode(role, self, **kwargs)


class Tagger:
    """Hands out MCIDs page by page while the document is drawn."""

    def __init__(self) -> None:
        self.root = StructNode("Document")
        self.pages: dict[int, list[StructNode]] = {}
        self.signature_box: tuple[int, tuple[float, float, float, float]] | None = None
        self.signature_node: StructNode | None = None
        self.links: list[LinkTarget] = []

    def begin(self, canvas: Any, node: StructNode) -> None:
        page = canvas.getPageNumber() - 1
        mcids = self.pages.setdefault(page, [])
        mcid = len(mcids)
        mcids.append(node)
        node.kids.append(("mcid", page, mcid))
        canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")

    @staticmethod
    def end(canvas: Any) -> None:
        canvas.addLiteral("EMC")

    @staticmethod
    def begin_artifact(canvas: Any, kind: str = "Layout", subtype: str | None = None) -> None:
        extra = f" /Subtype /{subtype}" if subtype else ""
        canvas.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")

    def table_callback(self, cells: list[list[StructNode]]):
        """A reportlab ``Table(renderCB=...)`` callback: each cell's drawing is the content of
        ``cells[row][col]``; backgrounds and grid lines are artifacts."""

        def callback(table: Any, event: str, *args: Any) -> None:
            canvas = table.canv
            if event in ("startBG", "startLines"):
                self.begin_artifact(canvas)
            elif event in ("endBG", "endLines"):
                self.end(canvas)
            elif event == "startCell":
                row, col = args[0], args[1]
                self.begin(canvas, cells[row][col])
            elif event == "endCell":
                self.end(canvas)

        return callback


class Tagged(Flowable):
    """Wraps a flowable: what it draws is marked content of ``node`` (split parts too)."""

    def __init__(self, tagger: Tagger, node: StructNode, flowable: Flowable):
        super().__init__()
        self.tagger = tagger
        self.node = node
        self.flowable = flowable

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.flowable.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.flowable.split(avail_width, avail_height)
        keep_lines(self.flowable, parts)
        return [Tagged(self.tagger, self.node, f) for f in parts]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.flowable.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.flowable.getSpaceAfter()

    def getKeepWithNext(self) -> bool:  # noqa: N802
        # reportlab's keepWithNext grouping clears the flag by setting ``keepWithNext`` on
        # the flowable it was given (this wrapper): that must win over the wrapped
        # paragraph's style, or the group is made again after every split and a group
        # taller than the page is split and regrouped for ever.
        if "keepWithNext" in self.__dict__:
            return bool(self.__dict__["keepWithNext"])
        return self.flowable.getKeepWithNext()

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self.tagger.begin(canvas, self.node)
        self.flowable.drawOn(canvas, x, y, _sW)
        self.tagger.end(canvas)


class _KnownLines:
    """A paragraph's ``breakLines`` that answers with lines already broken at ``width``
    (any other width is broken afresh)."""

    def __init__(self, paragraph: Paragraph, width: float, lines: Any):
        self.paragraph = paragraph
        self.width = width
        self.lines = lines

    def __call__(self, widths: Any) -> Any:
        paragraph = self.paragraph
        if getattr(paragraph, "width", None) == self.width:
            return self.lines
        return type(paragraph).breakLines(paragraph, widths)


def keep_lines(whole: Flowable, parts: list[Flowable]) -> None:
    """After reportlab splits a paragraph at a page's foot, the part carried over is a new
    paragraph whose lines it would break again on the next page, and again on the page
    after: a paragraph of n pages was broken n times over (time growing with the square
    of its length). The part carried over is given the lines already broken instead."""
    if not (isinstance(whole, Paragraph) and len(parts) == 2
            and all(isinstance(p, Paragraph) for p in parts)):
        return
    broken, first = getattr(whole, "blPara", None), getattr(parts[0], "blPara", None)
    # Only lines of plain text (one font, reportlab's kind 0) stand alone: the lines of
    # mixed text point into the whole paragraph's fragments, which the part has not.
    if (broken is None or first is None or getattr(broken, "kind", None) != 0
            or getattr(whole, "width", None) is None):
        return
    rest = broken.clone(lines=broken.lines[len(first.lines):])
    parts[1].breakLines = _KnownLines(parts[1], whole.width, rest)


#: Asked between steps of long work: False once the clerk has cancelled it.
Proceed = Callable[[], bool]


def stop_if_cancelled(proceed: Proceed | None, what: str) -> None:
    """Raise :class:`~governance.errors.Cancelled` once ``proceed()`` says no."""
    if proceed is not None and not proceed():
        raise Cancelled(f"making {what} was cancelled")


def cancellable(doc: Any, proceed: Proceed | None, what: str) -> None:
    """Make reportlab's ``doc.build`` ask ``proceed()`` before each step of its layout
    (each flowable placed, split or moved on): cancelling stops a long document within a
    step, with :class:`~governance.errors.Cancelled`."""
    if proceed is None:
        return
    handle = doc.handle_flowable

    def handle_flowable(flowables: list[Flowable]) -> None:
        stop_if_cancelled(proceed, what)
        handle(flowables)

    doc.handle_flowable = handle_flowable


def fits_a_page(flowable: Flowable, width: float, height: float) -> bool:
    """Whether ``flowable`` laid out ``width`` wide is at most ``height`` tall. A table row
    cannot break across pages: a table whose row holds more text than a page does is laid
    out another way (its cells as paragraphs), so that text of any length breaks across
    pages instead of stopping the document."""
    return flowable.wrap(width, height)[1] <= height


def fit_together(flowables: list[Flowable], width: float, height: float) -> bool:
    """Whether ``flowables`` (with the space between them) fit in ``height``: what a
    KeepTogether needs before it is asked to keep them on one page."""
    total = 0.0
    for f in flowables:
        total += f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        if total > height:
            return False
    return True


class Artifact(Flowable):
    """Wraps a decorative flowable (a rule, a spacer with a line): marked as an artifact."""

    def __init__(self, flowable: Flowable):
        super().__init__()
        self.flowable = flowable

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.flowable.wrap(avail_width, avail_height)
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.flowable.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.flowable.getSpaceAfter()

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        Tagger.begin_artifact(canvas)
        self.flowable.drawOn(canvas, x, y, _sW)
        Tagger.end(canvas)


class LabelledParagraph(Paragraph):
    """A paragraph whose bullet (``bulletText``) is a list item's label. reportlab draws the
    bullet as a text object of its own and only then opens the text object of the
    paragraph's words with :meth:`beginText`: that is where :class:`ListItemText` ends the
    label's marked content and begins the body's, so the page is drawn exactly as a plain
    paragraph with a bullet would be."""

    body_starts: Any = None  # called once, just before the words are drawn

    def beginText(self, x: float, y: float) -> Any:  # noqa: N802 (reportlab's name)
        if self.body_starts is not None:
            starts, self.body_starts = self.body_starts, None
            starts()
        return super().beginText(x, y)


class ListItemText(Tagged):
    """The first paragraph of a list item: its bullet is marked content of ``label`` (an
    ``Lbl``), its words of ``node`` (in the item's ``LBody``). A part split off onto the
    next page carries no bullet and is all ``node``."""

    def __init__(self, tagger: Tagger, label: StructNode, node: StructNode,
                 flowable: LabelledParagraph):
        super().__init__(tagger, node, flowable)
        self.label = label

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.flowable.split(avail_width, avail_height)
        keep_lines(self.flowable, parts)
        return [ListItemText(self.tagger, self.label, self.node, f) if i == 0
                else Tagged(self.tagger, self.node, f) for i, f in enumerate(parts)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        paragraph = self.flowable
        if not paragraph.bulletText:
            super().drawOn(canvas, x, y, _sW)
            return

        def body_starts() -> None:
            self.tagger.end(canvas)
            self.tagger.begin(canvas, self.node)

        self.tagger.begin(canvas, self.label)
        paragraph.body_starts = body_starts
        paragraph.drawOn(canvas, x, y, _sW)
        paragraph.body_starts = None
        self.tagger.end(canvas)


@dataclass
class LinkTarget:
    """Where a :class:`LinkText` landed: the link annotation :func:`finish` puts there."""

    page: int
    rect: tuple[float, float, float, float]
    uri: str
    contents: str
    node: StructNode


class LinkText(Tagged):
    """A one-line, left-aligned paragraph that is a link (``mailto:``, ``https:``): its text is
    marked content of ``node`` (a ``Link`` element), and :func:`finish` puts a link
    annotation over the words, described by ``contents``, as the element's other kid."""

    def __init__(self, tagger: Tagger, node: StructNode, flowable: Paragraph, uri: str,
                 contents: str):
        super().__init__(tagger, node, flowable)
        self.uri = uri
        self.contents = contents

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        super().drawOn(canvas, x, y, _sW)
        paragraph = self.flowable
        x0, y0 = canvas.absolutePosition(x + paragraph.style.leftIndent, y)
        words = max(paragraph.getActualLineWidths0() or [self.width])
        page = canvas.getPageNumber() - 1
        self.tagger.links.append(LinkTarget(page, (x0, y0, x0 + words, y0 + self.height),
                                            self.uri, self.contents, self.node))
        self.node.kids.append(("link", page, len(self.tagger.links) - 1))


class SignatureArea(Flowable):
    """The visible digital signature: a box with ``text`` (who signed, in what role, when)
    drawn on the page and tagged as ``node``; ``form`` is the Form element the signature
    field's widget will belong to. Records where it landed
    (page and rectangle, in points) so the signature field's widget can be put over it."""

    def __init__(self, tagger: Tagger, width: float, height: float, node: StructNode,
                 form: StructNode, text: Flowable):
        super().__init__()
        self.tagger = tagger
        self.box_width = width
        self.box_height = height
        self.node = node
        self.form = form
        self.text = text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.box_width, avail_width)
        self.height = self.box_height
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        page = canvas.getPageNumber() - 1
        x0, y0 = canvas.absolutePosition(x, y)
        self.tagger.signature_box = (page, (x0, y0, x0 + self.width, y0 + self.height))
        self.tagger.signature_node = self.form
        pad = 6
        _, text_height = self.text.wrap(self.width - 2 * pad, self.height - 2 * pad)
        self.tagger.begin(canvas, self.node)
        self.text.drawOn(canvas, x + pad, y + self.height - pad - text_height)
        self.tagger.end(canvas)


# --- the structure tree, written after drawing ------------------------------------------


@dataclass
class Metadata:
    title: str
    author: str
    subject: str
    language: str
    keywords: str = ""
    creator: str = "Decision Desk"
    #: None for a file that carries no dates (the same bytes every time it is made).
    created: dt.datetime | None = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def _xmp(meta: Metadata, producer: str, pdfua: bool = True) -> bytes:
    """The XMP packet; ``pdfua`` claims PDF/UA-1 (only for a file that is wholly tagged)."""
    e = escape
    dates = ""
    if meta.created is not None:
        when = meta.created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        dates = (f"\n   <xmp:CreateDate>{when}</xmp:CreateDate>"
                 f"\n   <xmp:ModifyDate>{when}</xmp:ModifyDate>"
                 f"\n   <xmp:MetadataDate>{when}</xmp:MetadataDate>")
    claim = "\n   <pdfuaid:part>1</pdfuaid:part>" if pdfua else ""
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.subject)}</rdf:li></rdf:Alt>
   </dc:description>
   <dc:language><rdf:Bag><rdf:li>{e(meta.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{e(producer)}</pdf:Producer>
   <pdf:Keywords>{e(meta.keywords)}</pdf:Keywords>
   <xmp:CreatorTool>{e(meta.creator)}</xmp:CreatorTool>{dates}{claim}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return text.encode("utf-8")


def _pdf_date(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


@dataclass(frozen=True)
class SignatureField:
    """An empty signature field to place where :class:`SignatureArea` landed."""

    name: str
    tooltip: str


def write_properties(writer: Any, meta: Metadata, producer: str, *, pdfua: bool) -> None:
    """The document-level properties of ``writer``'s file: ``/Lang``, ``DisplayDocTitle``
    (the viewer shows the title, not the file name), the XMP metadata (dc:title and the
    rest; pdfuaid:part only with ``pdfua``) and the same title, author and subject in the
    Info dictionary."""
    from pypdf.generic import (
        BooleanObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        TextStringObject,
    )

    n = NameObject
    root = writer._root_object
    root[n("/Lang")] = TextStringObject(meta.language)
    root[n("/ViewerPreferences")] = DictionaryObject(
        {n("/DisplayDocTitle"): BooleanObject(True)})
    xmp = DecodedStreamObject()
    xmp.set_data(_xmp(meta, producer, pdfua))
    xmp[n("/Type")] = n("/Metadata")
    xmp[n("/Subtype")] = n("/XML")
    root[n("/Metadata")] = writer._add_object(xmp)
    info = {"/Title": meta.title, "/Author": meta.author, "/Subject": meta.subject,
            "/Keywords": meta.keywords, "/Creator": meta.creator, "/Producer": producer}
    if meta.created is not None:
        info["/CreationDate"] = info["/ModDate"] = _pdf_date(meta.created)
    writer.add_metadata(info)


def finish(data: bytes, tagger: Tagger, meta: Metadata,
           signature_field: SignatureField | None = None) -> bytes:
    """Write the structure tree and the accessibility metadata into reportlab's ``data``."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    pages = [p.indirect_reference for p in writer.pages]
    root = writer._root_object
    n = NameObject

    tree_root = DictionaryObject({n("/Type"): n("/StructTreeRoot")})
    tree_root_ref = writer._add_object(tree_root)
    parent_tree: dict[int, Any] = {}
    refs: dict[int, Any] = {}

    def first_page(node: StructNode) -> int | None:
        for kid in node.kids:
            if isinstance(kid, tuple):
                return kid[1]
            found = first_page(kid)
            if found is not None:
                return found
        return None

    annotation_key = len(pages)
    widget_ref = None
    if signature_field is not None and tagger.signature_box is not None:
        page_index, (x0, y0, x1, y1) = tagger.signature_box
        width, height = round(x1 - x0, 2), round(y1 - y0, 2)
        appearance = DecodedStreamObject()
        appearance.set_data(f"q 0.35 0.35 0.35 RG 0.8 w 0.4 0.4 {width - 0.8:.2f}"
                            f" {height - 0.8:.2f} re S Q".encode("ascii"))
        appearance.update({n("/Type"): n("/XObject"), n("/Subtype"): n("/Form"),
                           n("/BBox"): ArrayObject([FloatObject(0), FloatObject(0),
                                                    FloatObject(width), FloatObject(height)]),
                           n("/Resources"): DictionaryObject()})
        widget = DictionaryObject({
            n("/Type"): n("/Annot"), n("/Subtype"): n("/Widget"), n("/FT"): n("/Sig"),
            n("/T"): TextStringObject(signature_field.name),
            n("/TU"): TextStringObject(signature_field.tooltip),
            n("/Rect"): ArrayObject([FloatObject(round(v, 2)) for v in (x0, y0, x1, y1)]),
            n("/F"): NumberObject(4), n("/P"): pages[page_index],
            n("/StructParent"): NumberObject(annotation_key),
            n("/AP"): DictionaryObject({n("/N"): writer._add_object(appearance)}),
        })
        widget_ref = writer._add_object(widget)
        page = writer.pages[page_index]
        annots = page.get("/Annots")
        if annots is None:
            page[n("/Annots")] = ArrayObject([widget_ref])
        else:
            annots.get_object().append(widget_ref)
        root[n("/AcroForm")] = DictionaryObject({
            n("/Fields"): ArrayObject([widget_ref]), n("/SigFlags"): NumberObject(0)})
        assert tagger.signature_node is not None
        tagger.signature_node.kids.append(("annot", page_index, None))

    # Link annotations take the parent tree's keys after the signature field's.
    link_refs = []
    for i, link in enumerate(tagger.links):
        annotation = DictionaryObject({
            n("/Type"): n("/Annot"), n("/Subtype"): n("/Link"),
            n("/Rect"): ArrayObject([FloatObject(round(v, 2)) for v in link.rect]),
            n("/Border"): ArrayObject([NumberObject(0)] * 3),
            n("/F"): NumberObject(4), n("/P"): pages[link.page],
            n("/Contents"): TextStringObject(link.contents),
            n("/StructParent"): NumberObject(annotation_key + 1 + i),
            n("/A"): DictionaryObject({n("/Type"): n("/Action"), n("/S"): n("/URI"),
                                       n("/URI"): TextStringObject(link.uri)}),
        })
        link_ref = writer._add_object(annotation)
        link_refs.append(link_ref)
        page = writer.pages[link.page]
        annots = page.get("/Annots")
        if annots is None:
            page[n("/Annots")] = ArrayObject([link_ref])
        else:
            annots.get_object().append(link_ref)

    def build(node: StructNode, parent_ref: Any) -> Any:
        elem = DictionaryObject({n("/Type"): n("/StructElem"), n("/S"): n(f"/{node.role}"),
                                 n("/P"): parent_ref})
        ref = writer._add_object(elem)
        refs[id(node)] = ref
        page = first_page(node)
        if page is not None:
            elem[n("/Pg")] = pages[page]
        if node.alt:
            elem[n("/Alt")] = TextStringObject(node.alt)
        if node.actual_text:
            elem[n("/ActualText")] = TextStringObject(node.actual_text)
        if node.attrs:
            attrs = DictionaryObject({n(f"/{k}"): (n(f"/{v}") if k != "ColSpan" else
                                                    NumberObject(int(v)))
                                      for k, v in node.attrs.items() if k != "O"})
            attrs[n("/O")] = n(f"/{node.attrs.get('O', 'Table')}")
            elem[n("/A")] = attrs
        kids = ArrayObject()
        for kid in node.kids:
            if isinstance(kid, StructNode):
                kids.append(build(kid, ref))
            elif kid[0] == "mcid":
                _, page_index, mcid = kid
                if page_index == page:
                    kids.append(NumberObject(mcid))
                else:
                    kids.append(DictionaryObject({n("/Type"): n("/MCR"),
                                                  n("/Pg"): pages[page_index],
                                                  n("/MCID"): NumberObject(mcid)}))
            elif kid[0] == "annot" and widget_ref is not None:
                kids.append(DictionaryObject({n("/Type"): n("/OBJR"), n("/Obj"): widget_ref,
                                              n("/Pg"): pages[kid[1]]}))
                if n("/Pg") not in elem:
                    elem[n("/Pg")] = pages[kid[1]]
                parent_tree[annotation_key] = ref
            elif kid[0] == "link":
                _, page_index, index = kid
                kids.append(DictionaryObject({n("/Type"): n("/OBJR"),
                                              n("/Obj"): link_refs[index],
                                              n("/Pg"): pages[page_index]}))
                parent_tree[annotation_key + 1 + index] = ref
        elem[n("/K")] = kids[0] if len(kids) == 1 else kids
        return ref

    document_ref = build(tagger.root, tree_root_ref)
    for page_index, nodes in tagger.pages.items():
        parent_tree[page_index] = writer._add_object(
            ArrayObject([refs[id(node)] for node in nodes]))
    for i, page in enumerate(writer.pages):
        if i in tagger.pages:
            page[n("/StructParents")] = NumberObject(i)
        page[n("/Tabs")] = n("/S")
    nums = ArrayObject()
    for key in sorted(parent_tree):
        nums += [NumberObject(key), parent_tree[key]]
    tree_root[n("/K")] = document_ref
    tree_root[n("/ParentTree")] = writer._add_object(DictionaryObject({n("/Nums"): nums}))
    tree_root[n("/ParentTreeNextKey")] = NumberObject(annotation_key + 1 + len(link_refs))

    root[n("/StructTreeRoot")] = tree_root_ref
    root[n("/MarkInfo")] = DictionaryObject({n("/Marked"): BooleanObject(True)})
    write_properties(writer, meta, "Decision Desk (reportlab, pypdf)", pdfua=True)
    conform(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
