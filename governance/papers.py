"""Checking a paper before it is attached to an agenda item.

A paper must be a PDF that opens without a password and whose every page can be read:
the agenda pack is built from it days later, usually against a deadline, and a paper
that fails then is much harder to chase than one refused when it was attached.

``check_paper(content, name)`` returns what the pack needs to know (the page count)
or raises :class:`PaperError` naming the file and the reason, with what to do.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass

from governance.errors import UserError

#: The largest paper accepted (the interchange format's limit for any file).
MAX_PAPER_BYTES = 200 * 1024 * 1024

#: A PDF's header must be in its first 1024 bytes (ISO 32000-1, 7.5.2 and Annex H).
HEADER_WINDOW = 1024

#: What other files the clerk is most likely to have picked, by their first bytes.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (a Word .docx, Excel .xlsx or PowerPoint .pptx file"
                    " is one)", "save it as PDF (File > Save As > PDF) and attach that"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office document (.doc, .xls or .ppt)",
     "save it as PDF (File > Save As > PDF) and attach that"),
    (b"\x89PNG", "a PNG image", "put it in a PDF (print it to PDF) and attach that"),
    (b"\xff\xd8\xff", "a JPEG image", "put it in a PDF (print it to PDF) and attach that"),
    (b"GIF8", "a GIF image", "put it in a PDF (print it to PDF) and attach that"),
    (b"{\\rtf", "a Rich Text (.rtf) document", "save it as PDF and attach that"),
    (b"<!DOCTYPE html", "a web page", "print it to PDF and attach that"),
    (b"<html", "a web page", "print it to PDF and attach that"),
)


class PaperError(UserError):
    """A paper that cannot go into an agenda pack. ``reason`` reads after the file name
    ("is encrypted ..."); ``hint`` says what to do."""

    def __init__(self, name: str, reason: str, hint: str | None = None):
        self.name = name
        self.reason = reason
        self.hint = hint
        text = f"{name!r} {reason}"
        super().__init__(f"{text}: {hint}" if hint else text)


@dataclass(frozen=True)
class PaperInfo:
    pages: int
    #: Size of the first page in points (width, height), as displayed (after /Rotate).
    first_page_size: tuple[float, float]


def _what_it_is(content: bytes) -> tuple[str | None, str]:
    head = content[:64]
    for magic, what, hint in _SIGNATURES:
        if head.lstrip().lower().startswith(magic.lower()):
            return what, hint
    return None, "attach the PDF version of the paper"


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
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    if not content:
        raise PaperError(name, "is empty (0 bytes)", "attach the PDF again")
    if b"%PDF-" not in content[:HEADER_WINDOW]:
        what, hint = _what_it_is(content)
        reason = f"is not a PDF file: it is {what}" if what else "is not a PDF file"
        raise PaperError(name, reason, hint)
    damaged_hint = ("produce the PDF again from the program that made it (Save As or"
                    " Export to PDF, not a copy of the file) and attach that")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pypdf_log = logging.getLogger("pypdf")
            level = pypdf_log.level
            pypdf_log.setLevel(logging.CRITICAL)  # its repair notes are not the user's concern
            try:
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
                for index, page in enumerate(reader.pages):
                    box = page.mediabox
                    width, height = float(box.width), float(box.height)
                    if width <= 0 or height <= 0:
                        raise PaperError(name, f"is damaged (page {index + 1} has no size)",
                                         damaged_hint)
                    if index == 0:
                        size = (height, width) if page.rotation % 180 else (width, height)
                    contents = page.get_contents()
                    if contents is not None:
                        contents.get_data()  # decompresses: a truncated stream fails here
                _read_every_stream(reader)
            finally:
                pypdf_log.setLevel(level)
    except PaperError:
        raise
    except FileNotDecryptedError:
        raise PaperError(name, "is encrypted (it needs a password to open)",
                         "ask its author for a copy without a password") from None
    except Exception as exc:  # noqa: BLE001 - whatever the parser trips on, the file is damaged
        detail = str(exc).strip().rstrip(".")[:200] or type(exc).__name__
        raise PaperError(name, f"is damaged (it cannot be read: {detail})",
                         damaged_hint) from None
    return PaperInfo(count, size)


def _read_every_stream(reader) -> None:
    """Decode every stream in the file (fonts, images and forms as well as page
    contents). pypdf forgives a Flate stream whose data is corrupt, so those are inflated
    here as well: invalid compressed data is damage (a stream merely missing its end
    marker is tolerated, as viewers do)."""
    import zlib

    from pypdf.generic import StreamObject

    numbers = [n for gen, objs in reader.xref.items() if gen == 0 for n in objs]
    for number in [*numbers, *reader.xref_objStm]:
        obj = reader.get_object(number)
        if not isinstance(obj, StreamObject):
            continue
        filters = obj.get("/Filter")
        if filters is not None and not isinstance(filters, str):
            filters = filters[0] if len(filters) == 1 else None
        if filters == "/FlateDecode":
            try:
                zlib.decompressobj().decompress(obj._data)
            except zlib.error as exc:
                raise ValueError(f"object {number} holds corrupt compressed data"
                                 f" ({exc})") from None
        obj.get_data()


def _opens_without_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - an encryption pypdf cannot handle needs a password
        return False
