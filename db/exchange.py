"""Import and export of interchange files, and the demo register."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from db.files import OutputError, atomic_write
from db.register import ImportSummary, Register
from db.store import write_transaction
from governance.interchange import (
    dumps,
    iter_papers,
    paper_file_names,
    read_document,
    to_dict,
)


def import_file(register: Register, path: Path) -> ImportSummary:
    """Check the whole file first, then add it in one transaction: all or nothing.

    The check against what the register holds runs inside the same write transaction as
    the insert, so another writer cannot add a clashing name between the two."""
    with write_transaction(register.db):
        doc = read_document(Path(path), register.known_names())
        return register.import_document(doc, source="import")


def export_text(register: Register, public: bool = False) -> str:
    return dumps(to_dict(register.document(), public=public))


def export_file(register: Register, path: Path, public: bool = False) -> int:
    """Write the JSON and its papers (in ``papers/`` beside it). Returns papers written."""
    path = Path(path)
    doc = register.document()
    data = to_dict(doc, public=public)
    names = paper_file_names(doc, public)
    written = 0
    papers = [p for m in doc.meetings for p in iter_papers(m.items, public)]
    folder = path.parent / "papers"
    created: list[Path] = []  # what this export added, removed again if it fails
    try:
        if papers:
            if not folder.is_dir():
                try:
                    folder.mkdir()
                except OSError as exc:
                    raise OutputError(f"{folder}: cannot write here ({exc.strerror})") from None
                created.append(folder)
            for paper in papers:
                target = folder / names[id(paper)]
                existed = target.exists()
                atomic_write(target, paper.content or b"")
                if not existed:
                    created.append(target)
                written += 1
        atomic_write(path, dumps(data).encode("utf-8"))
    except OutputError:
        for leftover in reversed(created):
            try:
                if leftover == folder:
                    leftover.rmdir()
                else:
                    leftover.unlink()
            except OSError:
                pass
        raise
    return written


def load_demo(register: Register) -> ImportSummary:
    """The demo register: the 2019 and 2023 Adult Social Care Cabinet Committee papers."""
    with resources.as_file(resources.files("db").joinpath("demo/register.json")) as path:
        doc = read_document(path, register.known_names())
    return register.import_document(doc, source="demo")
