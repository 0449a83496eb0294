"""Made-up papers of any length, for tests and benchmarks of the pack (the demo
register's own papers are in :mod:`templates.demo_papers`). Every page says which paper
and page it is, so a test can find it in an assembled pack."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from templates.agenda_pdf import FONT, FONT_BOLD, register_fonts

ASC = "Adult Social Care Cabinet Committee"
MEETING_2023 = dt.date(2023, 11, 23)
MEETING_2019 = dt.date(2019, 3, 12)

_FILLER = (
    "The Adult Social Care Cabinet Committee is asked to CONSIDER and ENDORSE or make"
    " RECOMMENDATIONS to the Cabinet Member on the proposed decision. The report sets out"
    " the background, the options considered, the financial, legal and equalities"
    " implications and the consultation undertaken with partners and residents across"
    " the twelve districts of Kent."
)


def marker(file_name: str, page: int, pages: int) -> str:
    """The line each sample page carries: ``minutes-2023-09-13.pdf page 3 of 7``."""
    return f"{file_name} page {page} of {pages}"


def sample_paper(file_name: str, pages: int, heading: str = "",
                 landscape_pages: bool = False, lines_per_page: int = 34) -> bytes:
    """A PDF of ``pages`` A4 pages of report-like text, each marked with
    :func:`marker` (so ``pages`` is checkable in the pack)."""
    register_fonts()
    size = landscape(A4) if landscape_pages else A4
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size, invariant=1, initialFontName=FONT)
    width, height = size
    words = _FILLER.split()
    for page in range(1, pages + 1):
        c.setFont(FONT_BOLD, 13)
        c.drawString(56, height - 64, heading or file_name)
        c.setFont(FONT, 10)
        c.drawString(56, height - 82, marker(file_name, page, pages))
        y = height - 110
        for line in range(lines_per_page):
            start = (page * 7 + line * 11) % len(words)
            text = " ".join((words * 2)[start:start + (17 if landscape_pages else 11)])
            c.drawString(56, y, f"{page}.{line + 1} {text}")
            y -= 15
            if y < 60:
                break
        c.showPage()
    c.save()
    return out.getvalue()
