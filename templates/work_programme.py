"""A committee's Work Programme as tagged PDF and Word, laid out as Kent's papers are
("ADULT SOCIAL CARE CABINET COMMITTEE WORK PROGRAMME 2023/24"): a table of the items the
committee receives at every meeting or on a cycle ("Item | Committee to receive item":
"Standing Item", "Sep 23, Nov 23, Mar 24, May 24", "Annually (November)"); each future
meeting headed with its date and time ("18 JANUARY 2024 at 2.00 pm") over its numbered
items; then the items for consideration not yet allocated to a meeting, with who
suggested them and when. The words are the house style's (``work_programme``).

With ``"layout": "grid"`` in the house style it is laid out as Kent's 2019/20 paper
("Adult Social Care Cabinet Committee - Work Programme 2019/20"): one grid, a row a meeting
("17-May-19") and a column for each kind of item (Key Decisions, Commissioning
Items/Contract Monitoring, Developing Issues, Members' interests/suggestions, Standing
Items), then "Future items" with who suggested each.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from governance.agenda import clock_time
from governance.programme import ProgrammeItem, RegularItem, WorkProgramme
from templates.agenda_pdf import FONT
from templates.pdf_particulars import council_and_title, particular_styles
from templates.pdf_tagged import StructNode, Tagged, Tagger
from templates.record import DocumentInfo
from templates.record_pdf import WIDTH, _render, _styles
from templates.style import long_date
from templates.word_document import finished, started


@dataclass(frozen=True)
class Block:
    """A heading (None: none) over a table (its header row, if any, then its rows)."""

    heading: str | None
    header: tuple[str, ...] | None
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None
    #: The columns' shares of the width, where not the usual ones.
    widths: tuple[float, ...] | None = None


@dataclass(frozen=True)
class ProgrammeDocument:
    council: str
    title: str
    blocks: tuple[Block, ...]
    updated: str
    footer: str
    info: DocumentInfo


def _when(r: RegularItem, first_year: int, words: dict[str, Any]) -> str:
    if len(r.months) == 1:
        return words["annually"].format(month=calendar.month_name[r.months[0]])
    return ", ".join(f"{calendar.month_abbr[m]} {(first_year + (m < 6)) % 100:02d}"
                     for m in r.months)


def _note(item: ProgrammeItem, words: dict[str, Any]) -> str:
    if item.kind == "standing":
        return words["standing"]
    if item.kind == "decision":
        return words["key_decision"] if item.key else words["decision"]
    return ""


def _heading(when, time: str | None, words: dict[str, Any]) -> str:
    date = long_date(when).upper()
    return words["meeting"].format(date=date, time=clock_time(time)) if time else date


def programme_document(p: WorkProgramme, style: dict[str, Any]) -> ProgrammeDocument:
    words = style["work_programme"]
    if words.get("layout") == "grid":
        return grid_document(p, style)
    council = style["council_name"]
    title = words["title"].format(committee=p.committee, year=p.year)
    blocks = [Block(None, tuple(words["receive_heading"]),
                    tuple((t, words["standing"]) for t in p.standing)
                    + tuple((r.title, _when(r, p.first_year, words)) for r in p.regular))]
    for m in p.meetings:
        blocks.append(Block(_heading(m.date, m.time, words), None,
                            tuple((i.number, i.title, _note(i, words)) for i in m.items),
                            words["from_agenda"] if m.from_agenda else None))
    if not p.meetings:
        blocks.append(Block(None, None, (), words["no_meetings"]))
    unallocated = tuple(
        (s.title, (words["suggested_by"].format(by=s.by, date=long_date(s.on)) if s.by
                   else words["suggested"].format(date=long_date(s.on))))
        for s in p.unallocated)
    blocks.append(Block(words["unallocated"].upper(), None, unallocated,
                        None if unallocated else words["none_unallocated"]))
    info = DocumentInfo(title, council, f"{p.committee}: work programme {p.year}", "en-GB",
                        "Work Programme; committee")
    return ProgrammeDocument(council, title.upper(), tuple(blocks),
                             words["updated"].format(date=long_date(p.updated_on)),
                             words["footer"], info)


#: The grid's columns after the meeting's date, by what an item is (house style's order).
GRID_COLUMNS = ("key_decisions", "commissioning", "developing", "members", "standing")


def _column(item: ProgrammeItem) -> str:
    """Where the 2019/20 grid puts an item: a key decision under Key Decisions, a decision
    that is not key and an item on a cycle (a dashboard, a monitoring report) under
    Commissioning Items/Contract Monitoring, an item a Member suggested under Members'
    interests/suggestions, a standing item under Standing Items, any other under
    Developing Issues."""
    if item.kind == "standing":
        return "standing"
    if item.suggestion is not None:
        return "members"
    if item.kind == "decision":
        return "key_decisions" if item.key else "commissioning"
    return "commissioning" if item.kind == "regular" else "developing"


def _grid_title(item: ProgrammeItem, year: str) -> str:
    """An item as the grid prints it: with who suggested it; the Work Programme with its
    year ("Work Programme 2019/20")."""
    if item.kind == "standing" and item.title == "Work Programme":
        return f"{item.title} {year}"
    by = item.suggestion.by if item.suggestion else None
    return f"{item.title} ({by})" if by else item.title


def _procedural(item: ProgrammeItem, leave_out: list[str]) -> bool:
    """A standing item the grid leaves out (the house style's ``leave_out``: titles it
    starts with, such as "Apologies")."""
    return item.kind == "standing" and any(
        item.title.casefold().startswith(w.casefold()) for w in leave_out)


def grid_date(day: dt.date) -> str:
    """A meeting's date as the 2019/20 grid prints it: "17-May-19"."""
    return f"{day.day}-{calendar.month_abbr[day.month]}-{day:%y}"


def grid_document(p: WorkProgramme, style: dict[str, Any]) -> ProgrammeDocument:
    """The programme as Kent's 2019/20 grid."""
    words = style["work_programme"]
    grid = words["grid"]
    council = style["council_name"]
    title = grid["title"].format(committee=p.committee, year=p.year)
    rows = []
    for m in p.meetings:
        cells: dict[str, list[str]] = {key: [] for key in GRID_COLUMNS}
        for item in m.items:
            if not _procedural(item, grid.get("leave_out", [])):
                cells[_column(item)].append(_grid_title(item, p.year))
        rows.append((grid_date(m.date), *("\n".join(cells[k]) for k in GRID_COLUMNS)))
    blocks = [Block(None, tuple(grid["columns"]), tuple(rows),
                    None if rows else words["no_meetings"])]
    future = tuple((grid["future_items"] if i == 0 else "",
                    f"{s.title} ({s.by})" if s.by else s.title)
                   for i, s in enumerate(p.unallocated))
    if future:
        blocks.append(Block(None, None, future, widths=(0.2, 0.8)))
    info = DocumentInfo(title, council, f"{p.committee}: work programme {p.year}", "en-GB",
                        "Work Programme; committee")
    return ProgrammeDocument(council, title, tuple(blocks),
                             words["updated"].format(date=long_date(p.updated_on)),
                             words["footer"], info)


# --- PDF ---------------------------------------------------------------------------------------


def _widths(columns: int) -> list[float]:
    if columns == 2:
        return [WIDTH * 0.62, WIDTH * 0.38]
    if columns == 3:
        return [WIDTH * 0.07, WIDTH * 0.63, WIDTH * 0.30]
    first = WIDTH * 0.115  # the grid: the meeting's date, then its columns
    return [first] + [(WIDTH - first) / (columns - 1)] * (columns - 1)


def _cell(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.split("\n"))


def _grid(tagger: Tagger, parent: StructNode, block: Block, label: ParagraphStyle,
          value: ParagraphStyle) -> Table:
    table = parent.child("Table")
    cells, data = [], []
    narrow = len(block.header or block.rows[0]) > 3  # the 2019/20 grid: six columns
    if narrow:
        label = ParagraphStyle("grid_label", label, fontSize=8.5, leading=10.5)
        value = ParagraphStyle("grid_value", value, fontSize=8.5, leading=10.5)
    if block.header:
        row = table.child("TR")
        cells.append([row.child("TH", attrs={"O": "Table", "Scope": "Column"})
                      for _ in block.header])
        # "interests/suggestions" is wider than its column: break after the slash.
        data.append([Paragraph(escape(h).replace("/", "/<br/>") if narrow else escape(h),
                               label) for h in block.header])
    for line in block.rows:
        row = table.child("TR")
        cells.append([row.child("TD") for _ in line])
        data.append([Paragraph(_cell(v), value) for v in line])
    columns = len(block.header or block.rows[0])
    widths = [WIDTH * w for w in block.widths] if block.widths else _widths(columns)
    grid = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1 if
                 block.header else 0, renderCB=tagger.table_callback(cells))
    grid.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#808080")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        *([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF1F6"))]
          if block.header else []),
    ]))
    return grid


def programme_pdf(doc: ProgrammeDocument) -> bytes:
    s = _styles()
    label, value, heading = particular_styles(s)
    tagger = Tagger()
    root = tagger.root
    story: list[Flowable] = [*council_and_title(tagger, s, doc.council, doc.title)]
    for block in doc.blocks:
        sect = root.child("Sect")
        kept: list[Flowable] = []
        if block.heading:
            kept.append(Tagged(tagger, sect.child("H2"),
                               Paragraph(escape(block.heading), heading)))
        if block.note:
            kept.append(Tagged(tagger, sect.child("P"),
                               Paragraph(f"<i>{escape(block.note)}</i>", s["body"])))
        if block.rows or block.header:
            kept.append(_grid(tagger, sect, block, label, value))
        story += [KeepTogether(kept), Spacer(1, 6)]
    story.append(Tagged(tagger, root.child("P"), Paragraph(escape(doc.updated), s["body"])))
    return _render(story, tagger, doc.info, doc.footer)


# --- Word --------------------------------------------------------------------------------------


def programme_docx(doc: ProgrammeDocument) -> bytes:
    word = started(doc.council, doc.title)
    for block in doc.blocks:
        if block.heading:
            word.add_heading(block.heading, level=2)
        if block.note:
            word.add_paragraph().add_run(block.note).italic = True
        if not (block.rows or block.header):
            continue
        columns = len(block.header or block.rows[0])
        table = word.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        if block.header:
            for cell, name in zip(table.add_row().cells, block.header, strict=True):
                cell.paragraphs[0].add_run(name).bold = True
        for line in block.rows:
            for cell, text in zip(table.add_row().cells, line, strict=True):
                cell.paragraphs[0].text = text
        word.add_paragraph()
    word.add_paragraph(doc.updated)
    return finished(word, doc.footer, doc.info)


def work_programme(programme: WorkProgramme, style: dict[str, Any], fmt: str) -> bytes:
    document = programme_document(programme, style)
    return programme_pdf(document) if fmt == "pdf" else programme_docx(document)
