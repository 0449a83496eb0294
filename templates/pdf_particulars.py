"""A tagged two-column table of particulars (a row's label as its header cell, the value
line by line), as the Forward Plan's entries and the statutory notices print them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from templates.pdf_tagged import Tagger
from templates.record_pdf import WIDTH


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
