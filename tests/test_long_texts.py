"""Text of any length in any field: every document (record and cover, PDF and Word, the
front sheet, the pack) breaks it across pages and finishes. Each render runs in a process
of its own with a time limit, so a renderer that never finishes fails its test instead
of hanging the run (a hang, not speed, is what is tested: the figures are in
benchmarks/long_texts.py)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from tests.conftest import _SAMPLE, pdf_bytes
from tests.hostile_inputs import import_into, lengthen, render_in_process, words

#: Far beyond what rendering takes (seconds, on a loaded machine); only a hang reaches it.
HANG = 240


def _register(tmp_path: Path, doc: dict[str, Any]) -> Path:
    doc["meetings"][0]["items"][1]["papers"] = [{"path": "report.pdf",
                                                 "title": doc["decisions"][0]["title"]}]
    (tmp_path / "report.pdf").write_bytes(pdf_bytes("the report"))
    return import_into(tmp_path, doc)


def _text(path: Path) -> str:
    """The PDF's words in order, without the pages' footers (which come between them)."""
    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    text = " ".join(" ".join(page.extract_text() or "" for page in pages).split())
    return re.sub(r" ?Decision No: \S+ – page \d+", "", text)


def _sample() -> dict[str, Any]:
    return json.loads(json.dumps(_SAMPLE))


@pytest.mark.parametrize("count", [1_000, 2_000, 20_000])
def test_reasons_of_any_length_break_across_pages(tmp_path: Path, count: int) -> None:
    doc = _sample()
    reasons = words(count)
    doc["decisions"][0]["reasons"] = reasons
    out = tmp_path / "out"
    pages = render_in_process(_register(tmp_path, doc), out, HANG)

    assert pages["record-23-00098.pdf"] >= count // 700  # about 600 words a page
    text = _text(out / "record-23-00098.pdf")
    # All of it, in order, then the fields after it and the signature block.
    last_words = " ".join(reasons.split()[-30:])
    assert last_words in text
    assert text.index(last_words) < text.index("Cabinet Committee recommendations")
    assert text.rstrip().endswith("date")
    assert last_words in " ".join(p.text for p in
                                  Document(str(out / "record-23-00098.docx")).paragraphs)


def test_a_description_of_twenty_thousand_words_on_the_front_sheet_and_pack(
        tmp_path: Path) -> None:
    doc = _sample()
    description = words(20_000, paragraph_every=0)
    doc["meetings"][0]["items"][1]["description"] = description
    out = tmp_path / "out"
    pages = render_in_process(_register(tmp_path, doc), out, HANG)

    assert pages["front-2023-11-23.pdf"] > 20
    assert " ".join(description.split()[-30:]) in _text(out / "front-2023-11-23.pdf")
    # The pack: the front sheet, then the report (one page and its padding page).
    assert pages["pack-2023-11-23.pdf"] >= pages["front-2023-11-23.pdf"] + 2


def test_long_text_in_every_field_at_once(tmp_path: Path) -> None:
    """Every name and every text (titles, the decision-maker, the signer, the venue, the
    clerk, party groups, members, posts ...) a thousand and a half words longer."""
    doc = lengthen(_sample(), 1_500)
    out = tmp_path / "out"
    pages = render_in_process(_register(tmp_path, doc), out, HANG)

    for name, count in pages.items():
        if name.endswith(".pdf"):
            assert count > 3, name
    record = _text(out / "record-23-00077.pdf")  # a taken record: signed by, on
    assert "Clair Bell The council will commission" in record
    assert record.rstrip().endswith("date")
    front = _text(out / "front-2023-11-23.pdf")
    assert "Council Chamber, Sessions House, County Hall, Maidstone The council" in front
    assert pages["pack-2023-11-23-public.pdf"] > pages["front-2023-11-23.pdf"]
