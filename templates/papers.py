"""Reading a paper before it is attached to an agenda item (with pypdf): the documents
adapter's half of :mod:`governance.papers`.

``check_paper(content, name)`` returns what the pack needs to know (the page count)
or raises :class:`~governance.papers.PaperError` naming the file and the reason, with
what to do.
"""

from __future__ import annotations

import hashlib
import io
import logging
import struct
import warnings
import zlib
from collections import Counter
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import FileNotDecryptedError, PyPdfError
from pypdf.filters import ASCII85Decode, ASCIIHexDecode
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    StreamObject,
)

from governance.papers import CleanedPaper, PaperError, PaperInfo, refuse_what_is_not_a_pdf

#: Papers already found sound, by SHA-256: the same bytes always give the same answer,
#: and reading every stream of a long paper again is the slow part of attaching it.
_SOUND: dict[bytes, PaperInfo] = {}
_SOUND_LIMIT = 256


def check_paper(content: bytes, name: str) -> PaperInfo:
    """The paper's page count and size, or :class:`PaperError` if it is not a PDF, is
    encrypted or is damaged."""
    key = hashlib.sha256(content).digest()
    known = _SOUND.get(key)
    if known is None:
        known = _check_paper(content, name)
        if len(_SOUND) >= _SOUND_LIMIT:
            _SOUND.clear()
        _SOUND[key] = known
    return known


def _check_paper(content: bytes, name: str) -> PaperInfo:
    refuse_what_is_not_a_pdf(content, name)
    damaged_hint = ("produce the PDF again from the program that made it (Save As or"
                    " Export to PDF, not a copy of the file) and attach that")
    try:
        with warnings.catch_warnings(), _PypdfNotes() as notes:
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(content), strict=False)
            if reader.is_encrypted:
                opens = _opens_without_password(reader)
                if opens:
                    raise PaperError(
                        name, "is encrypted (it has an owner password restricting"
                        " printing or copying)", "ask its author for an unprotected"
                        " copy; the pack cannot carry the paper's restrictions")
                raise PaperError(name, "is encrypted (it needs a password to open)",
                                 "ask its author for a copy without a password")
            declared = _declared_pages(reader)
            if declared > MAX_PAPER_PAGES:
                raise PaperError(name, f"is damaged or too long (it says it has {declared:,}"
                                 f" pages; a paper for a pack may have {MAX_PAPER_PAGES:,})",
                                 damaged_hint)
            before = notes.cut_short
            count = len(reader.pages)
            if notes.cut_short != before:  # a page the parser could only read in part
                raise PaperError(name, "is damaged (a page cannot be read whole)",
                                 damaged_hint)
            if count == 0:
                raise PaperError(name, "is damaged (it has no pages)", damaged_hint)
            if count > MAX_PAPER_PAGES:
                raise PaperError(name, f"is damaged or too long (it has {count:,} pages; a"
                                 f" paper for a pack may have {MAX_PAPER_PAGES:,})",
                                 damaged_hint)
            size: tuple[float, float] = (0.0, 0.0)
            visited: set[tuple[int, int]] = set()  # objects shared by pages: once
            for index, page in enumerate(reader.pages):
                box = page.mediabox
                width, height = float(box.width), float(box.height)
                if width <= 0 or height <= 0:
                    raise PaperError(name, f"is damaged (page {index + 1} has no size)",
                                     damaged_hint)
                if index == 0:
                    size = (height, width) if page.rotation % 180 else (width, height)
                problem = _follow_references(page, visited, notes)
                if problem is not None:
                    number, what = problem
                    raise PaperError(name, f"is damaged (page {index + 1} refers to"
                                     f" object {number}, which {what})", damaged_hint)
                if not _contents_are_streams(page):
                    raise PaperError(name, f"is damaged (page {index + 1} has contents that"
                                     " are not a content stream)", damaged_hint)
            # Decompresses every stream, the pages' contents among them, once (ASCII85 is
            # slow to decode twice): a corrupt or cut-short stream fails here.
            _read_every_stream(reader)
    except PaperError:
        raise
    except FileNotDecryptedError:
        raise PaperError(name, "is encrypted (it needs a password to open)",
                         "ask its author for a copy without a password") from None
    except DAMAGE as exc:  # what the parser trips on in a malformed file
        detail = str(exc).strip().rstrip(".")[:200] or type(exc).__name__
        raise PaperError(name, f"is damaged (it cannot be read: {detail})",
                         damaged_hint) from None
    return PaperInfo(count, size)


#: The most pages a paper may have: more is a damaged page tree (the same page listed
#: over and over) or no paper for a committee; either way, copying it into a pack would
#: take minutes and gigabytes.
MAX_PAPER_PAGES = 5_000
#: The most a stream may inflate to (pypdf's own limit on what it decodes) and what all of
#: a paper's streams may inflate to together: a decompression bomb (a few megabytes that
#: inflate to gigabytes) is refused when the limit is reached, not after.
MAX_STREAM_BYTES = 75_000_000
MAX_INFLATED_BYTES = 1_000_000_000


def _declared_pages(reader: PdfReader) -> int:
    """The page count the document's page tree states (before the tree is walked)."""
    try:
        count = reader.trailer["/Root"]["/Pages"]["/Count"]
        return int(count) if isinstance(count, int) else 0
    except DAMAGE:
        return 0


#: What pypdf raises on a malformed file (its own errors, and what its parsing of bad
#: objects runs into); any other exception is a fault in Decision Desk, not damage.
DAMAGE = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError,
          AssertionError, RecursionError, OverflowError, UnicodeError, zlib.error,
          struct.error, EOFError)


#: Keys that lead from a resource back up to the page tree or the document's structure
#: (not part of what draws the page; following them would walk the whole file).
_UPWARD_KEYS = frozenset({"/Parent", "/P", "/Pg", "/StructParent", "/StructParents"})


class _PypdfNotes(logging.Handler):
    """While open, pypdf's log is kept from the user's terminal (its repair notes are not
    the user's concern) and its notes are kept here instead, so that an object that was
    repaired by dropping what could not be parsed is seen as damage."""

    #: pypdf's notes (their unformatted text) on a dictionary cut short by what could not
    #: be parsed; it returns what it read so far (pypdf/generic/_data_structures.py).
    _CUT_SHORT = frozenset({"%(exception)r", "%(exception)s"})

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.cut_short = 0
        self._log = logging.getLogger("pypdf")
        self._saved: tuple[int, bool, list[logging.Handler]] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if (record.msg in self._CUT_SHORT
                and record.name.startswith("pypdf.generic")):
            self.cut_short += 1

    def __enter__(self) -> _PypdfNotes:
        log = self._log
        self._saved = (log.level, log.propagate, log.handlers[:])
        for handler in self._saved[2]:
            log.removeHandler(handler)
        log.addHandler(self)
        log.propagate = False  # nothing reaches the root logger's (the terminal's) handler
        log.setLevel(logging.WARNING)
        return self

    def __exit__(self, *exc_info: object) -> None:
        log = self._log
        log.removeHandler(self)
        if self._saved is not None:
            level, propagate, handlers = self._saved
            log.setLevel(level)
            log.propagate = propagate
            for handler in handlers:
                log.addHandler(handler)


def quiet_pypdf() -> _PypdfNotes:
    """A context in which pypdf's repair notes are kept from the user's terminal: for
    reading papers that passed :func:`check_paper` (a viewer repairs the same silently)."""
    return _PypdfNotes()


def _follow_references(page, visited: set[tuple[int, int]],
                       notes: _PypdfNotes) -> tuple[int, str] | None:
    """Resolve every object the page draws with: its /Contents and its /Resources (fonts,
    their descriptors and font files, XObjects and their own resources, patterns,
    shadings, ExtGState ...). The first that is missing or cannot be parsed is returned
    as (object number, "is missing" / "cannot be read"); objects in ``visited`` are not
    followed again (shared resources, and cycles)."""
    pending = [value for key, value in dict.items(page)
               if key in ("/Resources", "/Contents")]
    while pending:
        value = pending.pop()
        if isinstance(value, IndirectObject):
            ident = (value.idnum, value.generation)
            if ident in visited:
                continue
            visited.add(ident)
            before = notes.cut_short
            try:
                value = value.get_object()
            except DAMAGE:  # what cannot be parsed is damage
                return value.idnum, "cannot be read"
            if value is None or isinstance(value, NullObject):
                return ident[0], "is missing"
            if notes.cut_short != before:
                return ident[0], "cannot be read"
        if isinstance(value, dict):
            pending.extend(item for key, item in dict.items(value)
                           if key not in _UPWARD_KEYS)
        elif isinstance(value, list):
            pending.extend(value)
    return None


def _contents_are_streams(page) -> bool:
    """Whether the page's /Contents (already resolved) is a stream or an array of them (or
    absent: a blank page)."""
    contents = dict.get(page, "/Contents")
    if contents is None:
        return True
    contents = contents.get_object()
    items = contents if isinstance(contents, list) else [contents]
    return all(isinstance(item.get_object(), StreamObject) for item in items)


def _read_every_stream(reader) -> None:
    """Decode every stream in the file (fonts, images and forms as well as page
    contents). pypdf forgives a Flate stream whose data is corrupt, so those are inflated
    here as well (after any ASCII85 or hex encoding around them, as reportlab writes page
    contents): invalid compressed data is damage (a stream merely missing its end marker
    is tolerated, as viewers do)."""
    text_filters = {"/ASCII85Decode": ASCII85Decode, "/A85": ASCII85Decode,
                    "/ASCIIHexDecode": ASCIIHexDecode, "/AHx": ASCIIHexDecode}
    # Every generation: a page's contents may be an object an update of the file revised.
    refs = [(n, gen) for gen, objs in reader.xref.items() if gen != 65535 for n in objs]
    inflated = 0
    for number, gen in [*refs, *((n, 0) for n in reader.xref_objStm)]:
        obj = reader.get_object(IndirectObject(number, gen, reader))
        if not isinstance(obj, StreamObject):
            continue
        filters = obj.get("/Filter")
        filters = filters.get_object() if filters is not None else None
        names = [filters] if isinstance(filters, str) else list(filters or ())
        flate = (bool(names) and names[-1] in ("/FlateDecode", "/Fl")
                 and all(name in text_filters for name in names[:-1]))
        if flate:
            data = obj._data
            for name in names[:-1]:
                data = text_filters[name].decode(data)
            try:
                size = len(zlib.decompressobj().decompress(data, MAX_STREAM_BYTES + 1))
            except zlib.error as exc:
                raise ValueError(f"object {number} holds corrupt compressed data"
                                 f" ({exc})") from None
            _count_inflated(number, size, inflated)
            inflated += size
            if len(names) > 1 and "/DecodeParms" not in obj and "/DP" not in obj:
                continue  # every filter has just been applied (ASCII85 is slow to repeat)
        decoded = obj.get_data()
        if not flate:
            _count_inflated(number, len(decoded), inflated)
            inflated += len(decoded)


def _count_inflated(number: int, size: int, before: int) -> None:
    """Refuse a stream inflating past :data:`MAX_STREAM_BYTES`, or taking all the
    streams so far past :data:`MAX_INFLATED_BYTES`."""
    limit = MAX_STREAM_BYTES if size > MAX_STREAM_BYTES else (
        MAX_INFLATED_BYTES if before + size > MAX_INFLATED_BYTES else None)
    if limit is not None:
        raise ValueError(f"object {number} inflates to more than {limit // 1_000_000:,} MB"
                         f"{'' if limit == MAX_STREAM_BYTES else ' with the streams before it'}"
                         " (a decompression bomb)")


def _opens_without_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except (*DAMAGE, NotImplementedError):  # an encryption pypdf cannot handle
        return False


# --- active content ---------------------------------------------------------------------

#: Actions a paper may keep: going to a place in it, an ordinary web or e-mail link, a
#: viewer's own command (next page), showing or hiding a layer.
_SAFE_ACTIONS = frozenset({"/GoTo", "/URI", "/Named", "/Thread", "/SetOCGState", "/Trans",
                           "/Hide"})
_SAFE_SCHEMES = ("http:", "https:", "mailto:")
#: What the clerk is told, by action type.
_ACTION_WORDS = {
    "/JavaScript": "JavaScript action", "/Launch": "Launch action (starts a program)",
    "/SubmitForm": "SubmitForm action (sends form data away)",
    "/ImportData": "ImportData action (reads in another file)",
    "/URI": "other link (neither a web nor an e-mail address)",
    "/GoToR": "remote link (into another file)", "/GoToE": "embedded-file link",
    "/Rendition": "media action", "/RichMediaExecute": "rich media action",
    "/Movie": "movie action", "/Sound": "sound action",
}
_ANNOTATION_WORDS = {
    "/FileAttachment": "attached file", "/RichMedia": "rich media annotation (Flash or video)",
    "/Screen": "media player", "/Movie": "movie", "/Sound": "sound", "/3D": "3D model",
}
#: Direct nesting (arrays and dictionaries inside one another) beyond which a paper is
#: taken as damaged: real files nest a few levels; copying one nested thousands of levels
#: deep into a pack would exhaust the interpreter's stack.
MAX_NESTING = 100


def _action_kind(action: Any) -> str | None:
    """None when ``action`` may stay; else its type (what to tell the clerk)."""
    action = action.get_object() if isinstance(action, IndirectObject) else action
    if isinstance(action, ArrayObject):  # an /OpenAction that is a destination
        return None
    if not isinstance(action, DictionaryObject):
        return "/Unknown"
    kind = str(action.get("/S", "/Unknown"))
    if kind == "/URI":
        target = str(action.get("/URI", "")).strip().lower()
        return None if target.startswith(_SAFE_SCHEMES) else kind
    return None if kind in _SAFE_ACTIONS else kind


def strip_active_content(writer: PdfWriter, name: str) -> Counter[str]:
    """Remove every piece of active content from ``writer``'s document, in place: scripts
    (document, page, annotation, form field and bookmark actions, chained ``/Next``
    actions too), Launch, SubmitForm and ImportData actions, every set of additional
    actions (``/AA``: run when a page, a field or the document opens or closes), links
    that are not web or e-mail addresses, embedded and attached files, rich media and
    XFA forms; ordinary web, e-mail and internal links stay. Objects left unreferenced
    go too. Returns what was removed (words -> how many); raises :class:`PaperError` for
    objects nested deeper than :data:`MAX_NESTING` (damage)."""
    removed: Counter[str] = Counter()
    root = writer._root_object
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        for key, words in (("/JavaScript", "document-level script"),
                           ("/EmbeddedFiles", "embedded file")):
            if key in names:
                del names[key]
                removed[words] += 1
    form = root.get("/AcroForm")
    if form is not None and "/XFA" in form.get_object():
        del form.get_object()["/XFA"]
        removed["XFA form (can hold scripts)"] += 1
    for key in ("/Collection", "/JavaScript"):
        if key in root:
            del root[key]
            removed["portfolio" if key == "/Collection" else "document-level script"] += 1

    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        obj, depth = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj, depth = obj.get_object(), 0
        if depth > MAX_NESTING:
            raise PaperError(name, f"is damaged (its objects are nested more than"
                             f" {MAX_NESTING} deep)", "produce the PDF again from the"
                             " program that made it and attach that")
        if isinstance(obj, DictionaryObject):
            _strip_dictionary(obj, removed)
            stack.extend((value, depth + 1) for key, value in obj.items()
                         if key not in ("/Parent", "/P"))
        elif isinstance(obj, ArrayObject):
            stack.extend((value, depth + 1) for value in obj)
    if removed:
        _drop_unreferenced(writer)
    return removed


def _strip_dictionary(obj: DictionaryObject, removed: Counter[str]) -> None:
    if "/AA" in obj:
        del obj["/AA"]
        removed["trigger (additional actions, run when a page, a field or the document"
                " opens or closes)"] += 1
    for key in ("/A", "/OpenAction", "/PA"):
        if key == "/A" and obj.get("/Type") == "/StructElem":
            continue  # a structure element's /A is its attributes (a table header's scope)
        if key in obj:
            kind = _action_kind(obj[key])
            if kind is not None:
                del obj[key]
                removed[_ACTION_WORDS.get(kind, f"{kind[1:]} action")] += 1
    if "/S" in obj and "/Next" in obj:  # an action that kept: the actions it chains to
        chained = obj["/Next"].get_object()
        actions = list(chained) if isinstance(chained, ArrayObject) else [obj["/Next"]]
        keep = []
        for action in actions:
            kind = _action_kind(action)
            if kind is None:
                keep.append(action)
            else:
                removed[_ACTION_WORDS.get(kind, f"{kind[1:]} action")] += 1
        if not keep:
            del obj["/Next"]
        elif len(keep) != len(actions):
            obj[NameObject("/Next")] = ArrayObject(keep)
    if "/Annots" in obj:
        annotations = obj["/Annots"].get_object()
        if isinstance(annotations, ArrayObject):
            keep = ArrayObject()
            for annotation in annotations:
                subtype = str(annotation.get_object().get("/Subtype", "")) \
                    if isinstance(annotation.get_object(), DictionaryObject) else ""
                if subtype in _ANNOTATION_WORDS:
                    removed[_ANNOTATION_WORDS[subtype]] += 1
                else:
                    keep.append(annotation)
            if len(keep) != len(annotations):
                obj[NameObject("/Annots")] = keep


def _drop_unreferenced(writer: PdfWriter) -> None:
    """Forget the objects no longer reachable from the document (the scripts, files and
    actions just cut loose), so that they are not written."""
    reachable: set[int] = set()
    stack: list[Any] = [writer._root_object.indirect_reference]
    if writer._info is not None:
        stack.append(writer._info.indirect_reference)
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.pdf is not writer or obj.idnum in reachable:
                continue
            reachable.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, dict):
            stack.extend(obj.values())
        elif isinstance(obj, list):
            stack.extend(obj)
    for index in range(len(writer._objects)):
        if index + 1 not in reachable:
            writer._objects[index] = None


def removed_words(removed: Counter[str]) -> tuple[str, ...]:
    """``("3 JavaScript actions", "1 Launch action (starts a program)")``."""
    def plural(words: str, count: int) -> str:
        head, _, tail = words.partition(" (")
        return f"{count} {head}{'s' if count != 1 else ''}" + (f" ({tail}" if tail else "")

    return tuple(plural(words, count) for words, count in sorted(removed.items()))


def clean_paper(content: bytes, name: str) -> CleanedPaper:
    """``content`` without its active content (see :func:`strip_active_content`), and
    what was removed; the same bytes when there was none. The paper has passed
    :func:`check_paper`."""
    with warnings.catch_warnings(), _PypdfNotes():
        warnings.simplefilter("ignore")
        try:
            writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content), strict=False))
        except DAMAGE as exc:
            raise PaperError(name, f"is damaged (it cannot be read: {exc})") from None
        removed = strip_active_content(writer, name)
        if not removed:
            return CleanedPaper(content, ())
        out = io.BytesIO()
        writer.write(out)
    return CleanedPaper(out.getvalue(), removed_words(removed))
