"""The demo register's papers: the reports, minutes and appendices of the 2019 and 2023
Adult Social Care Cabinet Committee packs, laid out again from their published text.

The project keeps the text of each published paper (``templates/demo/papers/``) with the number
of pages it had in the real pack; :func:`paper_pdf` lays that text out on exactly that
many A4 pages, so that the demo's packs come out with the page ranges the real front
sheets printed (the 2023 pack: 282 numbered pages, "Minutes ... (Pages 1 - 8)" to
"Work Programme (Pages 279 - 282)"). Only the layout is new; the words are the papers'.
The 2019 pack never printed its two exempt appendices; their stand-ins say so.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from governance.ports import DemoPaper as Paper
from templates.agenda_pdf import FONT, FONT_BOLD, register_fonts

COMMITTEE = "Adult Social Care Cabinet Committee"
AUTHOR = "Kent County Council"
#: A line holding only this is a page break the published paper had.
PAGE_BREAK = "\f"
MARGIN = 56  # points: 2 cm
#: Font sizes tried, largest first, until the fullest page of a paper fits.
SIZES = (10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6, 5.5, 5, 4.5, 4)
#: The smallest size kept when laying a paper out on its published page breaks.
READABLE = 7


@dataclass(frozen=True)
class DemoPaper:
    meeting: dt.date
    item: str
    file_name: str
    title: str
    pages: int
    exempt_paragraph: int | None
    landscape: bool

    @property
    def text(self) -> str:
        folder = resources.files("templates").joinpath("demo/papers", self.meeting.isoformat())
        return folder.joinpath(self.file_name.removesuffix(".pdf") + ".txt").read_text(
            encoding="utf-8")


@functools.cache
def demo_papers() -> tuple[DemoPaper, ...]:
    """Every paper of the demo meetings, meeting by meeting in agenda order."""
    manifest = json.loads(resources.files("templates").joinpath("demo/papers/papers.json")
                          .read_text(encoding="utf-8"))
    return tuple(
        DemoPaper(dt.date.fromisoformat(date), str(p["item"]), p["file"], p["title"],
                  int(p["pages"]), p.get("exempt_paragraph"), bool(p.get("landscape")))
        for date, papers in manifest.items() for p in papers)


def papers_of(meeting: dt.date) -> tuple[DemoPaper, ...]:
    return tuple(p for p in demo_papers() if p.meeting == meeting)


# --- layout ----------------------------------------------------------------------------

def _segments(text: str) -> list[list[str]]:
    """The paper's paragraphs, in runs between the page breaks it had."""
    runs: list[list[str]] = [[]]
    for block in text.replace("\r\n", "\n").split("\n"):
        if block.strip(" \t") == PAGE_BREAK:
            runs.append([])
        else:
            runs[-1].append(block.rstrip())
    return [run for run in runs if any(line.strip() for line in run)] or [[""]]


def _share(weights: list[int], pages: int) -> list[int]:
    """``pages`` shared among runs in proportion to their weight, each run at least one
    page (largest remainders; a run never gets more pages than it has lines)."""
    if len(weights) > pages:
        raise ValueError(f"{len(weights)} page breaks do not fit in {pages} pages")
    shares = [1] * len(weights)
    total = sum(weights) or 1
    spare = pages - len(weights)
    ideal = [w / total * pages - 1 for w in weights]
    for _ in range(spare):
        i = max(range(len(weights)), key=lambda k: (ideal[k] - (shares[k] - 1), -k))
        shares[i] += 1
    return shares


def _fit(glyphs: Any, text: str) -> str:
    """The text with characters the font has no glyph for replaced (Word's private-use
    bullets become a bullet; anything else a space)."""
    cmap = glyphs.face.charToGlyph
    out = []
    for ch in text:
        if ch == "\t":
            out.append("    ")
        elif ord(ch) in cmap or ch in " \n":
            out.append(ch)
        else:
            out.append("\u2022" if 0xE000 <= ord(ch) <= 0xF8FF else " ")
    return "".join(out)


def _wrap(run: list[str], size: float, width: float) -> list[tuple[str, bool]]:
    """Display lines (text, bold) of a run at a font size: a paragraph wraps at the
    width; a short line in capitals (a heading) is bold."""
    lines: list[tuple[str, bool]] = []
    for para in run:
        if not para.strip():
            lines.append(("", False))
            continue
        bold = len(para) < 90 and para.strip().upper() == para.strip() and any(
            c.isalpha() for c in para)
        font = FONT_BOLD if bold else FONT
        indent = len(para) - len(para.lstrip(" "))
        for piece in simpleSplit(para.strip(), font, size, width - indent * size * 0.5):
            lines.append((" " * indent + piece, bold))
    return lines


def _pages_of(run: list[str], pages: int, width: float, height: float
              ) -> tuple[float, list[list[tuple[str, bool]]]]:
    """A run's display lines dealt over ``pages`` pages, at the largest size that fits."""
    for size in SIZES:
        lines = _wrap(run, size, width)
        while lines and not lines[-1][0]:
            lines.pop()
        per_page = -(-len(lines) // pages) if lines else 0
        if per_page * size * 1.25 <= height or size == SIZES[-1]:
            break
    capacity = max(1, int(height // (size * 1.25)))
    return size, _deal(lines, pages, capacity)


def _deal(lines: list[tuple[str, bool]], pages: int, capacity: int
          ) -> list[list[tuple[str, bool]]]:
    """Lines over exactly ``pages`` pages, about evenly, a page ending at a paragraph's
    end where one is near (and the rest still fits); nothing is ever dropped."""
    dealt: list[list[tuple[str, bool]]] = []
    start = 0
    for k in range(pages):
        left = pages - k
        while start < len(lines) and not lines[start][0]:
            start += 1  # no page starts with a blank line
        if left == 1:
            dealt.append(lines[start:])
            break
        target = min(capacity, -(-(len(lines) - start) // left))
        end = start + target
        for j in range(end, start + max(1, 2 * target // 3) - 1, -1):
            if j < len(lines) and not lines[j][0] and len(lines) - j <= capacity * (left - 1):
                end = j
                break
        dealt.append(lines[start:end])
        start = end
    return dealt


def _lay_out(runs: list[list[str]], pages: int, width: float, height: float
             ) -> list[tuple[float, list[list[tuple[str, bool]]]]]:
    shares = _share([max(1, len(_wrap(run, 9, width))) for run in runs], pages)
    return [_pages_of(run, share, width, height)
            for run, share in zip(runs, shares, strict=True)]


def paper_pdf(paper: DemoPaper) -> bytes:
    """The paper as a PDF of exactly ``paper.pages`` pages (the same bytes every time)."""
    return _paper_pdf(paper.text, paper.pages, paper.title, paper.landscape)


@functools.lru_cache(maxsize=64)
def _paper_pdf(text: str, pages: int, title: str, landscape_pages: bool) -> bytes:
    register_fonts()
    glyphs = pdfmetrics.getFont(FONT)
    size_page = landscape(A4) if landscape_pages else A4
    width, height = size_page[0] - 2 * MARGIN, size_page[1] - 2 * MARGIN
    runs = [[_fit(glyphs, line) for line in run] for run in _segments(text)]
    laid = _lay_out(runs, pages, width, height)
    if len(runs) > 1 and min(size for size, _ in laid) < READABLE:
        # The published page breaks crowd a page (a table printed a cell to a line):
        # deal the whole paper over its pages instead.
        laid = _lay_out([[line for run in runs for line in [*run, ""]]], pages, width, height)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size_page, invariant=1, initialFontName=FONT)
    c.setTitle(title)
    c.setAuthor(AUTHOR)
    c.setSubject("Demo register: the published paper's text, laid out again")
    c.setKeywords("lang=en-GB")
    for size, dealt in laid:
        for page_lines in dealt:
            y = size_page[1] - MARGIN - size
            for line, bold in page_lines:
                c.setFont(FONT_BOLD if bold else FONT, size)
                c.drawString(MARGIN, y, line)
                y -= size * 1.25
            c.showPage()
    c.save()
    return out.getvalue()


def laid_out() -> list[Paper]:
    """Every demo paper laid out, with where it goes: what ``demo`` attaches."""
    return [Paper(COMMITTEE, p.meeting, p.item, p.file_name, p.title, p.exempt_paragraph,
                  paper_pdf(p)) for p in demo_papers()]
