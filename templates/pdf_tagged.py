"""Tagged PDF with reportlab: marked content while drawing, the structure tree after.

reportlab draws; it does not tag. Here the story's flowables are wrapped so that what
each draws is a marked-content sequence (``/P <</MCID 3>> BDC ... EMC``) belonging to a
structure element (H1, P, Table/TR/TH/TD, L/LI/LBody ...), and what is decoration (rules,
cell borders, the page footer) is marked ``/Artifact``. :func:`finish` then writes the
structure tree, the parent tree, ``/MarkInfo``, ``/Lang``, ``DisplayDocTitle`` and the
XMP metadata (dc:title, dc:creator, dc:description, dc:language, pdfuaid:part) into the
file with pypdf, and optionally an empty signature field tagged as a ``Form`` element,
ready for the signer to fill in.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

Kid = Any  # StructNode | ("mcid", page, mcid) | ("annot", page, None)


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
        return [Tagged(self.tagger, self.node, f)
                for f in self.flowable.split(avail_width, avail_height)]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.flowable.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.flowable.getSpaceAfter()

    def getKeepWithNext(self) -> bool:  # noqa: N802
        return self.flowable.getKeepWithNext()

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self.tagger.begin(canvas, self.node)
        self.flowable.drawOn(canvas, x, y, _sW)
        self.tagger.end(canvas)


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
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def _xmp(meta: Metadata, producer: str) -> bytes:
    when = meta.created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    e = escape
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
   <xmp:CreatorTool>{e(meta.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
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
    tree_root[n("/ParentTreeNextKey")] = NumberObject(annotation_key + 1)

    root[n("/StructTreeRoot")] = tree_root_ref
    root[n("/MarkInfo")] = DictionaryObject({n("/Marked"): BooleanObject(True)})
    root[n("/Lang")] = TextStringObject(meta.language)
    root[n("/ViewerPreferences")] = DictionaryObject(
        {n("/DisplayDocTitle"): BooleanObject(True)})
    producer = "Decision Desk (reportlab, pypdf)"
    xmp = DecodedStreamObject()
    xmp.set_data(_xmp(meta, producer))
    xmp[n("/Type")] = n("/Metadata")
    xmp[n("/Subtype")] = n("/XML")
    root[n("/Metadata")] = writer._add_object(xmp)
    when = _pdf_date(meta.created)
    writer.add_metadata({"/Title": meta.title, "/Author": meta.author,
                         "/Subject": meta.subject, "/Keywords": meta.keywords,
                         "/Creator": meta.creator, "/Producer": producer,
                         "/CreationDate": when, "/ModDate": when})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
