"""Import and export of interchange files, and the demo register."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from db.files import atomic_write
from db.register import ImportSummary, Register
from governance.interchange import (
    dumps,
    iter_papers,
    paper_file_names,
    read_document,
    to_dict,
)


def import_file(register: Register, path: Path) -> ImportSummary:
    """Check the whole file first, then add it in one transaction: all or nothing."""
    doc = read_document(Path(path), register.known_names())
    return register.import_document(doc, source="import")


def export_text(register: Register, public: bool = False) -> str:
    return dumps(to_dict(register.document(), public=public))


def export_file(register: Register, path: Path, public: bool = False) -> int:
    """Write the JSON and its papers (in ``papers/`` beside it). Returns papers written."""
    path = Path(path)
    doc = register.document()
    data = to_dict(doc, public=public)
    names = paper_file_names(doc)
    written = 0
    papers = [p for m in doc.meetings for p in iter_papers(m.items, public)]
    if papers:
        folder = path.parent / "papers"
        folder.mkdir(exist_ok=True)
        for paper in papers:
            atomic_write(folder / names[id(paper)], paper.content or b"")
            written += 1
    atomic_write(path, dumps(data).encode("utf-8"))
    return written


def load_demo(register: Register) -> ImportSummary:
    """The demo register: the 2019 and 2023 Adult Social Care Cabinet Committee papers."""
    with resources.as_file(resources.files("db").joinpath("demo/register.json")) as path:
        doc = read_document(path, register.known_names())
    return register.import_document(doc, source="demo")
