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

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError
from pypdf.filters import ASCII85Decode, ASCIIHexDecode
from pypdf.generic import IndirectObject, NullObject, StreamObject

from governance.papers import PaperError, PaperInfo, refuse_what_is_not_a_pdf

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
            count = len(reader.pages)
            if count == 0:
                raise PaperError(name, "is damaged (it has no pages)", damaged_hint)
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
    for number, gen in [*refs, *((n, 0) for n in reader.xref_objStm)]:
        obj = reader.get_object(IndirectObject(number, gen, reader))
        if not isinstance(obj, StreamObject):
            continue
        filters = obj.get("/Filter")
        filters = filters.get_object() if filters is not None else None
        names = [filters] if isinstance(filters, str) else list(filters or ())
        if (names and names[-1] in ("/FlateDecode", "/Fl")
                and all(name in text_filters for name in names[:-1])):
            data = obj._data
            for name in names[:-1]:
                data = text_filters[name].decode(data)
            try:
                zlib.decompressobj().decompress(data)
            except zlib.error as exc:
                raise ValueError(f"object {number} holds corrupt compressed data"
                                 f" ({exc})") from None
            if len(names) > 1 and "/DecodeParms" not in obj and "/DP" not in obj:
                continue  # every filter has just been applied (ASCII85 is slow to repeat)
        obj.get_data()


def _opens_without_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except (*DAMAGE, NotImplementedError):  # an encryption pypdf cannot handle
        return False
