"""What the register asks of a paper before it is attached to an agenda item: a PDF that
opens without a password and whose every page can be read (the pack is built from it
days later, usually against a deadline, and a paper that fails then is much harder to
chase than one refused when it was attached).

The reading itself is the documents adapter's (``Documents.check_paper``: PDF parsing is
no business of the core); what a refusal is and what a sound paper tells the pack are
here.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.errors import UserError

#: The largest paper accepted (the interchange format's limit for any file).
MAX_PAPER_BYTES = 200 * 1024 * 1024


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


@dataclass(frozen=True)
class CleanedPaper:
    """A paper without its active content (scripts, actions that start programs or send
    data, embedded files ...), and what was removed, in words ("2 JavaScript actions");
    ``removed`` is empty (and ``content`` the bytes given) when there was none."""

    content: bytes
    removed: tuple[str, ...] = ()

    def removal_note(self, name: str) -> str:
        """The sentence that tells the clerk, or "" when nothing was removed."""
        if not self.removed:
            return ""
        return (f"Removed from {name!r} what a published paper must not carry:"
                f" {', '.join(self.removed)}.")


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


def _what_it_is(content: bytes) -> tuple[str | None, str]:
    head = content[:64]
    for magic, what, hint in _SIGNATURES:
        if head.lstrip().lower().startswith(magic.lower()):
            return what, hint
    return None, "attach the PDF version of the paper"


def refuse_what_is_not_a_pdf(content: bytes, name: str) -> None:
    """Refuse an empty file, or one that is not a PDF at all, saying what the clerk most
    likely picked instead (a Word file, an image) and what to do."""
    if not content:
        raise PaperError(name, "is empty (0 bytes)", "attach the PDF again")
    if b"%PDF-" not in content[:HEADER_WINDOW]:
        what, hint = _what_it_is(content)
        reason = f"is not a PDF file: it is {what}" if what else "is not a PDF file"
        raise PaperError(name, reason, hint)
