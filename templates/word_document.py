"""What the register's simple Word documents (the Forward Plan, the Work Programme, the
statutory notices)
share: the council's name over the title, a two-column table of particulars (bold label,
value line by line), and the footer and properties they are saved with."""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from templates.docx_properties import set_properties
from templates.record import DocumentInfo
from templates.record_docx import LANGUAGE, set_language


def started(council: str, title: str) -> WordDocument:
    """A new document in Arial 10.5 with the council's name (right, bold) and ``title``."""
    word = Document()
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    heading = word.add_paragraph(council)
    heading.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    heading.runs[0].bold = True
    word.add_heading(title, level=1)
    return word


def add_rows(word: WordDocument, rows: Iterable[tuple[str, tuple[str, ...]]]) -> None:
    """A gridded table: each row's label in bold, its value a paragraph a line."""
    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, lines in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(name).bold = True
        cells[1].paragraphs[0].text = lines[0] if lines else ""
        for line in lines[1:]:
            cells[1].add_paragraph(line)


def finished(word: WordDocument, footer: str, info: DocumentInfo) -> bytes:
    """The document's bytes, with ``footer`` (its page number dropped) and ``info``."""
    for section in word.sections:
        section.footer.paragraphs[0].text = footer.replace(" – page {page}", "")
    set_properties(word, title=info.title, author=info.author, subject=info.subject,
                   language=LANGUAGE, keywords=info.keywords)
    set_language(word, LANGUAGE)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
