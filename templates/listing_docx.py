"""The Word frame the register's lists share (the Forward Plan, the Work Programme): Arial,
the council's name on the right, the title as the first heading; at the end, the footer's
words, the document's properties and language."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from templates.docx_properties import set_properties
from templates.record import DocumentInfo
from templates.record_docx import LANGUAGE, set_language


def begin(council: str, title: str) -> Any:
    """A new Word document with the council's name and the title."""
    word = Document()
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    name = word.add_paragraph(council)
    name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    name.runs[0].bold = True
    word.add_heading(title, level=1)
    return word


def finish(word: Any, footer: str, info: DocumentInfo) -> bytes:
    """The footer (without the page number: Word numbers its own), properties, language;
    the bytes."""
    for section in word.sections:
        section.footer.paragraphs[0].text = footer.replace(" – page {page}", "")
    set_properties(word, title=info.title, author=info.author, subject=info.subject,
                   language=LANGUAGE, keywords=info.keywords)
    set_language(word, LANGUAGE)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
