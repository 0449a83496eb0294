"""A tagged two-column table of particulars (a row's label as its header cell, the value
line by line), as the Forward Plan's entries and the statutory notices print them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from templates.pdf_tagged import Tagged, Tagger
from templates.record_pdf import WIDTH


def particular_styles(s: dict[str, ParagraphStyle]
                      ) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """The label, the value and a section heading, as the register's lists print them."""
    return (ParagraphStyle("particular_label", s["cell_label"], fontSize=10, leading=13),
            ParagraphStyle("particular_value", s["cell_plain"], fontSize=10, leading=13),
            ParagraphStyle("particular_heading", s["label"], fontSize=11.5, spaceBefore=14,
                           spaceAfter=5))


def council_and_title(tagger: Tagger, s: dict[str, ParagraphStyle], council: str,
                      title: str) -> list[Tagged]:
    """The council's name and the document's title (its H1), the lists' first lines."""
    return [Tagged(tagger, tagger.root.child("P"), Paragraph(escape(council), s["council"])),
            Tagged(tagger, tagger.root.child("H1"), Paragraph(escape(title), s["heading"]))]


def particulars(tagger: Tagger, table: Any, rows: Iterable[tuple[str, Sequence[str]]],
                label: ParagraphStyle, value: ParagraphStyle,
                style: list[tuple[Any, ...]]) -> Table:
    """``rows`` as a table tagged under the structure element ``table`` (each row a TR of
    a row-scoped TH and a TD), laid out 30:70 across the page with ``style``."""
    cells, data = [], []
    for name, lines in rows:
        row = table.child("TR")
        cells.append([row.child("TH", attrs={"O": "Table", "Scope": "Row"}), row.child("TD")])
        data.append([Paragraph(escape(name), label),
                     Paragraph("<br/>".join(escape(line) for line in lines), value)])
    grid = Table(data, colWidths=[WIDTH * 0.3, WIDTH * 0.7], hAlign="LEFT",
                 renderCB=tagger.table_callback(cells))
    grid.setStyle(TableStyle(style))
    return grid
