"""The text of a PDF as a reader sees it, read with PDFium (pypdfium2, a dependency of the
app), so the tests read the same text on every machine, with or without poppler-utils.

PDFium gives the text in the order it was drawn, which is the reading order of the body of
our documents, but a running header or footer is drawn whenever the page is started. A
reader (and pdftotext) takes what sits in the top margin first and what sits in the bottom
margin last, so the runs of text are put in that order."""

from __future__ import annotations

import pypdfium2 as pdfium

#: Text wholly within this distance (points) of the top or bottom edge is page furniture.
MARGIN = 42.0


def _page_text(page: pdfium.PdfPage) -> str:
    height = page.get_height()
    text = page.get_textpage()
    try:
        everything = text.get_text_range()
        parts: dict[str, list[str]] = {"top": [], "body": [], "bottom": []}
        where = "body"
        for i, char in enumerate(everything):
            low, high = text.get_charbox(i)[1::2]
            if high > low:  # a drawn character (PDFium's own line breaks have no box)
                where = "bottom" if high < MARGIN else "top" if low > height - MARGIN \
                    else "body"
            parts[where].append(char)
    finally:
        text.close()
    # PDFium ends a line with CR LF, and reads a hyphen at the end of a line as U+FFFE (or
    # U+0002), joining the lines: it is a hyphen, then the line's end, as drawn.
    read = "\n".join("".join(parts[k]) for k in ("top", "body", "bottom"))
    return read.replace("\r\n", "\n").replace("\ufffe", "-\n").replace("\x02", "-\n")


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text: what is in the top margin, the body, what is in the bottom one."""
    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in document:
            pages.append(_page_text(page))
            page.close()
        return pages
    finally:
        document.close()


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))
